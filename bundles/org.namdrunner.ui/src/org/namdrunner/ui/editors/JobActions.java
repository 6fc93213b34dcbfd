package org.namdrunner.ui.editors;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.JobLifecycle;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.automation.steps.DownloadResultsStep;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.RestartWiring;
import org.namdrunner.workflow.WorkflowException;
import org.namdrunner.workflow.Workflows;

/**
 * The job editor's actions — submit, cancel, sync, download results, continue, restart, delete — each a cancellable
 * Eclipse job with progress (family {@link JobActions}), enabled by the job's state. Cluster and workflow work runs
 * in the job, never on the UI thread; the result (a message, or the error in words) goes to a callback and, for
 * errors, to the platform's error reporting of user jobs.
 */
public final class JobActions {

    /** The actions, with their button labels. */
    public enum Action {
        SUBMIT("Submit"), CANCEL("Cancel Job"), SYNC("Sync"), DOWNLOAD("Download Results\u2026"), CONTINUE("Continue"),
        RESTART("Restart"), DELETE("Delete\u2026");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What an action produced: a message for the status line and, for continue/restart, the new job. */
    public record Outcome(IStatus status, Job created) {
    }

    private JobActions() {
    }

    /** Whether the action makes sense for a job in this state. */
    public static boolean enabled(Action a, Job j) {
        if (j == null) {
            return false;
        }
        JobState s = j.state();
        return switch (a) {
            case SUBMIT -> s == JobState.CREATED && j.slurmJobId() == null;
            case CANCEL -> s.isActive() || s == JobState.CREATED || s == JobState.BLOCKED || s == JobState.STAGING;
            case SYNC -> j.profileId() != null;
            case DOWNLOAD -> s.isTerminal() && j.remoteProjectDir() != null;
            case CONTINUE -> s == JobState.COMPLETED || s == JobState.TIMEOUT || s.isActive();
            case RESTART -> s.isFailure();
            case DELETE -> true;
        };
    }

    /** Why an action is disabled (tooltip), or its description when enabled. */
    public static String tooltip(Action a, Job j) {
        boolean on = enabled(a, j);
        return switch (a) {
            case SUBMIT -> on ? "Queue the job for submission to the cluster" : "Only a created job that was not submitted yet can be submitted";
            case CANCEL -> on ? "Cancel the job on the cluster" : "The job is not queued or running";
            case SYNC -> "Ask the cluster for the job's state (and release queued chain jobs)";
            case DOWNLOAD -> on ? "Download the files of output/ to a local folder" : "Results can be downloaded once the job has ended";
            case CONTINUE -> on ? "Create and queue the next stage: a child job that starts from this job's restart files"
                    : "A job can be continued once it completed or timed out (or while it runs)";
            case RESTART -> on ? "Run the same stage again from this job's last restart files (its dependants are handed over)"
                    : "Only a failed, cancelled or timed-out job can be restarted";
            case DELETE -> "Delete the job's record, optionally with its files on the cluster";
        };
    }

    private static Job reload(String id) throws WorkflowException {
        return NamdRunnerUi.store().jobs().find(id).orElseThrow(() -> new WorkflowException("The job was deleted"));
    }

    private static StepContext context(ClusterSession s, Job j) {
        return new StepContext(s, JobSessions.workflows().recorder(), null, null, j);
    }

    /** Work of one action, run in the background job. */
    private interface Work {
        Outcome run(SubMonitor monitor) throws Exception;
    }

    private static org.eclipse.core.runtime.jobs.Job schedule(String name, Work work, Consumer<Outcome> done) {
        org.eclipse.core.runtime.jobs.Job job = new org.eclipse.core.runtime.jobs.Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                Outcome out;
                try {
                    synchronized (JobSessions.workflowLock()) {
                        out = work.run(SubMonitor.convert(monitor, name, 100));
                    }
                } catch (OperationCanceledException e) {
                    out = new Outcome(Status.CANCEL_STATUS, null);
                } catch (Exception e) {
                    if (monitor.isCanceled()) {
                        out = new Outcome(Status.CANCEL_STATUS, null);
                    } else {
                        out = new Outcome(Status.error(name + " failed: " + NamdRunnerUi.message(e)), null);
                    }
                } finally {
                    NamdRunnerUi.fireJobsChanged();
                }
                if (done != null) {
                    done.accept(out);
                }
                return out.status().getSeverity() == IStatus.ERROR ? new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, out.status().getMessage())
                        : out.status().matches(IStatus.CANCEL) ? Status.CANCEL_STATUS : Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == JobActions.class;
            }
        };
        job.setUser(true);
        job.schedule();
        return job;
    }

    private static Outcome ok(String message) {
        return new Outcome(Status.info(message), null);
    }

    /** Queues a created job and runs one scheduling round, which releases it within the profile's cap. */
    public static org.eclipse.core.runtime.jobs.Job submit(Job j, Consumer<Outcome> done) {
        return schedule("Submitting " + j.name(), m -> {
            Workflows wf = JobSessions.workflows();
            if (wf.state().node(j.id()).isEmpty()) {
                throw new WorkflowException("'" + j.name() + "' was not created through NAMDRunner's job queue, so its inputs "
                        + "cannot be prepared again: create a new job (File > New Job)");
            }
            ClusterSession s = JobSessions.session(j.profileId(), m.split(20));
            wf.submit(j.id());
            Workflows.TickResult t = wf.tick(s, true, m.split(80));
            Job now = reload(j.id());
            return problems(t, now.slurmJobId() != null ? "Submitted as Slurm job " + now.slurmJobId()
                    : "Queued for submission (" + now.state().label() + ")");
        }, done);
    }

    public static org.eclipse.core.runtime.jobs.Job cancel(Job j, Consumer<Outcome> done) {
        return schedule("Cancelling " + j.name(), m -> {
            ClusterSession s = JobSessions.session(j.profileId(), m.split(20));
            Job now = new JobLifecycle(AutomationStepRegistry.fromExtensions()).cancel(context(s, reload(j.id())), m.split(80));
            return ok("Job " + now.state().label().toLowerCase(java.util.Locale.ROOT));
        }, done);
    }

    /** Asks the cluster about the profile's jobs (one round trip) and advances chains and the queue. */
    public static org.eclipse.core.runtime.jobs.Job sync(Job j, Consumer<Outcome> done) {
        return schedule("Synchronizing " + j.name(), m -> {
            ClusterSession s = JobSessions.session(j.profileId(), m.split(20));
            Workflows.TickResult t = JobSessions.workflows().tick(s, true, m.split(80));
            return problems(t, "Synchronized: " + reload(j.id()).state().label());
        }, done);
    }

    private static Outcome problems(Workflows.TickResult t, String message) {
        if (!t.problems().isEmpty()) {
            return new Outcome(Status.warning(message + "; " + String.join("; ", t.problems())), null);
        }
        return ok(message);
    }

    /**
     * Downloads output/ into {@code target/<job name>-<id prefix>/output}: every download goes to a folder of its own
     * job, so results of two jobs never mix (the same rule as the Jobs view's download of several jobs).
     */
    public static org.eclipse.core.runtime.jobs.Job download(Job j, Path target, Consumer<Outcome> done) {
        return downloadAll(java.util.List.of(j), target, done);
    }

    /**
     * Cancels several jobs (the Jobs view's multi-selection) in one background job: per cluster profile one
     * {@code scancel} for all of its queued and running jobs, then each is recorded CANCELLED (locally and in its
     * job_info.json). Jobs that already ended are left as they are.
     */
    public static org.eclipse.core.runtime.jobs.Job cancelAll(java.util.List<Job> jobs, Consumer<Outcome> done) {
        return schedule("Cancelling " + jobs.size() + (jobs.size() == 1 ? " job" : " jobs"), m -> {
            java.util.Map<String, java.util.List<Job>> byProfile = new java.util.LinkedHashMap<>();
            for (Job j : jobs) {
                Job now = NamdRunnerUi.store().jobs().find(j.id()).orElse(null);
                if (now != null && !now.state().isTerminal()) {
                    byProfile.computeIfAbsent(now.profileId(), k -> new java.util.ArrayList<>()).add(now);
                }
            }
            int cancelled = 0;
            m.setWorkRemaining(byProfile.size() * 10 + 1);
            for (java.util.Map.Entry<String, java.util.List<Job>> e : byProfile.entrySet()) {
                ClusterSession s = JobSessions.session(e.getKey(), m.split(2));
                java.util.List<String> ids = e.getValue().stream().map(Job::slurmJobId).filter(java.util.Objects::nonNull).toList();
                if (!ids.isEmpty()) {
                    s.cancel(ids, m.split(3));
                }
                SubMonitor each = m.split(5).setWorkRemaining(e.getValue().size());
                for (Job j : e.getValue()) {
                    JobSessions.workflows().recorder().record(j.toBuilder().state(JobState.CANCELLED).reason("cancelled by the user")
                            .endedAt(java.time.Instant.now()).build(), "cancelled by the user", "user", s, each.split(1));
                    cancelled++;
                }
            }
            int skipped = jobs.size() - cancelled;
            return ok("Cancelled " + cancelled + (cancelled == 1 ? " job" : " jobs")
                    + (skipped > 0 ? "; " + skipped + " had already ended" : ""));
        }, done);
    }

    /** Downloads the results (output/) of several jobs, each into {@code target/<job name>-<id prefix>}. */
    public static org.eclipse.core.runtime.jobs.Job downloadAll(java.util.List<Job> jobs, Path target, Consumer<Outcome> done) {
        return schedule("Downloading the results of " + jobs.size() + (jobs.size() == 1 ? " job" : " jobs"), m -> {
            m.setWorkRemaining(jobs.size());
            java.util.List<String> failed = new java.util.ArrayList<>();
            for (Job j : jobs) {
                SubMonitor one = m.split(1).setWorkRemaining(10);
                try {
                    ClusterSession s = JobSessions.session(j.profileId(), one.split(1));
                    StepContext ctx = context(s, reload(j.id()));
                    ctx.attributes().put("localResultsDir", target.resolve(JobSessions.defaultResultsDir(j).getFileName()));
                    new DownloadResultsStep().execute(ctx, one.split(9));
                } catch (OperationCanceledException e) {
                    throw e;
                } catch (Exception e) {
                    if (m.isCanceled()) {
                        throw new OperationCanceledException();
                    }
                    failed.add(j.name() + ": " + NamdRunnerUi.message(e));
                }
            }
            if (!failed.isEmpty()) {
                return new Outcome(Status.warning("Downloaded " + (jobs.size() - failed.size()) + " of " + jobs.size()
                        + " jobs into " + target + "; failed: " + String.join("; ", failed)), null);
            }
            return ok(jobs.size() == 1 ? "Results downloaded to " + target.resolve(JobSessions.defaultResultsDir(jobs.get(0)).getFileName())
                    : "Downloaded the results of " + jobs.size() + " jobs into " + target);
        }, done);
    }

    /** Creates the next stage (a CONTINUE child wired to this job's restart files) and queues it. */
    public static org.eclipse.core.runtime.jobs.Job continueJob(Job j, Consumer<Outcome> done) {
        return schedule("Continuing " + j.name(), m -> {
            ClusterSession s = JobSessions.session(j.profileId(), m.split(10));
            Workflows wf = JobSessions.workflows();
            JobSpec spec = JobSpec.named(null).parent(j.id(), RestartWiring.Mode.CONTINUE).submit(true);
            Job child = wf.createChild(s, spec, m.split(50));
            Workflows.TickResult t = wf.tick(s, true, m.split(40));
            Outcome o = problems(t, "Created '" + child.name() + "', the next stage");
            return new Outcome(o.status(), reload(child.id()));
        }, done);
    }

    /** Restarts a failed, cancelled or timed-out job (a RESTART child; dependants are handed to it). */
    public static org.eclipse.core.runtime.jobs.Job restart(Job j, Consumer<Outcome> done) {
        return schedule("Restarting " + j.name(), m -> {
            ClusterSession s = JobSessions.session(j.profileId(), m.split(10));
            Workflows wf = JobSessions.workflows();
            Job child = wf.retry(s, j.id(), m.split(50));
            wf.submit(child.id());
            Workflows.TickResult t = wf.tick(s, true, m.split(40));
            Outcome o = problems(t, "Created '" + child.name() + "', a restart");
            return new Outcome(o.status(), reload(child.id()));
        }, done);
    }

    /** Deletes the job's record and, when {@code withFiles}, cancels it and removes its directories on the cluster. */
    public static org.eclipse.core.runtime.jobs.Job delete(Job j, boolean withFiles, Consumer<Outcome> done) {
        return schedule("Deleting " + j.name(), m -> {
            if (withFiles) {
                ClusterSession s = JobSessions.session(j.profileId(), m.split(20));
                new JobLifecycle(AutomationStepRegistry.fromExtensions()).delete(context(s, reload(j.id())), m.split(70));
            } else {
                NamdRunnerUi.store().jobs().delete(j.id());
            }
            JobSessions.workflows().state().remove(j.id());
            try {
                JobSessions.documents().forget(j.id());
            } catch (java.io.IOException e) {
                NamdRunnerUi.log(IStatus.WARNING, "Cached files of job " + j.id() + " were not removed", e);
            }
            return ok("Deleted '" + j.name() + "'" + (withFiles ? " and its files on the cluster" : ""));
        }, done);
    }
}

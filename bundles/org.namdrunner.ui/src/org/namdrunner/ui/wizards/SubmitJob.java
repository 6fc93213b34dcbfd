package org.namdrunner.ui.wizards;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.ProgressMonitorWrapper;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.ConfigRenderer;
import org.namdrunner.automation.JobLifecycle;
import org.namdrunner.automation.JobRecorder;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * Finish of the Create Job wizard, as a cancellable user job in the Progress view: connects when needed, then runs
 * the submit chain of the job lifecycle (create → upload inputs → render → job script → submit), one step at a
 * time so the Jobs view shows the job from its first state. When the job is on the queue, a second background job
 * follows it (track → finalize → download results → clean up) and downloads logs and results into
 * {@code <results folder>/<job name>-<id>}.
 */
public class SubmitJob extends Job {

    /** Family of the submit and follow-up jobs (for tests and shutdown). */
    public static final Object FAMILY = SubmitJob.class;

    private final ProfileConfig profile;
    private final JobRequest request;
    private final ConfigRenderer renderer;
    private final Path resultsRoot;
    private volatile org.namdrunner.core.model.Job job;
    private volatile Job followUp;

    SubmitJob(ProfileConfig profile, JobRequest request, ConfigRenderer renderer, Path resultsRoot) {
        super("Creating job '" + request.name() + "' on " + profile.name());
        this.profile = profile;
        this.request = request;
        this.renderer = renderer;
        this.resultsRoot = resultsRoot;
        setUser(true);
    }

    /** Schedules the submit of a request on a profile; returns the scheduled job. */
    public static SubmitJob schedule(ProfileConfig profile, JobRequest request, ConfigRenderer renderer, Path resultsRoot) {
        SubmitJob j = new SubmitJob(profile, request, renderer, resultsRoot);
        j.schedule();
        return j;
    }

    /** The NAMDRunner job once the create step stored it (null before). */
    public org.namdrunner.core.model.Job job() {
        return job;
    }

    /** The follow-up (tracking) job, once scheduled. */
    public Job followUp() {
        return followUp;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        List<String> chain = JobLifecycle.SUBMIT_CHAIN;
        SubMonitor sub = SubMonitor.convert(monitor, getName(), chain.size() + 1);
        ClusterSession session = null;
        boolean handedOver = false;
        try {
            sub.subTask(profileNeedsConnection() ? "Connecting to " + profile.name() : "Opening " + profile.name());
            session = org.namdrunner.ui.remote.WorkbenchSessions.open(profile, sub.split(1));
            StepContext ctx = new StepContext(session, new JobRecorder(NamdRunnerUi.store()), request, renderer, null);
            JobLifecycle lifecycle = new JobLifecycle(AutomationStepRegistry.fromExtensions());
            for (String step : chain) {
                try {
                    lifecycle.run(ctx, List.of(step), sub.split(1));
                } finally {
                    job = ctx.job();
                    NamdRunnerUi.fireJobsChanged();
                }
                if (job != null && resultsRoot != null && ctx.attributes().get("localResultsDir") == null) {
                    ctx.attributes().put("localResultsDir",
                            resultsRoot.resolve(Names.slug(job.name()) + "-" + job.id().substring(0, 8)));
                }
            }
            Job follow = new FollowUp(ctx, lifecycle, session);
            followUp = follow;
            follow.schedule();
            handedOver = true;
            return Status.OK_STATUS;
        } catch (StepException e) {
            if (e.getKind() == ClusterException.Kind.CANCELLED || sub.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            return error(e.getMessage());
        } catch (ClusterException e) {
            if (e.getKind() == ClusterException.Kind.CANCELLED || sub.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            return error(e.getMessage());
        } catch (RuntimeException e) {
            NamdRunnerUi.log(IStatus.ERROR, "Creating job " + request.name() + " failed", e);
            return error(NamdRunnerUi.message(e));
        } finally {
            if (!handedOver && session != null) {
                session.close();
            }
            NamdRunnerUi.fireJobsChanged();
        }
    }

    private boolean profileNeedsConnection() {
        return org.namdrunner.ui.remote.WorkbenchSessions.needsConnection(profile);
    }

    /** Title of the dialog that reports a failed submit. */
    public static final String ERROR_TITLE = "Job Not Submitted";

    /** The error status, also shown at once in a dialog (the Progress view keeps it too). */
    private IStatus error(String message) {
        String what = job == null ? "Job '" + request.name() + "' was not created"
                : "Job '" + request.name() + "' was created but not submitted (state " + job.state().label() + ")";
        IStatus status = new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, what + ":\n" + message);
        setProperty(org.eclipse.ui.progress.IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
        setProperty(org.eclipse.ui.progress.IProgressConstants.KEEP_PROPERTY, Boolean.TRUE);
        if (org.eclipse.ui.PlatformUI.isWorkbenchRunning()) {
            org.eclipse.swt.widgets.Display display = org.eclipse.ui.PlatformUI.getWorkbench().getDisplay();
            display.asyncExec(() -> {
                org.eclipse.ui.IWorkbenchWindow w = org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow();
                org.eclipse.jface.dialogs.MessageDialog.openError(w == null ? null : w.getShell(), ERROR_TITLE,
                        status.getMessage());
            });
        }
        return status;
    }

    /**
     * Follows a submitted job to its end (track, finalize, download, clean up), telling the Jobs view about every
     * state change. Stopping it (Progress view) leaves the job running on the cluster; Sync keeps updating it.
     */
    private static final class FollowUp extends Job {
        private final StepContext ctx;
        private final JobLifecycle lifecycle;
        private final ClusterSession session;

        FollowUp(StepContext ctx, JobLifecycle lifecycle, ClusterSession session) {
            super("Following job '" + ctx.job().name() + "' (" + ctx.job().slurmJobId() + ")");
            this.ctx = ctx;
            this.lifecycle = lifecycle;
            this.session = session;
            setSystem(false);
            setUser(false);
        }

        @Override
        public boolean belongsTo(Object family) {
            return family == FAMILY;
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            // TrackStep polls the monitor often: use that to show every recorded state change at once
            IProgressMonitor watching = new ProgressMonitorWrapper(monitor) {
                private org.namdrunner.core.model.Job seen = ctx.job();

                @Override
                public boolean isCanceled() {
                    org.namdrunner.core.model.Job now = ctx.job();
                    if (now != seen) {
                        seen = now;
                        NamdRunnerUi.fireJobsChanged();
                    }
                    return super.isCanceled();
                }
            };
            try {
                lifecycle.run(ctx, JobLifecycle.FINISH_CHAIN, watching);
                return Status.OK_STATUS;
            } catch (StepException e) {
                if (e.getKind() == ClusterException.Kind.CANCELLED || monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                return new Status(IStatus.WARNING, NamdRunnerUi.PLUGIN_ID, "Stopped following job '" + ctx.job().name()
                        + "': " + e.getMessage() + "\nSync (F5) keeps its state up to date.");
            } catch (RuntimeException e) {
                NamdRunnerUi.log(IStatus.ERROR, "Following job " + ctx.job().name() + " failed", e);
                return new Status(IStatus.WARNING, NamdRunnerUi.PLUGIN_ID, "Stopped following job '" + ctx.job().name()
                        + "': " + NamdRunnerUi.message(e));
            } finally {
                session.close();
                NamdRunnerUi.fireJobsChanged();
            }
        }
    }
}

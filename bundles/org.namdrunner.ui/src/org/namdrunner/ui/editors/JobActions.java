package org.namdrunner.ui.editors;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IStatus;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.op.CancelOperation;
import org.namdrunner.jobs.op.ContinueOperation;
import org.namdrunner.jobs.op.DeleteOperation;
import org.namdrunner.jobs.op.DownloadOperation;
import org.namdrunner.jobs.op.DuplicateOperation;
import org.namdrunner.jobs.op.JobOperation;
import org.namdrunner.jobs.op.SubmitOperation;
import org.namdrunner.jobs.op.SyncOperation;
import org.namdrunner.ui.jobs.Engine;
import org.namdrunner.ui.jobs.OperationJob;
import org.namdrunner.workflow.RestartWiring;

/**
 * The job editor's and the Jobs view's actions — submit, cancel, sync, download results, continue, restart, duplicate,
 * delete —
 * enabled by the job's state; each runs an operation of the jobs layer ({@code org.namdrunner.jobs.op}) in an
 * {@link OperationJob} with the operation's scheduling rule. The result (a message, or the error in words) goes to a
 * callback and, for errors, to the platform's error reporting of user jobs.
 */
public final class JobActions {

    /** The actions, with their button labels. */
    public enum Action {
        SUBMIT("Submit"), CANCEL("Cancel Job"), SYNC("Sync"), DOWNLOAD("Download Results\u2026"), CONTINUE("Continue"),
        RESTART("Restart"), DUPLICATE("Duplicate\u2026"), DELETE("Delete\u2026");

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
            // from restart files that exist: not while the job runs (its restart files are still being written)
            case CONTINUE -> s == JobState.COMPLETED || s == JobState.TIMEOUT;
            case RESTART -> s.isFailure();
            // the copy's inputs come from the job's folder on the cluster
            case DUPLICATE -> j.remoteProjectDir() != null;
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
                    : "A job can be continued once it completed or timed out";
            case RESTART -> on ? "Run the same stage again from this job's last restart files (its dependants are handed over)"
                    : "Only a failed, cancelled or timed-out job can be restarted";
            case DUPLICATE -> on ? "Create a new job like this one (same template, values, resources and input files, "
                    + "copied on the cluster); change what differs before it is submitted"
                    : "A job can be duplicated once its folder exists on the cluster";
            case DELETE -> "Delete the job's record, optionally with its files on the cluster";
        };
    }

    private static org.eclipse.core.runtime.jobs.Job schedule(JobOperation op, Consumer<Outcome> done) {
        return OperationJob.schedule(op, done == null ? null : o -> done.accept(new Outcome(o.status(), o.first())));
    }

    /** Queues a created job and runs one scheduling round, which releases it within the profile's cap. */
    public static org.eclipse.core.runtime.jobs.Job submit(Job j, Consumer<Outcome> done) {
        return schedule(new SubmitOperation(Engine.service(), j), done);
    }

    public static org.eclipse.core.runtime.jobs.Job cancel(Job j, Consumer<Outcome> done) {
        return cancelAll(List.of(j), done);
    }

    /** Asks the cluster about the job's profile (one round trip for all its jobs) and advances chains and the queue. */
    public static org.eclipse.core.runtime.jobs.Job sync(Job j, Consumer<Outcome> done) {
        return schedule(new SyncOperation(Engine.service(), List.of(j.profileId()), true, true), done);
    }

    /** Downloads output/ into {@code target/<job name>-<id prefix>/output}, like the Jobs view's download. */
    public static org.eclipse.core.runtime.jobs.Job download(Job j, Path target, Consumer<Outcome> done) {
        return downloadAll(List.of(j), target, done);
    }

    /** Cancels several jobs: per cluster profile one cancel command for all of them ({@link CancelOperation}). */
    public static org.eclipse.core.runtime.jobs.Job cancelAll(List<Job> jobs, Consumer<Outcome> done) {
        return schedule(new CancelOperation(Engine.service(), jobs), done);
    }

    /** Downloads the results (output/) of several jobs, each into {@code target/<job name>-<id prefix>}. */
    public static org.eclipse.core.runtime.jobs.Job downloadAll(List<Job> jobs, Path target, Consumer<Outcome> done) {
        return schedule(new DownloadOperation(Engine.service(), jobs, target), done);
    }

    /** Creates the next stage (a CONTINUE child wired to this job's restart files) and queues it. */
    public static org.eclipse.core.runtime.jobs.Job continueJob(Job j, Consumer<Outcome> done) {
        return schedule(new ContinueOperation(Engine.service(), j, RestartWiring.Mode.CONTINUE), done);
    }

    /** Restarts a failed, cancelled or timed-out job (a RESTART child; dependants are handed to it). */
    public static org.eclipse.core.runtime.jobs.Job restart(Job j, Consumer<Outcome> done) {
        return schedule(new ContinueOperation(Engine.service(), j, RestartWiring.Mode.RESTART), done);
    }

    /**
     * Duplicate…: asks for the copy's name, values, cores and wall time ({@link DuplicateJobDialog}), then creates it
     * with its inputs copied on the cluster and queues it ({@link DuplicateOperation}); null when the dialog was closed.
     */
    public static org.eclipse.core.runtime.jobs.Job duplicate(org.eclipse.swt.widgets.Shell shell, Job j, Consumer<Outcome> done) {
        DuplicateJobDialog d = new DuplicateJobDialog(shell, j, DuplicateOperation.copyName(Engine.service().store(), j.name()));
        if (d.open() != org.eclipse.jface.window.Window.OK || d.changes() == null) {
            return null;
        }
        return schedule(new DuplicateOperation(Engine.service(), j, d.changes()), done);
    }

    /** Deletes the job's record and, when {@code withFiles}, cancels it and removes its directories on the cluster. */
    public static org.eclipse.core.runtime.jobs.Job delete(Job j, boolean withFiles, Consumer<Outcome> done) {
        return schedule(new DeleteOperation(Engine.service(), j, withFiles), done);
    }
}

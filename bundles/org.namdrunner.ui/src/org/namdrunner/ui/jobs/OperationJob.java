package org.namdrunner.ui.jobs;

import java.util.function.Consumer;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.namdrunner.jobs.op.JobOperation;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * Runs a jobs-layer operation as a cancellable user job in the Progress view, with the operation's scheduling rule
 * (per profile or per job: while another operation holds it, this one shows as waiting). The outcome goes to a
 * callback (in the job's thread) and, for errors, to the platform's error reporting of user jobs.
 */
public final class OperationJob extends Job {

    /** Family of every operation job (tests and shutdown). */
    public static final Object FAMILY = OperationJob.class;

    private final JobOperation operation;
    private final Consumer<JobOperation.Outcome> done;
    private volatile JobOperation.Outcome outcome;

    private OperationJob(JobOperation operation, Consumer<JobOperation.Outcome> done) {
        super(operation.name());
        this.operation = operation;
        this.done = done;
        setRule(operation.rule());
        setUser(true);
    }

    /** Schedules the operation; {@code done} (may be null) receives its outcome. */
    public static OperationJob schedule(JobOperation operation, Consumer<JobOperation.Outcome> done) {
        OperationJob j = new OperationJob(operation, done);
        j.schedule();
        return j;
    }

    public JobOperation operation() {
        return operation;
    }

    /** The outcome once the job ran (null before). */
    public JobOperation.Outcome outcome() {
        return outcome;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        JobOperation.Outcome out;
        try {
            out = operation.run(monitor);
        } catch (OperationCanceledException e) {
            out = new JobOperation.Outcome(Status.CANCEL_STATUS, java.util.List.of());
        } catch (CoreException e) {
            out = new JobOperation.Outcome(e.getStatus(), java.util.List.of());
        } catch (RuntimeException e) {
            NamdRunnerUi.log(IStatus.ERROR, operation.name() + " failed", e);
            out = new JobOperation.Outcome(Status.error(operation.name() + " failed: " + NamdRunnerUi.message(e)), java.util.List.of());
        }
        outcome = out;
        if (done != null) {
            done.accept(out);
        }
        IStatus s = out.status();
        return s.getSeverity() == IStatus.ERROR ? new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, s.getMessage())
                : s.matches(IStatus.CANCEL) ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY || operation.getClass() == family;
    }
}

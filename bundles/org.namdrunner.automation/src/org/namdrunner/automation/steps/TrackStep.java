package org.namdrunner.automation.steps;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.IAutomationStep;
import org.namdrunner.automation.FailureExplanation;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.StatusReport;
import org.namdrunner.core.model.Job;

/**
 * Track: asks the cluster for the job's status (through the session's cache, so the profile's minimum interval
 * is honoured) until it reaches a terminal state; every change is persisted. Parameters: {@code pollSeconds}
 * (default: the profile's minimum interval, at least 1), {@code timeoutSeconds} (default none).
 */
public class TrackStep implements IAutomationStep {
    @Override
    public void execute(StepContext ctx, IProgressMonitor monitor) throws StepException {
        Job job = ctx.job();
        if (job.slurmJobId() == null) {
            if (job.state().isTerminal()) {
                return;
            }
            throw new StepException(Steps.TRACK, ClusterException.Kind.INVALID_REQUEST, "Job " + job.name() + " was not submitted", null);
        }
        int poll = ctx.intParameter("pollSeconds", Math.max(1, ctx.session().profile().statusMinIntervalSeconds()));
        int timeout = ctx.intParameter("timeoutSeconds", 0);
        long deadline = timeout > 0 ? System.nanoTime() + timeout * 1_000_000_000L : Long.MAX_VALUE;
        try {
            while (!job.state().isTerminal()) {
                Steps.checkCancel(Steps.TRACK, monitor);
                StatusReport r = ctx.session().status(List.of(job.slurmJobId()), false, monitor);
                JobStatus s = r.statuses().get(job.slurmJobId());
                if (s != null && Steps.changes(job, s)) {
                    s = FailureExplanation.explain(ctx.session(), job, s, monitor);
                    job = ctx.transition(Steps.apply(job, s), s.reason(), s.source(), monitor);
                }
                if (job.state().isTerminal()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new StepException(Steps.TRACK, ClusterException.Kind.COMMAND_FAILED, "Job " + job.name()
                            + " did not finish within " + timeout + " s (state " + job.state() + ")", null);
                }
                for (int i = 0; i < poll * 10; i++) {
                    Steps.checkCancel(Steps.TRACK, monitor);
                    Thread.sleep(100);
                }
            }
        } catch (ClusterException e) {
            throw new StepException(Steps.TRACK, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepException.cancelled(Steps.TRACK);
        }
    }
}

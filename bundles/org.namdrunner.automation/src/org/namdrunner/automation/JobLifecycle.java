package org.namdrunner.automation;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.namdrunner.automation.steps.Steps;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;

/**
 * Runs chains of steps on a job: the lifecycle is data (lists of step ids), so plugins can add or replace steps.
 * Defaults: {@link #SUBMIT_CHAIN} (create → upload → render → script → submit) and {@link #FINISH_CHAIN}
 * (track → finalize → download → cleanup).
 */
public class JobLifecycle {
    public static final List<String> SUBMIT_CHAIN = List.of(Steps.CREATE, Steps.UPLOAD, Steps.RENDER, Steps.SCRIPT, Steps.SUBMIT);
    public static final List<String> FINISH_CHAIN = List.of(Steps.TRACK, Steps.FINALIZE, Steps.DOWNLOAD, Steps.CLEANUP);

    private final AutomationStepRegistry registry;

    public JobLifecycle(AutomationStepRegistry registry) {
        this.registry = registry;
    }

    /** Runs the steps in order; a failing step stops the chain (its error is recorded as the job's reason). */
    public void run(StepContext ctx, List<String> stepIds, IProgressMonitor monitor) throws StepException {
        SubMonitor sub = SubMonitor.convert(monitor, stepIds.size());
        for (String id : stepIds) {
            if (sub.isCanceled()) {
                throw StepException.cancelled(id);
            }
            StepDescriptor d = registry.find(id).orElseThrow(() -> new StepException(id, ClusterException.Kind.CONFIGURATION,
                    "No automation step '" + id + "' is installed", null));
            sub.subTask(d.name());
            d.factory().get().execute(ctx, sub.split(1));
        }
    }

    /** Cancels the job on the cluster (if it is active there) and records CANCELLED. */
    public Job cancel(StepContext ctx, IProgressMonitor monitor) throws ClusterException {
        Job job = ctx.job();
        if (job.slurmJobId() != null && !job.state().isTerminal()) {
            ctx.session().cancel(List.of(job.slurmJobId()), monitor);
        }
        if (!job.state().isTerminal()) {
            job = ctx.transition(job.toBuilder().state(JobState.CANCELLED).reason("cancelled by the user")
                    .endedAt(java.time.Instant.now()).build(), "cancelled by the user", "user", monitor);
        }
        return job;
    }

    /** Deletes a job: cancels it if still active, removes its remote directories (confined) and the local record. */
    public void delete(StepContext ctx, IProgressMonitor monitor) throws ClusterException {
        Job job = ctx.job();
        ClusterSession s = ctx.session();
        if (job.slurmJobId() != null && job.state().isActive()) {
            s.cancel(List.of(job.slurmJobId()), monitor);
        }
        if (job.remoteScratchDir() != null) {
            s.files().deleteTree(job.remoteScratchDir(), monitor);
        }
        if (job.remoteProjectDir() != null) {
            s.files().deleteTree(job.remoteProjectDir(), monitor);
        }
        ctx.recorder().store().jobs().delete(job.id());
    }
}

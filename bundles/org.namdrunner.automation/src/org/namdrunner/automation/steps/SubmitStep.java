package org.namdrunner.automation.steps;

import java.time.Instant;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.IAutomationStep;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;

/**
 * Submit, never twice: the intent (state SUBMITTING with the submit token, which the script carries in
 * {@code --comment}) is persisted locally and in job_info.json BEFORE sbatch runs, the scheduler id right after.
 * When a previous attempt was interrupted (state SUBMITTING, no id), the cluster is asked for a job with the token
 * first and that job is adopted instead of submitting again.
 */
public class SubmitStep implements IAutomationStep {
    @Override
    public void execute(StepContext ctx, IProgressMonitor monitor) throws StepException {
        Job job = ctx.job();
        if (job.slurmJobId() != null) {
            return; // already submitted
        }
        try {
            if (job.state() == JobState.SUBMITTING && job.submitIntentToken() != null) {
                Optional<String> found = ctx.session().findBySubmitToken(job.submitIntentToken(), monitor);
                if (found.isPresent()) {
                    ctx.transition(job.toBuilder().slurmJobId(found.get()).state(JobState.PENDING)
                            .submittedAt(job.submittedAt() == null ? Instant.now() : job.submittedAt()).reason(null).build(),
                            "reconciled after an interrupted submit (found by submit token)", "reconcile", monitor);
                    return;
                }
            }
            JobScriptSpec spec = (JobScriptSpec) ctx.attributes().get(Steps.ATTR_SPEC);
            if (spec == null) {
                new GenerateScriptStep().execute(ctx, monitor);
                spec = (JobScriptSpec) ctx.attributes().get(Steps.ATTR_SPEC);
                job = ctx.job();
            }
            Steps.checkCancel(Steps.SUBMIT, monitor);
            job = ctx.transition(job.toBuilder().state(JobState.SUBMITTING).build(), "submitting", null, monitor);
            String id;
            try {
                id = ctx.session().submit(spec, monitor);
            } catch (ClusterException e) {
                if (isRejection(e)) {
                    ctx.transition(job.toBuilder().state(JobState.FAILED).reason(e.getMessage()).endedAt(Instant.now()).build(),
                            e.getMessage(), "submit", monitor);
                }
                throw e;
            }
            ctx.transition(job.toBuilder().slurmJobId(id).state(JobState.PENDING).submittedAt(Instant.now()).build(),
                    "submitted as " + id, "submit", monitor);
        } catch (ClusterException e) {
            throw new StepException(Steps.SUBMIT, e);
        }
    }

    /** sbatch answered "no": the job was certainly not submitted. */
    private static boolean isRejection(ClusterException e) {
        return switch (e.getKind()) {
            case INVALID_PARTITION, INVALID_QOS, TIME_LIMIT, INVALID_ACCOUNT, MEMORY, RESOURCES, SUBMIT_REJECTED,
                    INVALID_REQUEST, LIMIT_EXCEEDED -> true;
            default -> false;
        };
    }
}

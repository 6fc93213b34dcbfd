package org.namdrunner.automation.steps;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.namdrunner.automation.IAutomationStep;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.SharedInputs;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;

/**
 * Upload inputs: STAGING, then the input files into the job's {@code input/} directory through
 * {@code JobFiles.uploadInputs}: on a cluster each content is stored once per job root and linked into the job
 * ({@code SharedInputs}), so the jobs of a sweep or chain send the same inputs once. What it did goes into the context
 * attribute {@value Steps#ATTR_INPUTS} ({@code SharedInputs.Outcome}).
 */
public class UploadInputsStep implements IAutomationStep {
    @Override
    public void execute(StepContext ctx, IProgressMonitor monitor) throws StepException {
        Job job = ctx.job();
        SubMonitor sub = SubMonitor.convert(monitor, "Uploading inputs", Math.max(1, ctx.request().inputs().size()));
        try {
            if (job.state() == JobState.CREATED) {
                job = ctx.transition(job.toBuilder().state(JobState.STAGING).build(), "uploading inputs", null, sub);
            }
            Steps.checkCancel(Steps.UPLOAD, sub);
            List<Path> inputs = ctx.request().inputs();
            SharedInputs.Outcome done = ctx.session().files().uploadInputs(inputs, Steps.dir(job, JobScriptSpec.INPUT_DIR),
                    sub.split(Math.max(1, inputs.size())));
            ctx.attributes().put(Steps.ATTR_INPUTS, done);
        } catch (ClusterException e) {
            throw new StepException(Steps.UPLOAD, e);
        }
    }
}

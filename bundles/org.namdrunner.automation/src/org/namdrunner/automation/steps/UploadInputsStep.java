package org.namdrunner.automation.steps;

import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.namdrunner.automation.IAutomationStep;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;

/** Upload inputs: STAGING, then every input file into the job's {@code input/} directory. */
public class UploadInputsStep implements IAutomationStep {
    @Override
    public void execute(StepContext ctx, IProgressMonitor monitor) throws StepException {
        Job job = ctx.job();
        SubMonitor sub = SubMonitor.convert(monitor, "Uploading inputs", Math.max(1, ctx.request().inputs().size()));
        try {
            if (job.state() == JobState.CREATED) {
                job = ctx.transition(job.toBuilder().state(JobState.STAGING).build(), "uploading inputs", null, sub);
            }
            for (Path p : ctx.request().inputs()) {
                Steps.checkCancel(Steps.UPLOAD, sub);
                String target = RemotePaths.join(Steps.dir(job, JobScriptSpec.INPUT_DIR), p.getFileName().toString());
                ctx.session().files().upload(p, target, sub.split(1));
            }
        } catch (ClusterException e) {
            throw new StepException(Steps.UPLOAD, e);
        }
    }
}

package org.namdrunner.automation.steps;

import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.IAutomationStep;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.ResourceValidator;
import org.namdrunner.cluster.Resources;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;

/**
 * Create: validates names and resources against the partition limits (nothing is created when they do not
 * fit), stores the local record (CREATED), creates the remote job directory ({@code input/ logs/ output/}) and
 * writes {@code job_info.json} with its schema_version.
 */
public class CreateStep implements IAutomationStep {
    @Override
    public void execute(StepContext ctx, IProgressMonitor monitor) throws StepException {
        JobRequest req = ctx.request();
        if (req == null) {
            throw new StepException(Steps.CREATE, ClusterException.Kind.INVALID_REQUEST, "No job request to create a job from", null);
        }
        ClusterSession s = ctx.session();
        try {
            Names.requireJobName(req.name());
            Names.requireFileName(req.configFileName());
            for (Path p : req.inputs()) {
                Names.requireFileName(p.getFileName().toString());
            }
            Resources r = ResourceValidator.resolve(s.profile(), req.resources());
            Job.Builder b = Job.builder().name(req.name()).profileId(s.profile().id()).templateId(req.templateId())
                    .templateRevision(ctx.recorder().templateRevision(req.templateId(), req.templateText()))
                    .state(JobState.CREATED).partition(r.partition()).qos(r.qos()).cores(r.cores()).nodes(r.nodes())
                    .memoryMb(r.memoryMb()).wallTimeMinutes(r.wallTimeMinutes()).templateValues(req.templateValues());
            Job draft = b.build();
            String dirName = Names.slug(req.name()) + "-" + draft.id().substring(0, 8);
            String project = RemotePaths.join(s.projectRoot(), dirName);
            String scratch = s.scratchRoot().isEmpty() ? null : RemotePaths.join(s.scratchRoot(), dirName);
            Job job = draft.toBuilder().remoteProjectDir(project).remoteScratchDir(scratch).build();
            Steps.checkCancel(Steps.CREATE, monitor);
            ctx.recorder().insert(job, "created");
            ctx.setJob(job);
            s.files().mkdirs(monitor, RemotePaths.join(project, JobScriptSpec.INPUT_DIR), RemotePaths.join(project, JobScriptSpec.LOG_DIR),
                    RemotePaths.join(project, JobScriptSpec.OUTPUT_DIR));
            ctx.recorder().writeJobInfo(job, s, monitor);
        } catch (ClusterException e) {
            throw new StepException(Steps.CREATE, e);
        }
    }
}

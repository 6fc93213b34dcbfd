package org.namdrunner.automation.steps;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.IAutomationStep;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.ResourceValidator;
import org.namdrunner.cluster.Resources;
import org.namdrunner.core.model.Job;

/**
 * Generate script: resolves resources again (limits), picks the NAMD module, chooses the submit token and
 * writes {@code job.sbatch} into the job directory (so users can read what will run).
 */
public class GenerateScriptStep implements IAutomationStep {
    @Override
    public void execute(StepContext ctx, IProgressMonitor monitor) throws StepException {
        Job job = ctx.job();
        ProfileConfig p = ctx.session().profile();
        try {
            ResourceRequest asked = ctx.request() == null ? null : ctx.request().resources();
            Resources r = ResourceValidator.resolve(p, new ResourceRequest(job.partition(), job.qos(), job.cores(), job.nodes(),
                    job.memoryMb(), job.wallTimeMinutes(), asked == null ? null : asked.account(),
                    asked == null ? null : asked.gpus(), asked == null ? null : asked.gpuType()));
            String moduleName = ctx.request() == null ? null : ctx.request().module();
            NamdModule module = p.module(moduleName).orElse(null);
            if (moduleName != null && module == null) {
                module = new NamdModule(moduleName, "", null);
            }
            String token = job.submitIntentToken();
            if (token == null) {
                token = UUID.randomUUID().toString().replace("-", "");
                job = ctx.transition(job.toBuilder().submitIntentToken(token).build(), "script generated", null, monitor);
            }
            JobScriptSpec spec = new JobScriptSpec(job.id(), job.name(), token, r, module,
                    ctx.request() == null ? "run.namd" : ctx.request().configFileName(), job.remoteProjectDir(),
                    job.remoteScratchDir(), ctx.request() == null ? null : ctx.request().environment(), modulesFor(p, r),
                    (String) ctx.attributes().get(Steps.ATTR_DEPENDENCY));
            String script = ctx.session().generateScript(spec);
            ctx.session().files().write(RemotePaths.join(job.remoteProjectDir(), JobScriptSpec.SCRIPT_FILE),
                    script.getBytes(StandardCharsets.UTF_8), monitor);
            ctx.attributes().put(Steps.ATTR_SPEC, spec);
        } catch (ClusterException e) {
            throw new StepException(Steps.SCRIPT, e);
        }
    }

    /** The profile's extra modules, and for a job with GPUs its GPU modules ({@link ProfileConfig#GPU_MODULES}) after them. */
    static java.util.List<String> modulesFor(ProfileConfig p, Resources r) {
        java.util.List<String> out = new java.util.ArrayList<>(p.extraModules());
        if (r.gpus() > 0) {
            for (String m : p.gpuModules()) {
                if (!out.contains(m)) {
                    out.add(m);
                }
            }
        }
        return out;
    }
}

package org.namdrunner.automation.steps;

import java.nio.charset.StandardCharsets;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.IAutomationStep;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.RemotePaths;

/** Render template: template + values → the NAMD config in {@code input/} (skipped when the config is an input). */
public class RenderTemplateStep implements IAutomationStep {
    @Override
    public void execute(StepContext ctx, IProgressMonitor monitor) throws StepException {
        if (ctx.request().templateText() == null) {
            return;
        }
        String config = ctx.renderer().render(ctx.request().templateText(), ctx.request().templateValues());
        try {
            ctx.session().files().write(RemotePaths.join(Steps.dir(ctx.job(), JobScriptSpec.INPUT_DIR), ctx.request().configFileName()),
                    config.getBytes(StandardCharsets.UTF_8), monitor);
        } catch (ClusterException e) {
            throw new StepException(Steps.RENDER, e);
        }
    }
}

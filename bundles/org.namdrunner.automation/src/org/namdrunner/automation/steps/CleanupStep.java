package org.namdrunner.automation.steps;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.IAutomationStep;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.cluster.ClusterException;

/** Cleanup: removes the job's scratch directory (confined to the scratch root); the project directory stays. */
public class CleanupStep implements IAutomationStep {
    @Override
    public void execute(StepContext ctx, IProgressMonitor monitor) throws StepException {
        String scratch = ctx.job().remoteScratchDir();
        if (scratch == null || !ctx.job().state().isTerminal()) {
            return;
        }
        try {
            ctx.session().files().deleteTree(scratch, monitor);
        } catch (ClusterException e) {
            throw new StepException(Steps.CLEANUP, e);
        }
    }
}

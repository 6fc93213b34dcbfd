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
import org.namdrunner.cluster.RemotePaths;

/** Download results: every file of the job's {@code output/} into the local results directory. */
public class DownloadResultsStep implements IAutomationStep {
    @Override
    public void execute(StepContext ctx, IProgressMonitor monitor) throws StepException {
        Path local = ctx.localResultsDir();
        if (local == null) {
            return;
        }
        try {
            String output = Steps.dir(ctx.job(), JobScriptSpec.OUTPUT_DIR);
            Steps.checkCancel(Steps.DOWNLOAD, monitor);
            if (ctx.session().files().exists(output, monitor)) {
                // one verified stream for many files over SSH, file by file otherwise
                ctx.session().files().downloadFolder(output, local.resolve(JobScriptSpec.OUTPUT_DIR), monitor);
            }
        } catch (ClusterException e) {
            throw new StepException(Steps.DOWNLOAD, e);
        }
    }
}

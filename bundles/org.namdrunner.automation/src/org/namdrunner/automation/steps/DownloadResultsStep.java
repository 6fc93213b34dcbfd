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
            List<String> names = ctx.session().files().list(output, monitor);
            SubMonitor sub = SubMonitor.convert(monitor, "Downloading results", Math.max(1, names.size()));
            for (String n : names) {
                Steps.checkCancel(Steps.DOWNLOAD, sub);
                ctx.session().files().download(RemotePaths.join(output, n), local.resolve(JobScriptSpec.OUTPUT_DIR).resolve(n), sub.split(1));
            }
        } catch (ClusterException e) {
            throw new StepException(Steps.DOWNLOAD, e);
        }
    }
}

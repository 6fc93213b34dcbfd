package org.namdrunner.automation.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.IAutomationStep;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.automation.namdlog.NamdLog;
import org.namdrunner.automation.namdlog.NamdLogParser;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.core.model.Job;

/**
 * On a terminal state: copies scratch → project {@code output/} when the job script could not (killed before it
 * ran its copy-back), fetches the Slurm and NAMD logs ({@code logs/}) into the local results directory and parses
 * the NAMD log (context attribute {@value Steps#ATTR_NAMD_LOG}).
 */
public class FinalizeStep implements IAutomationStep {
    @Override
    public void execute(StepContext ctx, IProgressMonitor monitor) throws StepException {
        Job job = ctx.job();
        if (!job.state().isTerminal()) {
            throw new StepException(Steps.FINALIZE, ClusterException.Kind.INVALID_REQUEST,
                    "Job " + job.name() + " has not finished (state " + job.state() + ")", null);
        }
        try {
            var files = ctx.session().files();
            String output = Steps.dir(job, JobScriptSpec.OUTPUT_DIR);
            if (job.remoteScratchDir() != null && files.exists(job.remoteScratchDir(), monitor)
                    && files.list(output, monitor).isEmpty()) {
                files.copyTree(job.remoteScratchDir(), output, monitor);
            }
            Path local = ctx.localResultsDir();
            if (local == null) {
                return;
            }
            String logs = Steps.dir(job, JobScriptSpec.LOG_DIR);
            Steps.checkCancel(Steps.FINALIZE, monitor);
            if (files.exists(logs, monitor)) {
                files.downloadFolder(logs, local.resolve(JobScriptSpec.LOG_DIR), monitor);
            }
            Path namdLog = local.resolve(JobScriptSpec.LOG_DIR).resolve(JobScriptSpec.NAMD_LOG);
            if (Files.exists(namdLog)) {
                NamdLog parsed;
                try (var reader = Files.newBufferedReader(namdLog)) {
                    parsed = NamdLogParser.parse(reader);
                }
                ctx.attributes().put(Steps.ATTR_NAMD_LOG, parsed);
            }
        } catch (ClusterException e) {
            throw new StepException(Steps.FINALIZE, e);
        } catch (IOException e) {
            throw new StepException(Steps.FINALIZE, ClusterException.Kind.COMMAND_FAILED, "Reading the NAMD log failed: " + e.getMessage(), e);
        }
    }
}

package org.namdrunner.examples.steps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.namdrunner.automation.IAutomationStep;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.automation.namdlog.NamdLog;
import org.namdrunner.automation.steps.Steps;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.core.model.Job;

/**
 * Example automation step with code: after the built-in finalize step has fetched and parsed the NAMD log, writes
 * {@value #FILE_NAME} with statistics of the chosen energy columns into the job directory on the cluster (through
 * the confined job-file API, no shell command) and into the local results directory.
 */
public final class EnergySummaryStep implements IAutomationStep {

    public static final String ID = "org.namdrunner.examples.steps.energySummary";
    public static final String FILE_NAME = "energy-summary.txt";
    static final String DEFAULT_COLUMNS = "TOTAL,POTENTIAL,KINETIC,TEMP,PRESSURE";

    @Override
    public void execute(StepContext context, IProgressMonitor monitor) throws StepException {
        SubMonitor sub = SubMonitor.convert(monitor, "Energy summary", 3);
        Job job = context.job();
        if (job == null) {
            throw new StepException(ID, ClusterException.Kind.CONFIGURATION, "The energy summary needs a job", null);
        }
        Object parsed = context.attributes().get(Steps.ATTR_NAMD_LOG);
        if (!(parsed instanceof NamdLog log)) {
            throw new StepException(ID, ClusterException.Kind.CONFIGURATION, "Job " + job.name()
                    + " has no parsed NAMD log: run the energy summary after the finalize step", null);
        }
        List<String> columns = Arrays.stream(context.parameter("columns", DEFAULT_COLUMNS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        EnergySummary summary;
        try {
            summary = EnergySummary.of(log, columns);
        } catch (IllegalArgumentException e) {
            throw new StepException(ID, ClusterException.Kind.CONFIGURATION, e.getMessage(), e);
        }
        byte[] text = summary.toText().getBytes(StandardCharsets.UTF_8);
        sub.worked(1);
        if (sub.isCanceled()) {
            throw StepException.cancelled(ID);
        }
        try {
            context.session().files().write(RemotePaths.join(job.remoteProjectDir(), FILE_NAME), text, sub.split(1));
        } catch (ClusterException e) {
            throw new StepException(ID, e);
        }
        Path local = context.localResultsDir();
        if (local != null) {
            try {
                Files.createDirectories(local);
                Files.write(local.resolve(FILE_NAME), text);
            } catch (IOException e) {
                throw new StepException(ID, ClusterException.Kind.COMMAND_FAILED,
                        "Writing " + local.resolve(FILE_NAME) + " failed: " + e.getMessage(), e);
            }
        }
        sub.worked(1);
    }
}

package org.namdrunner.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.ConfigRenderer;
import org.namdrunner.automation.JobLifecycle;
import org.namdrunner.automation.JobRecorder;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.automation.TemplateConfigRenderer;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.core.model.Job;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.UserInteraction;
import org.namdrunner.store.Store;
import org.namdrunner.template.render.TemplateValues;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code namdrunner submit --profile ID --config FILE [options]}: runs the job lifecycle headless through an
 * installed profile (preset) — create, upload, render, script, submit — and with {@code --wait} also track,
 * finalize, download. Non-interactive: the profile must authenticate with a key (no prompts). The job is
 * recorded in the local database like one created in the workbench.
 */
@Command(name = "submit", sortOptions = false, description = { "Submits a job through an installed preset profile, headless.",
        "The job lifecycle: create, upload, render, script, submit; with --wait also track, finalize and download. "
        + "Non-interactive: the profile must authenticate with a key. The job is recorded in the local database.",
        "Prints: submitted ID NAME PROFILE SLURM_ID (and with --wait: finished ID STATE), tab-separated.",
        "Exit status 1 when the lifecycle fails or the job ends in a failed state." })
final class SubmitCommand implements Callable<Integer> {

    @Option(names = "--profile", required = true, paramLabel = "ID", description = "An installed preset profile (see: namdrunner profiles).")
    String profileId;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The NAMD config or template to run.")
    Path config;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A value of a template variable (repeatable).")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--input", paramLabel = "FILE", description = "An input file to upload (repeatable).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "The job's name (default: the config's file name without ending).")
    String name;

    @Option(names = "--partition", paramLabel = "P", description = "The partition (default: the profile's default).")
    String partition;

    @Option(names = "--cores", paramLabel = "N", description = "Cores to request.")
    Integer cores;

    @Option(names = "--time", paramLabel = "MINUTES", description = "Wall time to request, in minutes.")
    Integer minutes;

    @Option(names = "--results", paramLabel = "DIR", description = "Where --wait downloads the results.")
    Path results;

    @Option(names = "--wait", description = "Follow the job to its end, finalize it and download its results.")
    boolean wait;

    private final PrintStream out;
    private final PrintStream err;

    SubmitCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws NamdCli.UsageException {
        String text;
        try {
            text = Files.readString(config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NamdCli.UsageException("cannot read " + config + ": " + e.getMessage());
        }
        String name = this.name;
        if (name == null) {
            String f = config.getFileName().toString();
            name = f.contains(".") ? f.substring(0, f.lastIndexOf('.')) : f;
        }
        ClusterProfileRegistry registry = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository());
        NullProgressMonitor monitor = new NullProgressMonitor();
        try (Store store = Store.openDefault()) {
            ProfileConfig profile = registry.get(profileId);
            JobRequest request = new JobRequest(name, null, text, values, config.getFileName().toString(), inputs,
                    new ResourceRequest(partition, null, cores, null, null, minutes, null), null, Map.of(), results);
            CommandLog log = new CommandLog();
            try (ClusterSession session = registry.type(profile.typeId()).connect(profile,
                    new SshConnectionContext(UserInteraction.NONE, null, log), monitor)) {
                StepContext ctx = new StepContext(session, new JobRecorder(store), request, renderer(text, config), null);
                JobLifecycle lifecycle = new JobLifecycle(AutomationStepRegistry.fromExtensions());
                lifecycle.run(ctx, JobLifecycle.SUBMIT_CHAIN, monitor);
                Job job = ctx.job();
                out.println("submitted\t" + job.id() + "\t" + job.name() + "\t" + profile.id() + "\t"
                        + (job.slurmJobId() == null ? "" : job.slurmJobId()));
                if (!wait) {
                    return NamdCli.OK;
                }
                lifecycle.run(ctx, JobLifecycle.FINISH_CHAIN, monitor);
                job = ctx.job();
                out.println("finished\t" + job.id() + "\t" + job.state());
                return job.state().isFailure() ? NamdCli.ERRORS : NamdCli.OK;
            }
        } catch (ClusterException | StepException e) {
            err.println("namdrunner submit: " + e.getMessage());
            return NamdCli.ERRORS;
        } catch (RuntimeException e) {
            err.println("namdrunner submit: " + e.getMessage());
            return NamdCli.ERRORS;
        }
    }

    /**
     * A template (it declares {@code #@var} variables) is rendered like {@code namdrunner render} does: defaults, type
     * checks and validation of the rendered config. A plain config goes through the default renderer (placeholders
     * only, no NAMD validation).
     */
    static ConfigRenderer renderer(String text, Path config) {
        return TemplateValues.scanDeclarations(text, config.getFileName().toString(), null).isEmpty() ? ConfigRenderer.PLACEHOLDERS
                : new TemplateConfigRenderer(config.getFileName().toString());
    }
}

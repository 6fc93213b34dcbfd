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

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.ConfigRenderer;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.automation.TemplateConfigRenderer;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.op.CreateJobOperation;
import org.namdrunner.jobs.op.JobOperation;
import org.namdrunner.jobs.op.SyncOperation;
import org.namdrunner.store.Store;
import org.namdrunner.template.render.TemplateValues;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code namdrunner submit --profile ID --config FILE [options]}: the jobs layer's {@link CreateJobOperation} headless
 * through a profile — create, upload, render, then the submission queue with {@code --priority} — and with
 * {@code --wait} the engine's rounds at the profile's interval until it ended, was finalized and downloaded. A login asks on the terminal for what it needs (a one-time code, a password); without a terminal the profile must log in with a key alone. The job is
 * recorded in the local database like one created in the workbench.
 */
@Command(name = "submit", sortOptions = false, description = { "Submits a job through an installed preset profile, headless.",
        "The job lifecycle: create, upload, render, script, submit; with --wait also track, finalize and download. "
        + "A login asks on the terminal for what it needs (a one-time code, a password); without a terminal the profile must log in with a key alone. The job is recorded in the local database.",
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

    @Option(names = "--gpus", paramLabel = "N", description = "GPUs per node to request (only on a partition that has GPUs).")
    Integer gpus;

    @Option(names = "--gpu-type", paramLabel = "TYPE", description = "GPU type to request, e.g. a100 (default: any).")
    String gpuType;

    @Option(names = "--results", paramLabel = "DIR", description = "Where --wait downloads the results.")
    Path results;

    @Option(names = "--wait", description = "Follow the job to its end, finalize it and download its results.")
    boolean wait;

    @Option(names = "--priority", paramLabel = "N", defaultValue = "0", description = "Place in the profile's submission "
            + "queue: higher is submitted first when the profile's cap holds jobs back (default ${DEFAULT-VALUE}).")
    int priority;

    private final PrintStream out;
    private final PrintStream err;

    private final CliEnvironment env;

    SubmitCommand(PrintStream out, PrintStream err, CliEnvironment env) {
        this.out = out;
        this.err = err;
        this.env = env;
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
        IProgressMonitor monitor = CliProgress.of(err);
        ConfigRenderer renderer = renderer(text, config);
        try (Store store = Store.openDefault(); JobService service = CliJobs.service(env, store, renderer)) {
            JobRequest request = new JobRequest(name, null, text, values, config.getFileName().toString(), inputs,
                    new ResourceRequest(partition, null, cores, null, null, minutes, null).withGpus(gpus, gpuType), null, Map.of(),
                    results);
            ProfileConfig profile = service.sessions().profile(profileId);
            JobOperation.Outcome o = new CreateJobOperation(service, profileId, request, renderer, priority, true, null).run(monitor);
            Job job = o.first();
            out.println("submitted\t" + job.id() + "\t" + job.name() + "\t" + profile.id() + "\t"
                    + (job.slurmJobId() == null ? "" : job.slurmJobId()));
            if (job.slurmJobId() == null || o.status().getSeverity() == org.eclipse.core.runtime.IStatus.WARNING) {
                err.println("namdrunner submit: " + (job.slurmJobId() == null ? "" : "warning: ") + o.status().getMessage());
            }
            if (!wait) {
                return NamdCli.OK;
            }
            job = follow(service, job, Math.max(1, profile.statusMinIntervalSeconds()) * 1000L, monitor);
            out.println("finished\t" + job.id() + "\t" + job.state());
            return job.state().isFailure() ? NamdCli.ERRORS : NamdCli.OK;
        } catch (CoreException e) {
            err.println("namdrunner submit: " + e.getStatus().getMessage());
            return NamdCli.ERRORS;
        } catch (ClusterException | RuntimeException e) {
            err.println("namdrunner submit: " + e.getMessage());
            return NamdCli.ERRORS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("namdrunner submit: interrupted");
            return NamdCli.ERRORS;
        }
    }

    /**
     * Syncs the job's profile at its minimum interval (the engine's rounds: status, queue, finishing) until the job has
     * ended and was finished (results downloaded, when a results folder was given).
     */
    static Job follow(JobService service, Job job, long pollMillis, IProgressMonitor monitor) throws CoreException, InterruptedException {
        while (true) {
            Job now = service.store().jobs().find(job.id()).orElseThrow(() -> new IllegalStateException("the job was deleted"));
            boolean finished = service.workflows().state().node(now.id())
                    .map(n -> n.finished || n.localResultsDir == null || n.finishAttempts >= 3).orElse(true);
            if (now.state().isTerminal() && finished) {
                return now;
            }
            Thread.sleep(pollMillis);
            new SyncOperation(service, List.of(now.profileId()), false, true).run(monitor);
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

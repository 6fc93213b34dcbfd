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
import org.namdrunner.cluster.slurm.SshConnectionContext;
import org.namdrunner.core.model.Job;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.UserInteraction;
import org.namdrunner.store.Store;
import org.namdrunner.template.render.TemplateValues;

/**
 * {@code namdrunner submit --profile ID --config FILE [options]}: runs the job lifecycle headless through an
 * installed profile (preset) — create, upload, render, script, submit — and with {@code --wait} also track,
 * finalize, download. Non-interactive: the profile must authenticate with a key (no prompts). The job is
 * recorded in the local database like one created in the workbench.
 */
final class SubmitCommand {

    private final PrintStream out;
    private final PrintStream err;

    SubmitCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws NamdCli.UsageException {
        String profileId = null;
        Path config = null;
        String name = null;
        String partition = null;
        Integer cores = null;
        Integer minutes = null;
        boolean wait = false;
        Path results = null;
        List<Path> inputs = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--profile" -> profileId = value(args, ++i, a);
                case "--config" -> config = Path.of(value(args, ++i, a));
                case "--name" -> name = value(args, ++i, a);
                case "--partition" -> partition = value(args, ++i, a);
                case "--cores" -> cores = intValue(args, ++i, a);
                case "--time" -> minutes = intValue(args, ++i, a);
                case "--input" -> inputs.add(Path.of(value(args, ++i, a)));
                case "--results" -> results = Path.of(value(args, ++i, a));
                case "--wait" -> wait = true;
                case "--set" -> {
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new NamdCli.UsageException("--set takes name=value, not '" + kv + "'");
                    }
                    values.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> throw new NamdCli.UsageException("unknown option '" + a + "'");
            }
        }
        if (profileId == null || config == null) {
            throw new NamdCli.UsageException("--profile ID and --config FILE are required");
        }
        String text;
        try {
            text = Files.readString(config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("namdrunner submit: cannot read " + config + ": " + e.getMessage());
            return NamdCli.USAGE;
        }
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

    private static String value(List<String> args, int i, String option) throws NamdCli.UsageException {
        if (i >= args.size()) {
            throw new NamdCli.UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int intValue(List<String> args, int i, String option) throws NamdCli.UsageException {
        String v = value(args, i, option);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new NamdCli.UsageException(option + " takes a whole number, not '" + v + "'");
        }
    }
}

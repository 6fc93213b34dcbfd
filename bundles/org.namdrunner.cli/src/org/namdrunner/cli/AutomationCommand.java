package org.namdrunner.cli;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.emf.ecore.EObject;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.ConfigRenderer;
import org.namdrunner.automation.TemplateConfigRenderer;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.cluster.slurm.SshConnectionContext;
import org.namdrunner.core.model.Job;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.UserInteraction;
import org.namdrunner.store.Store;
import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.workflow.AutomationLibrary;
import org.namdrunner.workflow.AutomationRunner;
import org.namdrunner.workflow.StageStep;
import org.namdrunner.workflow.WorkflowException;
import org.namdrunner.workflow.WorkflowStore;
import org.namdrunner.workflow.Workflows;
import org.namdrunner.workflow.model.AutomationFormatException;
import org.namdrunner.workflow.model.AutomationModel;
import org.namdrunner.workflow.model.AutomationValidator;

/**
 * {@code namdrunner automation list | validate FILE | export ID [-o FILE] | run FILE|ID [options]}: saved automations
 * without the workbench. {@code run} creates the run's jobs and drives them (status sync, continuations, queue)
 * until every stage has settled; running it again with the same {@code --run-id} resumes the run (after a crash,
 * a reboot, a kill): nothing is created or submitted twice.
 */
final class AutomationCommand {
    private final PrintStream out;
    private final PrintStream err;

    AutomationCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    private static AutomationStepRegistry registry() {
        return StageStep.register(AutomationStepRegistry.fromExtensions());
    }

    int run(List<String> args) {
        if (args.isEmpty()) {
            err.println("usage: namdrunner automation list | validate FILE | export ID [-o FILE] | run FILE|ID [--profile ID] "
                    + "[--inputs DIR] [--name NAME] [--run-id ID] [--set [step.]name=value]... [--poll SECONDS] [--timeout SECONDS] [--store DIR]");
            return NamdCli.USAGE;
        }
        try {
            return switch (args.get(0)) {
                case "list" -> {
                    AutomationLibrary.all().forEach((id, a) -> out.println(id + "\t" + AutomationModel.string(a, AutomationModel.AUTOMATION_NAME)));
                    yield NamdCli.OK;
                }
                case "validate" -> validate(args.subList(1, args.size()));
                case "export" -> export(args.subList(1, args.size()));
                case "run" -> runAutomation(args.subList(1, args.size()));
                default -> {
                    err.println("namdrunner automation: unknown subcommand '" + args.get(0) + "'");
                    yield NamdCli.USAGE;
                }
            };
        } catch (AutomationFormatException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            return NamdCli.ERRORS;
        } catch (WorkflowException | ClusterException e) {
            err.println("namdrunner automation: " + e.getMessage());
            return NamdCli.ERRORS;
        } catch (IOException | IllegalArgumentException e) {
            err.println("namdrunner automation: " + e.getMessage());
            return NamdCli.USAGE;
        }
    }

    private EObject load(String fileOrId) throws IOException, AutomationFormatException {
        Path p = Path.of(fileOrId);
        if (Files.isRegularFile(p)) {
            try (InputStream in = new FileInputStream(p.toFile())) {
                return AutomationModel.load(in, p.toString());
            }
        }
        return AutomationLibrary.find(fileOrId).orElseThrow(() -> new IllegalArgumentException(
                "'" + fileOrId + "' is neither an automation file nor a shipped automation (see: namdrunner automation list)"));
    }

    private int validate(List<String> args) throws IOException, AutomationFormatException {
        if (args.size() != 1) {
            throw new IllegalArgumentException("validate needs one FILE or ID");
        }
        List<String> problems = AutomationValidator.validate(load(args.get(0)), registry());
        problems.forEach(p -> err.println("error: " + args.get(0) + ": " + p));
        return problems.isEmpty() ? NamdCli.OK : NamdCli.ERRORS;
    }

    private int export(List<String> args) throws IOException, AutomationFormatException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("export needs an automation FILE or ID");
        }
        EObject a = load(args.get(0));
        if (args.size() == 3 && args.get(1).equals("-o")) {
            try (OutputStream o = Files.newOutputStream(Path.of(args.get(2)))) {
                AutomationModel.save(a, o);
            }
        } else {
            out.print(AutomationModel.toXmi(a));
        }
        return NamdCli.OK;
    }

    private int runAutomation(List<String> args) throws IOException, AutomationFormatException, WorkflowException, ClusterException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("run needs an automation FILE or ID");
        }
        String source = args.get(0);
        EObject a = load(source);
        Path base = Files.isRegularFile(Path.of(source)) ? Path.of(source).toAbsolutePath().getParent() : null;
        String profileId = null;
        Path inputs = null;
        String name = AutomationModel.string(a, AutomationModel.AUTOMATION_ID);
        String runId = null;
        Path storeDir = null;
        long poll = 10;
        long timeout = 0;
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String opt = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + opt + " needs a value");
            }
            String v = args.get(++i);
            switch (opt) {
                case "--profile" -> profileId = v;
                case "--inputs" -> inputs = Path.of(v);
                case "--name" -> name = v;
                case "--run-id" -> runId = v;
                case "--store" -> storeDir = Path.of(v);
                case "--poll" -> poll = Long.parseLong(v);
                case "--timeout" -> timeout = Long.parseLong(v);
                case "--set" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set needs name=value, not '" + v + "'");
                    }
                    values.put(v.substring(0, eq), v.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + opt);
            }
        }
        final Path templateBase = base;
        AutomationRunner.TemplateResolver templates = ref -> {
            if (BuiltInTemplates.ids().contains(ref)) {
                return BuiltInTemplates.text(ref);
            }
            Path f = templateBase != null ? templateBase.resolve(ref) : Path.of(ref);
            try {
                return Files.readString(f);
            } catch (IOException e) {
                throw new WorkflowException("Template '" + ref + "' is neither a built-in template nor a readable file (" + f + ")");
            }
        };
        try (Store store = storeDir == null ? Store.openDefault() : Store.open(storeDir)) {
            ClusterProfileRegistry profiles = ClusterProfileRegistry.fromExtensions(new StoreProfileRepository(store));
            ProfileConfig profile = profileId != null ? profiles.get(profileId)
                    : profiles.active().orElseThrow(() -> new IllegalArgumentException("no active cluster profile; use --profile ID"));
            final String sourceName = name;
            ConfigRenderer renderer = (text, vals) -> new TemplateConfigRenderer(sourceName).render(text, vals);
            Workflows wf = new Workflows(store, registry(), renderer);
            AutomationRunner runner = new AutomationRunner(wf, registry(), templates);
            NullProgressMonitor monitor = new NullProgressMonitor();
            try (ClusterSession s = profiles.type(profile.typeId()).connect(profile,
                    new SshConnectionContext(UserInteraction.NONE, null, new CommandLog()), monitor)) {
                WorkflowStore.RunRecord run = runner.start(s, a, runId, name, inputs, values, monitor);
                out.println("run " + run.runId + " (" + run.jobsByStep.size() + " stages) on " + profile.id());
                AutomationRunner.Outcome o = runner.await(s, run.runId, poll * 1000, timeout * 1000, monitor);
                o.problems().forEach(p -> err.println("problem: " + p));
                for (Map.Entry<String, Job> e : o.finalJobs().entrySet()) {
                    Job j = e.getValue();
                    out.println(e.getKey() + "\t" + j.name() + "\t" + j.state() + (j.reason() == null ? "" : "\t" + j.reason()));
                }
                return o.allCompleted() ? NamdCli.OK : NamdCli.ERRORS;
            }
        }
    }
}

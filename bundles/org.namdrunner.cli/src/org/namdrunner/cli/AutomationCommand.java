package org.namdrunner.cli;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.namdrunner.workflow.WorkflowException;
import org.namdrunner.workflow.WorkflowStore;
import org.namdrunner.workflow.Workflows;
import org.namdrunner.workflow.model.AutomationFormatException;
import org.namdrunner.workflow.model.AutomationModel;
import org.namdrunner.workflow.model.AutomationValidator;

/**
 * {@code namdrunner automation list | import FILE | validate FILE|ID | export FILE|ID [-o FILE] | run FILE|ID [options]}:
 * saved automations without the workbench ({@code --store DIR} selects the database, default the user's). Imported
 * automations are kept in the database and found by id like the shipped ones. {@code run} creates the run's jobs
 * and drives them (status sync, continuations, queue) until every stage has settled; running it again with the same
 * {@code --run-id} resumes the run (after a crash, a reboot, a kill): nothing is created or submitted twice.
 */
final class AutomationCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final CliEnvironment env;

    AutomationCommand(PrintStream out, PrintStream err, CliEnvironment env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    private AutomationStepRegistry registry() {
        return env.steps();
    }

    int run(List<String> args) {
        if (args.isEmpty()) {
            err.println("usage: namdrunner automation list [--store DIR] | import FILE [--store DIR] | validate FILE|ID | "
                    + "export FILE|ID [-o FILE] | run FILE|ID [--profile ID] [--inputs DIR] [--name NAME] [--run-id ID] "
                    + "[--set [step.]name=value]... [--poll SECONDS] [--timeout SECONDS] [--store DIR]");
            return NamdCli.USAGE;
        }
        try {
            return switch (args.get(0)) {
                case "list" -> list(args.subList(1, args.size()));
                case "import" -> importAutomation(args.subList(1, args.size()));
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

    /** Options {@code --store DIR} and {@code -o FILE} of the small subcommands; the rest are positional. */
    private record Options(List<String> positional, Path store, Path output) {
        static Options parse(List<String> args, boolean outputAllowed) {
            List<String> pos = new ArrayList<>();
            Path store = null;
            Path output = null;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--store") || outputAllowed && (a.equals("-o") || a.equals("--output"))) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("option " + a + " needs a value");
                    }
                    Path v = Path.of(args.get(++i));
                    if (a.equals("--store")) {
                        store = v;
                    } else {
                        output = v;
                    }
                } else if (a.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option " + a);
                } else {
                    pos.add(a);
                }
            }
            return new Options(pos, store, output);
        }
    }

    private static Store openStore(Path dir) {
        return dir == null ? Store.openDefault() : Store.open(dir);
    }

    private int list(List<String> args) {
        Options o = Options.parse(args, false);
        if (!o.positional().isEmpty()) {
            throw new IllegalArgumentException("list takes no arguments (only --store DIR)");
        }
        AutomationLibrary.all().forEach((id, a) -> out.println(id + "\tshipped\t" + AutomationModel.string(a, AutomationModel.AUTOMATION_NAME)));
        List<String> problems = new ArrayList<>();
        try (Store store = openStore(o.store())) {
            AutomationLibrary.imported(store, problems)
                    .forEach((id, a) -> out.println(id + "\timported\t" + AutomationModel.string(a, AutomationModel.AUTOMATION_NAME)));
        }
        problems.forEach(p -> err.println("warning: " + p));
        return NamdCli.OK;
    }

    private int importAutomation(List<String> args) throws IOException, AutomationFormatException, WorkflowException {
        Options o = Options.parse(args, false);
        if (o.positional().size() != 1 || !Files.isRegularFile(Path.of(o.positional().get(0)))) {
            throw new IllegalArgumentException("import needs one automation FILE (XMI)");
        }
        Path f = Path.of(o.positional().get(0));
        EObject a;
        try (InputStream in = new FileInputStream(f.toFile())) {
            a = AutomationModel.load(in, f.toString());
        }
        List<String> problems = AutomationValidator.validate(a, registry());
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("error: " + f + ": " + p));
            err.println("not imported");
            return NamdCli.ERRORS;
        }
        try (Store store = openStore(o.store())) {
            AutomationLibrary.importInto(store, a);
        }
        out.println("imported\t" + AutomationModel.string(a, AutomationModel.AUTOMATION_ID));
        return NamdCli.OK;
    }

    /** An automation file, a shipped automation id or (with a store) an imported automation id. */
    private EObject load(String fileOrId, Path storeDir, boolean lookInStore) throws IOException, AutomationFormatException {
        Path p = Path.of(fileOrId);
        if (Files.isRegularFile(p)) {
            try (InputStream in = new FileInputStream(p.toFile())) {
                return AutomationModel.load(in, p.toString());
            }
        }
        Optional<EObject> shipped = AutomationLibrary.find(fileOrId);
        if (shipped.isPresent()) {
            return shipped.get();
        }
        if (lookInStore) {
            try (Store store = openStore(storeDir)) {
                Optional<EObject> imported = AutomationLibrary.find(store, fileOrId);
                if (imported.isPresent()) {
                    return imported.get();
                }
            }
        }
        throw new IllegalArgumentException("'" + fileOrId + "' is neither an automation file nor a shipped or imported automation "
                + "(see: namdrunner automation list)");
    }

    private int validate(List<String> args) throws IOException, AutomationFormatException {
        Options o = Options.parse(args, false);
        if (o.positional().size() != 1) {
            throw new IllegalArgumentException("validate needs one FILE or ID");
        }
        String what = o.positional().get(0);
        List<String> problems = AutomationValidator.validate(load(what, o.store(), o.store() != null), registry());
        problems.forEach(p -> err.println("error: " + what + ": " + p));
        if (problems.isEmpty()) {
            out.println(what + ": valid");
        }
        return problems.isEmpty() ? NamdCli.OK : NamdCli.ERRORS;
    }

    private int export(List<String> args) throws IOException, AutomationFormatException {
        Options o = Options.parse(args, true);
        if (o.positional().size() != 1) {
            throw new IllegalArgumentException("export needs one automation FILE or ID");
        }
        EObject a = load(o.positional().get(0), o.store(), o.store() != null);
        if (o.output() != null) {
            try (OutputStream os = Files.newOutputStream(o.output())) {
                AutomationModel.save(a, os);
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
        Path base = Files.isRegularFile(Path.of(source)) ? Path.of(source).toAbsolutePath().getParent() : null;
        String profileId = null;
        Path inputs = null;
        String name = null;
        String runId = null;
        Path storeDir = null;
        long pollMillis = 10_000;
        long timeoutMillis = 0;
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
                case "--poll" -> pollMillis = millis(opt, v);
                case "--timeout" -> timeoutMillis = millis(opt, v);
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
        EObject a = load(source, storeDir, true);
        if (name == null) {
            name = AutomationModel.string(a, AutomationModel.AUTOMATION_ID);
        }
        final Path templateBase = base;
        Map<String, String> templateNames = new java.util.HashMap<>();
        AutomationRunner.TemplateResolver templates = ref -> {
            if (BuiltInTemplates.ids().contains(ref)) {
                templateNames.put(BuiltInTemplates.text(ref), ref);
                return BuiltInTemplates.text(ref);
            }
            Path f = templateBase != null ? templateBase.resolve(ref) : Path.of(ref);
            try {
                String text = Files.readString(f);
                templateNames.put(text, f.getFileName().toString());
                return text;
            } catch (IOException e) {
                throw new WorkflowException("Template '" + ref + "' is neither a built-in template nor a readable file (" + f + ")");
            }
        };
        try (Store store = storeDir == null ? Store.openDefault() : Store.open(storeDir)) {
            ClusterProfileRegistry profiles = env.profiles(new StoreProfileRepository(store));
            ProfileConfig profile = profileId != null ? profiles.get(profileId)
                    : profiles.active().orElseThrow(() -> new IllegalArgumentException("no active cluster profile; use --profile ID"));
            final String sourceName = name;
            // messages name the template (file name or built-in id) the text came from
            ConfigRenderer renderer = (text, vals) -> new TemplateConfigRenderer(templateNames.getOrDefault(text, sourceName)).render(text, vals);
            Workflows wf = new Workflows(store, registry(), renderer);
            AutomationRunner runner = new AutomationRunner(wf, registry(), templates);
            NullProgressMonitor monitor = new NullProgressMonitor();
            try (ClusterSession s = profiles.type(profile.typeId()).connect(profile,
                    new SshConnectionContext(UserInteraction.NONE, null, new CommandLog()), monitor)) {
                WorkflowStore.RunRecord run = runner.start(s, a, runId, name, inputs, values, monitor);
                out.println("run " + run.runId + " (" + run.jobsByStep.size() + " stages) on " + profile.id());
                AutomationRunner.Outcome o = runner.await(s, run.runId, pollMillis, timeoutMillis, monitor);
                o.problems().forEach(p -> err.println("problem: " + p));
                for (Map.Entry<String, Job> e : o.finalJobs().entrySet()) {
                    Job j = e.getValue();
                    out.println(e.getKey() + "\t" + j.name() + "\t" + j.state() + (j.reason() == null ? "" : "\t" + j.reason()));
                }
                return o.allCompleted() ? NamdCli.OK : NamdCli.ERRORS;
            }
        }
    }

    private static long millis(String option, String seconds) {
        try {
            double d = Double.parseDouble(seconds);
            if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return Math.round(d * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number of seconds, not '" + seconds + "'");
        }
    }
}

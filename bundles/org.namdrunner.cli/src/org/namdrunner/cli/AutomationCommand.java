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

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.emf.ecore.EObject;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.ConfigRenderer;
import org.namdrunner.automation.TemplateConfigRenderer;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.core.model.Job;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.UserInteraction;
import org.namdrunner.store.Store;
import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.workflow.AutomationLibrary;
import org.namdrunner.jobs.op.RunAutomationOperation;
import org.namdrunner.workflow.AutomationRunner;
import org.namdrunner.workflow.WorkflowException;
import org.namdrunner.workflow.WorkflowStore;
import org.namdrunner.jobs.JobService;
import org.namdrunner.workflow.model.AutomationFormatException;
import org.namdrunner.workflow.model.AutomationModel;
import org.namdrunner.workflow.model.AutomationValidator;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code namdrunner automation list | import FILE | validate FILE|ID | export FILE|ID [-o FILE] | run FILE|ID [options]}:
 * saved automations without the workbench ({@code --store DIR} selects the database, default the user's). Imported
 * automations are kept in the database and found by id like the shipped ones. {@code run} creates the run's jobs
 * and drives them (status sync, continuations, queue) until every stage has settled; running it again with the same
 * {@code --run-id} resumes the run (after a crash, a reboot, a kill): nothing is created or submitted twice.
 */
@Command(name = "automation", subcommands = HelpCommand.class, description = { "Saved multi-stage automations: list, import, validate, export, run.",
        "--store DIR selects the database (default: the user's)." })
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

    /** {@code --store DIR}, shared by every subcommand. */
    static final class StoreOption {
        @Option(names = "--store", paramLabel = "DIR", description = "The database directory (default: the user's).")
        Path store;
    }

    private static Store openStore(Path dir) {
        return dir == null ? Store.openDefault() : Store.open(dir);
    }

    @Command(name = "list", description = "Lists the shipped and the imported automations (tab-separated: ID shipped|imported NAME).")
    int list(@Mixin StoreOption o) {
        AutomationLibrary.all().forEach((id, a) -> out.println(id + "\tshipped\t" + AutomationModel.string(a, AutomationModel.AUTOMATION_NAME)));
        List<String> problems = new ArrayList<>();
        try (Store store = openStore(o.store)) {
            AutomationLibrary.imported(store, problems)
                    .forEach((id, a) -> out.println(id + "\timported\t" + AutomationModel.string(a, AutomationModel.AUTOMATION_NAME)));
        }
        problems.forEach(p -> err.println("warning: " + p));
        return NamdCli.OK;
    }

    @Command(name = "import", description = { "Keeps an automation file (XMI) in the database, after validating it.",
            "An automation of the same id is replaced.", "Exit status 1 when it is invalid (nothing is imported)." })
    int importAutomation(@Parameters(paramLabel = "FILE", description = "An automation file (XMI).") Path f, @Mixin StoreOption o)
            throws IOException, AutomationFormatException, WorkflowException {
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("import needs one automation FILE (XMI); " + f + " is no file");
        }
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
        try (Store store = openStore(o.store)) {
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

    @Command(name = "validate", description = { "Checks an automation.",
            "Its steps are installed, stage ids and dependencies are sound (no cycle). An imported ID is looked up with --store.", "Exit status 1 when it has problems." })
    int validate(@Parameters(paramLabel = "FILE|ID", description = "An automation file or a shipped or imported id.") String what,
            @Mixin StoreOption o) throws IOException, AutomationFormatException {
        List<String> problems = AutomationValidator.validate(load(what, o.store, o.store != null), registry());
        problems.forEach(p -> err.println("error: " + what + ": " + p));
        if (problems.isEmpty()) {
            out.println(what + ": valid");
        }
        return problems.isEmpty() ? NamdCli.OK : NamdCli.ERRORS;
    }

    @Command(name = "export", description = "Writes an automation as XMI (to standard output, or to FILE).")
    int export(@Parameters(paramLabel = "FILE|ID", description = "An automation file or a shipped or imported id.") String what,
            @Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "Write to FILE.") Path output,
            @Mixin StoreOption o) throws IOException, AutomationFormatException {
        EObject a = load(what, o.store, o.store != null);
        if (output != null) {
            try (OutputStream os = Files.newOutputStream(output)) {
                AutomationModel.save(a, os);
            }
        } else {
            out.print(AutomationModel.toXmi(a));
        }
        return NamdCli.OK;
    }

    @Command(name = "run", sortOptions = false, description = { "Runs an automation headless until every stage has settled.",
            "Creates the run's jobs and drives them (status sync, continuations, queue). Running it again with the same --run-id resumes the run "
            + "(after a crash, a reboot, a kill): nothing is created or submitted twice.",
            "Prints: run RUN_ID (N stages) on PROFILE, then STAGE NAME STATE [REASON] per stage, tab-separated.",
            "Exit status 1 when a stage did not complete." })
    int runAutomation(@Parameters(paramLabel = "FILE|ID", description = "An automation file or a shipped or imported id.") String source,
            @Option(names = "--profile", paramLabel = "ID", description = "The cluster profile (default: the active one).") String profileId,
            @Option(names = "--inputs", paramLabel = "DIR", description = "The folder of the input files.") Path inputs,
            @Option(names = "--name", paramLabel = "NAME", description = "The run's name (default: the automation's id).") String name,
            @Option(names = "--run-id", paramLabel = "ID", description = "The run's id: the same id resumes the run.") String runId,
            @Option(names = "--set", paramLabel = "[STAGE.]NAME=VALUE", description = "A template value, for every stage or one "
                    + "(repeatable).") Map<String, String> setValues,
            @Option(names = "--poll", paramLabel = "SECONDS", description = "Time between status syncs (default: the "
                    + "profile's minimum seconds between status queries, so a run asks the cluster no more often than the "
                    + "workbench does).") String poll,
            @Option(names = "--files-on-cluster", description = "Files the first stages read that are not in --inputs are on the "
                    + "cluster already (without it such a run is refused before anything is created).") boolean filesOnCluster,
            @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0", description = "Give up after this long "
                    + "(default ${DEFAULT-VALUE}: never).") String timeout,
            @Mixin StoreOption storeOption) throws IOException, AutomationFormatException, WorkflowException, ClusterException {
        Path base = Files.isRegularFile(Path.of(source)) ? Path.of(source).toAbsolutePath().getParent() : null;
        Path storeDir = storeOption.store;
        Long pollOption = poll == null ? null : millis("--poll", poll);
        long timeoutMillis = millis("--timeout", timeout);
        Map<String, String> values = setValues == null ? new LinkedHashMap<>() : setValues;
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
            long pollMillis = pollOption != null ? pollOption : Math.max(1, profile.statusMinIntervalSeconds()) * 1000L;
            final String sourceName = name;
            // messages name the template (file name or built-in id) the text came from
            ConfigRenderer renderer = (text, vals) -> new TemplateConfigRenderer(templateNames.getOrDefault(text, sourceName)).render(text, vals);
            try (JobService service = CliJobs.service(env, store, renderer)) {
                // the workbench's Run… goes through the same operation: checks, creation, the driving loop
                RunAutomationOperation op = new RunAutomationOperation(service, new RunAutomationOperation.Request(a, profile.id(),
                        runId, name, inputs, values, filesOnCluster), templates, pollMillis, timeoutMillis, null);
                IProgressMonitor monitor = CliProgress.of(err);
                try {
                    op.run(monitor);
                } catch (org.eclipse.core.runtime.CoreException e) {
                    if (op.runRecord() == null) {
                        throw new WorkflowException(e.getStatus().getMessage());
                    }
                    err.println("problem: " + e.getStatus().getMessage());
                }
                WorkflowStore.RunRecord run = op.runRecord();
                out.println("run " + run.runId + " (" + run.jobsByStep.size() + " stages) on " + profile.id());
                AutomationRunner.Outcome o = op.result();
                if (o == null) {
                    return NamdCli.ERRORS;
                }
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

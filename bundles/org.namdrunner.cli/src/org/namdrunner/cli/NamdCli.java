package org.namdrunner.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.model.Declaration;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.template.render.RenderResult;
import org.namdrunner.template.render.TemplateRenderer;

/**
 * The {@code namdrunner} command line (no display needed):
 * <pre>
 * namdrunner validate FILE|DIR...                       file:line:col: severity: message; exit 1 on errors
 * namdrunner render TEMPLATE [--set name=value]... [-o OUT]   prints the NAMD config; exit 1 on bad values
 * namdrunner templates [ID]                             lists built-in templates / the variables of one
 * namdrunner automation list|import FILE|validate FILE|export ID|run FILE|ID [options]   saved automations, headless runs
 * namdrunner profiles [ID]                              installed cluster profile types and presets / one preset
 * namdrunner steps                                      installed automation steps and their parameters
 * namdrunner submit --profile ID --config FILE [...]    runs the job lifecycle headless (--wait: to the end)
 * </pre>
 * TEMPLATE is a file or the id of a built-in template. Exit status: 0 ok, 1 errors found, 2 usage or I/O problem.
 */
public final class NamdCli {

    public static final int OK = 0;
    public static final int ERRORS = 1;
    public static final int USAGE = 2;

    /** File endings {@code validate DIR} picks up. */
    public static final List<String> EXTENSIONS = List.of(".namd", ".conf", ".inp", ".namdt");

    private final PrintStream out;
    private final PrintStream err;
    private final CliEnvironment env;

    public NamdCli(PrintStream out, PrintStream err) {
        this(out, err, CliEnvironment.EXTENSIONS);
    }

    /** A command line whose profile types and steps come from {@code env} instead of the extension registry. */
    public NamdCli(PrintStream out, PrintStream err, CliEnvironment env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public int run(List<String> args) {
        if (args.isEmpty() || List.of("-h", "--help", "help").contains(args.get(0))) {
            usage(args.isEmpty() ? err : out);
            return args.isEmpty() ? USAGE : OK;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "validate" -> validate(rest);
                case "render" -> render(rest);
                case "templates" -> templates(rest);
                case "profiles" -> new ProfilesCommand(out, err).run(rest);
                case "steps" -> new StepsCommand(out, err).run(rest);
                case "submit" -> new SubmitCommand(out, err).run(rest);
                case "automation" -> new AutomationCommand(out, err, env).run(rest);
                default -> {
                    err.println("namdrunner: unknown command '" + args.get(0) + "'");
                    usage(err);
                    yield USAGE;
                }
            };
        } catch (UsageException e) {
            err.println("namdrunner " + args.get(0) + ": " + e.getMessage());
            return USAGE;
        }
    }

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String m) {
            super(m);
        }
    }

    private void usage(PrintStream s) {
        s.println("usage: namdrunner validate FILE|DIR...");
        s.println("       namdrunner render TEMPLATE [--set name=value]... [-o OUTPUT]");
        s.println("       namdrunner templates [ID]");
        s.println("       namdrunner profiles [ID]                 installed cluster profile types and presets");
        s.println("       namdrunner steps                         installed automation steps and their parameters");
        s.println("       namdrunner submit --profile ID --config FILE [--set name=value]... [--input FILE]... [--name N]");
        s.println("                         [--partition P] [--cores N] [--time MINUTES] [--results DIR] [--wait]");
        s.println("       namdrunner automation list|import|validate|export|run ...  saved multi-stage automations (run: headless)");
        s.println("TEMPLATE is a file or a built-in template id (" + String.join(", ", BuiltInTemplates.ids()) + ").");
        s.println("Exit status: 0 ok, 1 errors found, 2 usage or I/O problem.");
    }

    private int validate(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("give at least one file or directory");
        }
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> EXTENSIONS.stream()
                            .anyMatch(e -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e))).sorted().forEach(files::add);
                } catch (IOException e) {
                    err.println(a + ": cannot list directory: " + e.getMessage());
                    return USAGE;
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                err.println(a + ": no such file or directory");
                return USAGE;
            }
        }
        int errors = 0;
        int warnings = 0;
        boolean ioProblem = false;
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                try {
                    text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                } catch (IOException e2) {
                    err.println(f + ": cannot read: " + e2.getMessage());
                    ioProblem = true;
                    continue;
                }
            } catch (IOException e) {
                err.println(f + ": cannot read: " + e.getMessage());
                ioProblem = true;
                continue;
            }
            for (NamdLanguage.Finding finding : NamdLanguage.validate(text, f.getFileName().toString())) {
                out.println(finding.format(f.toString()));
                if (finding.error()) {
                    errors++;
                } else {
                    warnings++;
                }
            }
        }
        err.println(files.size() + " file(s): " + errors + " error(s), " + warnings + " warning(s)");
        return errors > 0 ? ERRORS : ioProblem ? USAGE : OK;
    }

    private String loadTemplate(String ref) throws UsageException {
        Path p = Path.of(ref);
        if (Files.isRegularFile(p)) {
            try {
                return Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException(ref + ": cannot read: " + e.getMessage());
            }
        }
        String id = ref.startsWith("builtin:") ? ref.substring("builtin:".length()) : ref;
        if (BuiltInTemplates.ids().contains(id)) {
            return BuiltInTemplates.text(id);
        }
        throw new UsageException(ref + ": no such file and no built-in template of that name (built-in: "
                + String.join(", ", BuiltInTemplates.ids()) + ")");
    }

    private int render(List<String> args) throws UsageException {
        String template = null;
        String output = null;
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--set") || a.equals("-s")) {
                if (++i >= args.size()) {
                    throw new UsageException("--set needs name=value");
                }
                addValue(values, args.get(i));
            } else if (a.startsWith("--set=")) {
                addValue(values, a.substring("--set=".length()));
            } else if (a.equals("-o") || a.equals("--output")) {
                if (++i >= args.size()) {
                    throw new UsageException(a + " needs a file name");
                }
                output = args.get(i);
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown option " + a);
            } else if (template == null) {
                template = a;
            } else {
                throw new UsageException("only one template, got '" + template + "' and '" + a + "'");
            }
        }
        if (template == null) {
            throw new UsageException("give a template file or built-in template id");
        }
        String text = loadTemplate(template);
        RenderResult r = TemplateRenderer.render(text, Path.of(template).getFileName().toString(), values);
        if (!r.ok()) {
            r.errors().forEach(e -> err.println("error: " + e));
            err.println("nothing rendered");
            return ERRORS;
        }
        r.warnings().forEach(w -> err.println("warning: " + w));
        if (output == null) {
            out.print(r.text());
        } else {
            try {
                Files.writeString(Path.of(output), r.text(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println(output + ": cannot write: " + e.getMessage());
                return USAGE;
            }
        }
        return OK;
    }

    private static void addValue(Map<String, String> values, String nameValue) throws UsageException {
        int eq = nameValue.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("expected name=value, got '" + nameValue + "'");
        }
        values.put(nameValue.substring(0, eq), nameValue.substring(eq + 1));
    }

    private int templates(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            BuiltInTemplates.ids().forEach(out::println);
            return OK;
        }
        String text = loadTemplate(args.get(0));
        NamdDocument doc = NamdLanguage.analyze(NamdLanguage.parse(text, args.get(0)));
        for (Declaration d : doc.declarations().values()) {
            out.println(d.name() + "\t" + (d.type() == null ? "?" : d.type().label()) + "\t"
                    + (d.defaultValue() == null ? "(required)" : d.defaultValue()) + "\t" + d.documentation());
        }
        return OK;
    }
}

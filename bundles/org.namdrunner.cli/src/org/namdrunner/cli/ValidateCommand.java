package org.namdrunner.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.catalog.NamdVersion;
import org.namdrunner.template.inputs.InputFileCheck;
import org.namdrunner.template.validation.ValidationOptions;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code namdrunner validate [--format text|json|github] [--namd 2.14|3.0] FILE|DIR...}: checks NAMD configs and templates against
 * NAMD's rules, all files in one process (the language is set up once). Findings go to standard output in the
 * chosen format, the summary line to standard error.
 */
@Command(name = "validate", sortOptions = false,
        description = { "Checks NAMD configs and templates against NAMD's rules.",
                "Unknown keywords, bad values, missing required settings, template declarations. A directory is searched "
                + "recursively for *.namd, *.conf, *.inp and *.namdt; all files are checked in one process.",
                "Input files the config names that are beside it are read against each other: atom counts of structure, "
                + "coordinates and restart files, CHARMM parameter files, the restart set, the extendedSystem cell.",
                "Exit status 1 when any file has an error (warnings alone: 0)." })
final class ValidateCommand implements Callable<Integer> {

    /** File endings {@code validate DIR} picks up. */
    static final List<String> EXTENSIONS = List.of(".namd", ".conf", ".inp", ".namdt");

    /** How findings are printed (lower-case names: they are the option's values). */
    enum Format {
        /** {@code file:line:col: severity: message}, one a line (compilers' format, understood by editors). */
        text,
        /** One JSON object: counts, findings and unreadable files. */
        json,
        /** GitHub Actions workflow commands ({@code ::error file=F,line=L,col=C::message}), shown as annotations. */
        github
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (file:line:col: severity: message), json (one object with counts and findings) or github "
                    + "(GitHub Actions annotations: ::error file=F,line=L,col=C::message). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--namd", paramLabel = "VERSION",
            description = "The NAMD release the configs run with: 2.14 or 3.0. A keyword only the other release has is an error "
                    + "that says so (\"removed in NAMD 3.0\", \"new in NAMD 3.0\"). Default: keywords of either release are accepted.")
    String namd;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files, or directories to search.")
    List<String> paths;

    private final PrintStream out;
    private final PrintStream err;

    ValidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** One finding of one file, or (finding == null) a file that could not be read. */
    private record Result(Path file, NamdLanguage.Finding finding, String unreadable) {
    }

    @Override
    public Integer call() throws NamdCli.UsageException {
        NamdVersion version = null;
        if (namd != null) {
            version = NamdVersion.parse(namd).orElseThrow(() -> new NamdCli.UsageException(
                    "--namd: unknown NAMD version '" + namd + "' (known: 2.14, 3.0)"));
        }
        List<Path> files = files();
        List<Result> results = new ArrayList<>(); // kept for json only: text and github stream as files are checked
        int errors = 0;
        int warnings = 0;
        int notes = 0;
        int unreadable = 0;
        for (Path f : files) {
            String text;
            try {
                text = read(f);
            } catch (IOException e) {
                report(new Result(f, null, "cannot read: " + e.getMessage()), results);
                unreadable++;
                continue;
            }
            // files the config sources are read from its directory, as NAMD (started there) reads them
            Path dir = f.toAbsolutePath().getParent();
            ValidationOptions options = ValidationOptions.DEFAULT.withNamdVersion(version).withSourcesFrom(dir);
            List<NamdLanguage.Finding> findings = new ArrayList<>(NamdLanguage.validate(text, f.getFileName().toString(), options));
            // the input files the config names that are there (beside it): read against each other, as NAMD will
            findings.addAll(InputFileCheck.findings(text, name -> besides(dir, name)));
            for (NamdLanguage.Finding finding : findings) {
                report(new Result(f, finding, null), results);
                if (finding.error()) {
                    errors++;
                } else if (finding.warning()) {
                    warnings++;
                } else {
                    notes++;
                }
            }
        }
        if (format == Format.json) {
            out.println(json(files.size(), errors, warnings, notes, results));
        }
        err.println(files.size() + " file(s): " + errors + " error(s), " + warnings + " warning(s)" + (notes > 0 ? ", " + notes + " note(s)" : "")
                + (unreadable > 0 ? ", " + unreadable + " unreadable" : ""));
        return errors > 0 ? NamdCli.ERRORS : unreadable > 0 ? NamdCli.USAGE : NamdCli.OK;
    }

    /** A file name of a config resolved as NAMD started in the config's folder would: relative to it; null if none. */
    static Path besides(Path dir, String name) {
        try {
            Path p = dir.resolve(name);
            return Files.isRegularFile(p) ? p : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private void report(Result r, List<Result> results) {
        switch (format) {
            case text -> {
                if (r.finding() != null) {
                    out.println(r.finding().format(r.file().toString()));
                } else {
                    err.println(r.file() + ": " + r.unreadable());
                }
            }
            case github -> out.println(r.finding() != null ? annotation(r.file(), r.finding())
                    : "::error file=" + property(r.file().toString()) + "::" + data(r.unreadable()));
            case json -> results.add(r);
        }
    }

    private List<Path> files() throws NamdCli.UsageException {
        List<Path> files = new ArrayList<>();
        for (String a : paths) {
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> EXTENSIONS.stream()
                            .anyMatch(e -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e))).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new NamdCli.UsageException(a + ": cannot list directory: " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new NamdCli.UsageException(a + ": no such file or directory");
            }
        }
        return files;
    }

    /** UTF-8, or Latin-1 for files that are not UTF-8 (old configs). */
    private static String read(Path f) throws IOException {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        }
    }

    /** {@code ::error file=F,line=L,col=C::message} (or {@code ::warning}, and {@code ::notice} for a note). */
    static String annotation(Path file, NamdLanguage.Finding f) {
        return "::" + (f.error() ? "error" : f.warning() ? "warning" : "notice") + " file=" + property(file.toString()) + ",line=" + f.line() + ",col="
                + f.column() + "::" + data(f.message());
    }

    /** The escaping of a workflow command's message: {@code %}, CR and LF as {@code %25 %0D %0A}. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** The escaping of a workflow command's property value: as {@link #data} and {@code :} {@code ,} as {@code %3A %2C}. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    private static String json(int fileCount, int errors, int warnings, int notes, List<Result> results) {
        JsonObject root = new JsonObject();
        root.addProperty("files", fileCount);
        root.addProperty("errors", errors);
        root.addProperty("warnings", warnings);
        root.addProperty("notes", notes);
        JsonArray findings = new JsonArray();
        JsonArray unreadable = new JsonArray();
        for (Result r : results) {
            JsonObject o = new JsonObject();
            o.addProperty("file", r.file().toString());
            if (r.finding() == null) {
                o.addProperty("message", r.unreadable());
                unreadable.add(o);
                continue;
            }
            NamdLanguage.Finding f = r.finding();
            o.addProperty("line", f.line());
            o.addProperty("column", f.column());
            o.addProperty("severity", f.severity());
            o.addProperty("code", f.code());
            o.addProperty("message", f.message());
            findings.add(o);
        }
        root.add("findings", findings);
        root.add("unreadable", unreadable);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
    }
}

package org.namdrunner.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.workflow.model.AutomationFormatException;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code namdrunner} command line (no display needed), parsed by picocli: every command, option, help text
 * and the shell completion script come from the {@code @Command}/{@code @Option} declarations of the command
 * classes ({@link ValidateCommand}, {@link RenderCommand}, {@link TemplatesCommand}, {@link ProfilesCommand},
 * {@link StepsCommand}, {@link SubmitCommand}, {@link AutomationCommand}).
 * <pre>
 * namdrunner --help | --version | help [COMMAND] | COMMAND --help
 * namdrunner validate [--format text|json|github] FILE|DIR...
 * namdrunner render TEMPLATE [--set name=value]... [-o OUT]
 * namdrunner templates [ID|FILE]
 * namdrunner profiles [ID] | steps
 * namdrunner submit --profile ID --config FILE [...]
 * namdrunner automation list|import|validate|export|run ...
 * namdrunner generate-completion        (bash/zsh completion script)
 * </pre>
 * Exit status: {@value #OK} ok, {@value #ERRORS} problems found or the operation failed, {@value #USAGE} usage
 * error (unknown command or option, missing or bad argument, unreadable input).
 */
public final class NamdCli {

    public static final int OK = 0;
    public static final int ERRORS = 1;
    public static final int USAGE = 2;

    /** File endings {@code validate DIR} picks up. */
    public static final List<String> EXTENSIONS = ValidateCommand.EXTENSIONS;

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

    /** The top command: no action of its own, only the commands, {@code --help} and {@code --version}. */
    @Command(name = "namdrunner", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = Version.class,
            description = "NAMDRunner Workbench without a display: check and render NAMD templates, list what is installed, "
                    + "submit jobs and run automations. Without arguments the start script opens the workbench.",
            commandListHeading = "%nCommands:%n",
            footerHeading = "%n",
            footer = { "TEMPLATE is a file or the id of a built-in template (see: namdrunner templates). "
                    + "@FILE reads further arguments from FILE, one a line." },
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = { "0:ok", "1:problems found (validation errors, bad values) or the operation failed",
                    "2:usage error: unknown command or option, missing or bad argument, unreadable input" })
    static final class Root {
    }

    /** {@code --version}: the version of this bundle (the product's build) and of the running Java. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            Bundle b = FrameworkUtil.getBundle(NamdCli.class);
            return new String[] { "NAMDRunner Workbench " + (b == null ? "(outside an OSGi runtime)" : b.getVersion().toString()),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")" };
        }
    }

    /** The parser over fresh command objects; {@link #run} executes it once. */
    CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Root());
        cl.addSubcommand(new CommandLine.HelpCommand());
        cl.addSubcommand(new ValidateCommand(out, err));
        cl.addSubcommand(new RenderCommand(out, err));
        cl.addSubcommand(new TemplatesCommand(out, err));
        cl.addSubcommand(new ProfilesCommand(out, err));
        cl.addSubcommand(new StepsCommand(out, err));
        cl.addSubcommand(new SubmitCommand(out, err, env));
        cl.addSubcommand(new DuplicateCommand(out, err, env));
        cl.addSubcommand(new RebuildCommand(out, err, env));
        cl.addSubcommand(new SyncCommand(out, err, env));
        cl.addSubcommand(new AutomationCommand(out, err, env));
        cl.addSubcommand(new AutoComplete.GenerateCompletion());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOverwrittenOptionsAllowed(true); // as before: a repeated single option takes the last value
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler(NamdCli::usageError);
        cl.setExecutionExceptionHandler((e, c, parseResult) -> failed(e, c.getCommandSpec().qualifiedName(" ")));
        return cl;
    }

    /** A command line that does not parse: the problem, suggestions for a mistyped name, the command's usage; exit {@value #USAGE}. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine c = e.getCommandLine();
        PrintWriter w = c.getErr();
        w.println(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, w);
        c.usage(w);
        w.flush();
        return USAGE;
    }

    /** Exit status of a command that threw: a usage problem ({@value #USAGE}) or a failed operation ({@value #ERRORS}). */
    private int failed(Exception e, String command) {
        if (e instanceof UsageException || e instanceof IllegalArgumentException || e instanceof IOException) {
            err.println(command + ": " + e.getMessage());
            return USAGE;
        }
        if (e instanceof AutomationFormatException f) {
            f.problems().forEach(p -> err.println("error: " + p));
            return ERRORS;
        }
        if (e instanceof RuntimeException) {
            err.println(command + ": internal error: " + e);
            e.printStackTrace(err);
            return ERRORS;
        }
        err.println(command + ": " + e.getMessage());
        return ERRORS;
    }

    public int run(List<String> args) {
        try {
            return commandLine().execute(args.toArray(String[]::new));
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Bad input found after parsing (no such file or template, malformed value): exit status {@value #USAGE}. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String m) {
            super(m);
        }
    }

    /** A template given as a file, as a built-in id, or as {@code builtin:ID}. */
    static String loadTemplate(String ref) throws UsageException {
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
}

package org.namdrunner.remote;

import java.util.Collection;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builder for a remote command line. The program name must be a fixed word (a constant in our code, never
 * user text); every argument is quoted with {@link ShellQuote#quote(String)}. The only shell syntax that can
 * be added is a fixed set of operators ({@code &&}, {@code |}, {@code >}, {@code 2>&1}) whose operands are
 * again quoted. There is deliberately no way to append raw text.
 *
 * <pre>
 * CommandLine.of("mkdir").arg("-p").endOfOptions().arg(userDir)
 *     .and(CommandLine.of("sha256sum").endOfOptions().arg(file));
 * </pre>
 */
public final class CommandLine {
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9_./+-]+");

    private final StringBuilder text = new StringBuilder();

    private CommandLine(String program) {
        if (program == null || !PROGRAM.matcher(program).matches()) {
            throw new IllegalArgumentException("Not a valid program name for a remote command: " + program);
        }
        text.append(program);
    }

    /** Starts a command line with a fixed program name (letters, digits, {@code _ . / + -}). */
    public static CommandLine of(String program) {
        return new CommandLine(program);
    }

    /** Appends one quoted argument. */
    public CommandLine arg(String argument) {
        text.append(' ').append(ShellQuote.quote(argument));
        return this;
    }

    /** Appends several quoted arguments. */
    public CommandLine args(String... arguments) {
        for (String a : arguments) {
            arg(a);
        }
        return this;
    }

    /** Appends several quoted arguments. */
    public CommandLine args(Collection<String> arguments) {
        for (String a : arguments) {
            arg(a);
        }
        return this;
    }

    /** Appends a numeric argument. */
    public CommandLine arg(long number) {
        text.append(' ').append(number);
        return this;
    }

    /** Appends {@code --} so that following arguments are never taken as options. */
    public CommandLine endOfOptions() {
        text.append(" --");
        return this;
    }

    /** {@code this && next}. */
    public CommandLine and(CommandLine next) {
        text.append(" && ").append(Objects.requireNonNull(next).text);
        return this;
    }

    /** {@code this || next}. */
    public CommandLine or(CommandLine next) {
        text.append(" || ").append(Objects.requireNonNull(next).text);
        return this;
    }

    /** {@code this | next}. */
    public CommandLine pipe(CommandLine next) {
        text.append(" | ").append(Objects.requireNonNull(next).text);
        return this;
    }

    /** {@code this > 'file'}. */
    public CommandLine redirectStdoutTo(String file) {
        text.append(" > ").append(ShellQuote.quote(file));
        return this;
    }

    /** {@code this 2>&1}. */
    public CommandLine stderrToStdout() {
        text.append(" 2>&1");
        return this;
    }

    /** {@code this 2>/dev/null}. */
    public CommandLine discardStderr() {
        text.append(" 2>/dev/null");
        return this;
    }

    /**
     * {@code sh -c 'script' sh arg1 arg2 ...}: runs a fixed script (a constant of our code, referring to its
     * inputs only as {@code "$1"}, {@code "$2"} ...) with quoted positional arguments.
     */
    public static CommandLine shellScript(String constantScript, String... positional) {
        CommandLine c = of("sh").arg("-c").arg(constantScript).arg("sh");
        return c.args(positional);
    }

    /** The command line as sent to the remote shell. */
    public String toCommandString() {
        return text.toString();
    }

    @Override
    public String toString() {
        return toCommandString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommandLine c && c.text.toString().equals(text.toString());
    }

    @Override
    public int hashCode() {
        return text.toString().hashCode();
    }
}

package org.namdrunner.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A profile's site environment: the lines a site documents for preparing the scheduler's environment (CU Alpine:
 * {@code source /etc/profile}, {@code module load slurm/alpine}). They are site-administrator text, typed into the
 * profile by the user who runs it, and run VERBATIM as lines of the remote script — the one exception to "commands
 * are constant scripts" ({@link RemoteShell}), so nothing of a job or of other user input is ever added to them:
 * the command that follows keeps its inputs as positional parameters.
 *
 * <p>{@link #wrap} puts them in front of every scheduler and module command of a session in the same round trip:
 * the command runs as {@code s=$1; shift; exec bash -c "$s" bash "$@"} with the lines and the command as {@code $1}
 * (bash, because sites write {@code source}; the arguments follow unchanged, each quoted by the remote layer). While
 * the lines run, their standard output goes to standard error, so they cannot disturb what the command prints.
 */
public final class SiteEnvironment {
    /** The constant script that runs {@code $1} (site lines + command) under bash with the remaining arguments. */
    public static final String RUNNER = "s=$1; shift; exec bash -c \"$s\" bash \"$@\"";
    /**
     * The constant probe for the module that provides a scheduler's commands ({@code $1}: the module name to look
     * for, e.g. {@code slurm}): Lmod's {@code module -t spider}, after {@code /etc/profile} when {@code module} is not
     * defined yet.
     */
    public static final String MODULE_PROBE = "command -v module >/dev/null 2>&1 || . /etc/profile >/dev/null 2>&1; "
            + "module -t spider \"$1\" 2>&1; true";
    private static final Pattern NOT_FOUND = Pattern.compile("(?m)\\b([A-Za-z0-9_.+-]+): (?:command )?not found\\s*$");

    private SiteEnvironment() {
    }

    /**
     * The lines as kept in a profile: trailing white space removed, blank lines dropped; a line with a line break or
     * another control character (but tab) is refused.
     *
     * @throws IllegalArgumentException naming the line
     */
    public static List<String> normalize(List<String> lines) {
        if (lines == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line == null || line.isBlank()) {
                continue;
            }
            if (line.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
                throw new IllegalArgumentException("A site environment line must be one line without control characters: '"
                        + Names.printable(line) + "'");
            }
            out.add(line.stripTrailing());
        }
        return List.copyOf(out);
    }

    /** Splits text (one line each, as typed in the profile dialog) into lines. */
    public static List<String> parse(String text) {
        return normalize(text == null ? List.of() : List.of(text.split("\\R")));
    }

    /**
     * {@code script} preceded by the site lines (their standard output going to standard error); {@code script}
     * itself when there are none.
     */
    public static String prefix(List<String> lines, String script) {
        if (lines.isEmpty()) {
            return script;
        }
        StringBuilder s = new StringBuilder();
        s.append("exec 3>&1 1>&2\n");
        for (String line : lines) {
            s.append(line).append('\n');
        }
        s.append("exec 1>&3 3>&-\n");
        s.append(script);
        return s.toString();
    }

    /** {@code shell} with the site lines in front of every command ({@code shell} itself when there are none). */
    public static RemoteShell wrap(RemoteShell shell, List<String> lines) {
        return lines.isEmpty() ? shell : new Shell(shell, List.copyOf(lines));
    }

    /**
     * The command the shell reported as not found ({@code bash: line 1: sbatch: command not found}, dash's
     * {@code sh: 1: sbatch: not found}) when it is one of {@code commands}; null otherwise.
     */
    public static String commandNotFound(ShellResult r, List<String> commands) {
        Matcher m = NOT_FOUND.matcher(r.stderr() + "\n" + r.stdout());
        while (m.find()) {
            if (commands.contains(m.group(1))) {
                return m.group(1);
            }
        }
        return null;
    }

    /**
     * The modules named {@code <name>/<version>} in {@code module -t spider <name>} output, in its order: one per line
     * when there are several versions; with a single version Lmod prints its detailed page even with {@code -t}
     * ({@code "  slurm: slurm/22.05"}, {@code "module load slurm/22.05"}), so every word of the output counts.
     */
    public static List<String> spiderModules(String output, String name) {
        List<String> out = new ArrayList<>();
        String prefix = name.toLowerCase(java.util.Locale.ROOT) + "/";
        for (String word : output.replace("(default)", "").split("\\s+")) {
            String w = word.replaceAll("[,;:)]+$", "");
            if (w.toLowerCase(java.util.Locale.ROOT).startsWith(prefix) && w.length() > prefix.length() && !out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * The error for a scheduler command that is not on PATH: names the command and the module that provides it
     * ({@code modules}: found by {@link #MODULE_PROBE}), and what to put into the site environment.
     */
    public static ClusterException missingCommands(String scheduler, String command, List<String> modules, List<String> lines) {
        StringBuilder m = new StringBuilder();
        m.append(scheduler).append(" commands are not found on the cluster (").append(command).append(": command not found)");
        if (!lines.isEmpty()) {
            m.append(" even after the profile's site environment (").append(String.join("; ", lines)).append(')');
        }
        m.append(". ");
        if (!modules.isEmpty()) {
            String module = modules.get(modules.size() - 1);
            m.append(modules.size() == 1 ? "The module " + module + " provides them"
                    : "The modules " + String.join(", ", modules) + " provide them");
            m.append(": add the lines 'source /etc/profile' and 'module load ").append(module)
                    .append("' to the profile's site environment.");
        } else {
            m.append("No module named like it was found (module spider); add the lines your site documents for using ")
                    .append(scheduler).append(" (often 'source /etc/profile' and a 'module load') to the profile's site environment.");
        }
        return new ClusterException(ClusterException.Kind.CONFIGURATION, m.toString());
    }

    /** The shell of {@link #wrap}: commands and nothing else change; transfers go to the wrapped shell. */
    private static final class Shell implements RemoteShell {
        private final RemoteShell delegate;
        private final List<String> lines;

        Shell(RemoteShell delegate, List<String> lines) {
            this.delegate = delegate;
            this.lines = lines;
        }

        @Override
        public ShellResult run(String script, List<String> args, byte[] stdin, IProgressMonitor monitor) throws ClusterException {
            List<String> all = new ArrayList<>(args.size() + 1);
            all.add(prefix(lines, script));
            all.addAll(args);
            return delegate.run(RUNNER, all, stdin, monitor);
        }

        @Override
        public String user() {
            return delegate.user();
        }

        @Override
        public void upload(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException {
            delegate.upload(local, remotePath, monitor);
        }

        @Override
        public boolean downloadFolder(String remoteDir, Path localDir, IProgressMonitor monitor) throws ClusterException {
            return delegate.downloadFolder(remoteDir, localDir, monitor);
        }

        @Override
        public void download(String remotePath, Path local, IProgressMonitor monitor) throws ClusterException {
            delegate.download(remotePath, local, monitor);
        }

        @Override
        public void close() {
            // the session closes the wrapped shell
        }
    }
}

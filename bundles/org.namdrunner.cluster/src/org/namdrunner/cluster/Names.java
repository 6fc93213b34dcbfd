package org.namdrunner.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validation of the user-provided names that end up in job scripts and remote paths. Validation refuses what
 * cannot be represented safely at all (control characters, path separators in file names, ...); everything
 * it accepts is still quoted with the remote layer's quoting helper wherever it reaches a shell.
 */
public final class Names {
    /** Longest job name accepted (Slurm keeps more, but squeue columns and directory names do not). */
    public static final int MAX_JOB_NAME = 200;
    /** Longest file name in bytes (most file systems). */
    public static final int MAX_FILE_NAME_BYTES = 255;

    private static final Pattern SAFE_TOKEN = Pattern.compile("[A-Za-z0-9_.+\\-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Names() {
    }

    /** Partition, QoS and account names: letters, digits, {@code _ . + -}. */
    public static boolean isSafeToken(String s) {
        return s != null && SAFE_TOKEN.matcher(s).matches();
    }

    /** Throws a readable error unless {@code value} is a safe token (partition, QoS, account). */
    public static String requireToken(String what, String value) throws ClusterException {
        if (!isSafeToken(value)) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Not a valid " + what + " name: '"
                    + printable(value) + "' (use letters, digits, '_', '-', '.', '+')");
        }
        return value;
    }

    /** The message for a blank job name. */
    public static final String JOB_NEEDS_NAME = "A job needs a name";

    /** A job name: 1..200 characters, no control characters. Shell metacharacters are allowed (quoted later). */
    public static String requireJobName(String name) throws ClusterException {
        if (name == null || name.isBlank()) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, JOB_NEEDS_NAME);
        }
        if (name.length() > MAX_JOB_NAME) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST,
                    "Job name is too long (" + name.length() + " characters, at most " + MAX_JOB_NAME + ")");
        }
        int bad = firstControl(name);
        if (bad >= 0) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Job name contains a control character "
                    + String.format(Locale.ROOT, "(U+%04X)", (int) name.charAt(bad)) + " at position " + (bad + 1)
                    + ": '" + printable(name) + "'");
        }
        return name;
    }

    /**
     * A file name (one path component) for inputs, configs and outputs: not empty, not {@code .}/{@code ..},
     * no {@code /} or {@code \}, no control characters, at most 255 bytes in UTF-8.
     */
    public static String requireFileName(String name) throws ClusterException {
        if (name == null || name.isEmpty()) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "A file name must not be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "'" + name + "' is not a file name");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST,
                    "File name '" + printable(name) + "' must not contain '/' or '\\' (name a file, not a path)");
        }
        int bad = firstControl(name);
        if (bad >= 0) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST,
                    "File name contains a control character at position " + (bad + 1) + ": '" + printable(name) + "'");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_FILE_NAME_BYTES) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST,
                    "File name is longer than " + MAX_FILE_NAME_BYTES + " bytes: '" + printable(name) + "'");
        }
        return name;
    }

    /** A module name for {@code module load}: no whitespace or control characters, at most 200 characters. */
    public static String requireModuleName(String module) throws ClusterException {
        if (module == null || module.isBlank()) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "A module name must not be empty");
        }
        if (module.length() > 200 || module.chars().anyMatch(c -> c < 0x20 || c == 0x7f || Character.isWhitespace(c))) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST,
                    "Not a valid module name: '" + printable(module) + "' (no spaces or control characters)");
        }
        return module;
    }

    /** An environment variable name ({@code [A-Za-z_][A-Za-z0-9_]*}). */
    public static String requireEnvName(String name) throws ClusterException {
        if (name == null || !ENV_NAME.matcher(name).matches()) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST,
                    "Not a valid environment variable name: '" + printable(name) + "'");
        }
        return name;
    }

    /** A value that may be placed (quoted) in a script: no NUL. */
    public static String requireValue(String what, String value) throws ClusterException {
        if (value == null) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, what + " must not be missing");
        }
        if (value.indexOf('\0') >= 0) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, what + " contains a NUL character");
        }
        return value;
    }

    /**
     * A file-system friendly form of a job name for directory names and {@code #SBATCH} lines: characters other
     * than letters, digits, {@code _ . + -} become {@code _}, at most 40 characters, never starting with
     * {@code .} or {@code -}.
     */
    public static String slug(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && sb.length() < 40; i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '+' || c == '-');
            sb.append(ok ? c : '_');
        }
        while (sb.length() > 0 && (sb.charAt(0) == '.' || sb.charAt(0) == '-')) {
            sb.setCharAt(0, '_');
        }
        return sb.length() == 0 ? "job" : sb.toString();
    }

    private static int firstControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    /** The string with control characters shown as {@code \\uXXXX} (for error messages). */
    public static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 120; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > 120) {
            sb.append("...");
        }
        return sb.toString();
    }
}

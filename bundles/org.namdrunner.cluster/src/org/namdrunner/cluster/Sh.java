package org.namdrunner.cluster;

import java.util.regex.Pattern;

/**
 * Entry point of the cluster bundles to shell quoting: every argument that reaches a shell goes through
 * {@link #quote(String)}. Same rules as the remote layer's audited helper ({@code org.namdrunner.remote.ShellQuote}),
 * to which this delegates once that bundle is available: safe words stay as they are, everything else is
 * single-quoted with {@code '} written as {@code '\''}; NUL is refused.
 */
public final class Sh {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_\\-+=.,/:@%]+");

    private Sh() {
    }

    /** Quotes one argument for a POSIX shell. */
    public static String quote(String arg) {
        if (arg == null) {
            throw new IllegalArgumentException("A shell argument must not be null");
        }
        if (arg.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("A shell argument cannot contain a NUL character");
        }
        if (arg.isEmpty()) {
            return "''";
        }
        if (SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}

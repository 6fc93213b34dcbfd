package org.namdrunner.cluster;

import org.namdrunner.remote.ShellQuote;

/**
 * Entry point of the cluster bundles to the remote layer's audited quoting helper
 * ({@link ShellQuote#quote(String)}), used where text is written INTO a shell script (the generated job
 * script). Remote commands themselves are constant scripts with positional arguments (see {@link RemoteShell}).
 */
public final class Sh {
    private Sh() {
    }

    /** Quotes one argument for a POSIX shell (delegates to {@link ShellQuote#quote(String)}). */
    public static String quote(String arg) {
        return ShellQuote.quote(arg);
    }
}

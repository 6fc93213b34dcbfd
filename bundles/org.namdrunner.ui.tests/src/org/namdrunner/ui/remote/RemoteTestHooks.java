package org.namdrunner.ui.remote;

/**
 * Package-private accessors of the SSH console (widgets, pages, diagnostics),
 * for UI tests in other packages: this fragment shares the package {@code org.namdrunner.ui.remote} with its host, so the
 * accessors are no public API.
 */
public final class RemoteTestHooks {

    private RemoteTestHooks() {
    }

    public static boolean showsOutput(SshConsole target) {
        return target.showsOutput();
    }

    public static void applyPreferences(SshConsole target) {
        target.applyPreferences();
    }
}

package org.namdrunner.template.ui;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/** Bundle id and logging of the template editor. */
public final class Activator {

    public static final String PLUGIN_ID = "org.namdrunner.template.ui";

    private Activator() {
    }

    static void log(String message, Throwable t) {
        ILog.of(Activator.class).log(new Status(IStatus.ERROR, PLUGIN_ID, message, t));
    }
}

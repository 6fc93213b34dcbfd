package org.namdrunner.ui.templates;

import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.IStatus;
import org.namdrunner.ui.NamdRunnerUi;

/** Tells views that stored templates changed (a save in the template editor, an import ...). */
public final class TemplatesChanged {

    private static final CopyOnWriteArrayList<Runnable> LISTENERS = new CopyOnWriteArrayList<>();

    private TemplatesChanged() {
    }

    public static void addListener(Runnable r) {
        LISTENERS.add(r);
    }

    public static void removeListener(Runnable r) {
        LISTENERS.remove(r);
    }

    /** Calls every listener (in the caller's thread). */
    public static void fire() {
        for (Runnable r : LISTENERS) {
            try {
                r.run();
            } catch (RuntimeException e) {
                NamdRunnerUi.log(IStatus.ERROR, "A templates listener failed", e);
            }
        }
    }
}

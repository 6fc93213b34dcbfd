package org.namdrunner.ui.automations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.emf.ecore.EObject;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.workflow.AutomationLibrary;
import org.namdrunner.workflow.StageStep;

/**
 * The workbench's access to automations: the shipped library and the user's automations in the store (the same
 * ones {@code namdrunner automation list} shows), the installed step types, and a change notification for the
 * Automations view and open editors.
 */
public final class Automations {
    private static final CopyOnWriteArrayList<Runnable> LISTENERS = new CopyOnWriteArrayList<>();
    private static volatile Map<String, EObject> shipped;

    private Automations() {
    }

    /** The shipped automations by id (read once; they are part of the installed bundle). */
    public static Map<String, EObject> shipped() {
        Map<String, EObject> s = shipped;
        if (s == null) {
            s = AutomationLibrary.all();
            shipped = s;
        }
        return s;
    }

    /** The user's automations by id; unreadable entries are logged and skipped. */
    public static Map<String, EObject> user() {
        List<String> problems = new ArrayList<>();
        Map<String, EObject> out = new LinkedHashMap<>(AutomationLibrary.imported(NamdRunnerUi.store(), problems));
        for (String p : problems) {
            NamdRunnerUi.log(IStatus.WARNING, p, null);
        }
        return out;
    }

    /** Installed step types (built-in lifecycle steps, contributed steps and the workflow's stage step). */
    public static AutomationStepRegistry registry() {
        return StageStep.register(AutomationStepRegistry.fromExtensions());
    }

    public static void addListener(Runnable r) {
        LISTENERS.add(r);
    }

    public static void removeListener(Runnable r) {
        LISTENERS.remove(r);
    }

    public static void fireChanged() {
        for (Runnable r : LISTENERS) {
            try {
                r.run();
            } catch (RuntimeException e) {
                NamdRunnerUi.log(IStatus.ERROR, "An automations listener failed", e);
            }
        }
    }
}

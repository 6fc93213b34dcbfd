package org.namdrunner.workflow.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.workflow.StageStep;

/**
 * UI-free edit operations on an automation model, as the automation editor uses them: duplicate under a new id,
 * add/remove/move stages, set a stage's dependencies from the ids typed by the user (unknown ids are reported, not
 * silently dropped), set or remove key/value parameters, and the full check before saving
 * ({@link AutomationValidator} plus the editor's own rules: step ids usable as XMI references, unknown dependency ids).
 */
public final class AutomationEdits {
    /** Step and automation ids: letters, digits, '.', '_' and '-' (they are XMI ID references, space-separated). */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

    private AutomationEdits() {
    }

    /** A copy of {@code automation} with a new id and name; its steps and dependencies copied. */
    public static EObject duplicate(EObject automation, String newId, String newName) {
        EObject copy = EcoreUtil.copy(automation);
        copy.eSet(AutomationModel.AUTOMATION_ID, newId);
        copy.eSet(AutomationModel.AUTOMATION_NAME, newName);
        return copy;
    }

    /** {@code base}, else {@code base-2}, {@code base-3}… whichever is not in {@code taken}. */
    public static String uniqueId(String base, Collection<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int i = 2;; i++) {
            if (!taken.contains(base + "-" + i)) {
                return base + "-" + i;
            }
        }
    }

    public static List<String> stepIds(EObject automation) {
        List<String> ids = new ArrayList<>();
        for (EObject s : AutomationModel.steps(automation)) {
            ids.add(AutomationModel.string(s, AutomationModel.STEP_ID));
        }
        return ids;
    }

    /**
     * Appends a NAMD stage (step type {@link StageStep#ID}) with a fresh id; it continues from the last stage and
     * uses the last stage's template, so a new stage is valid as added.
     */
    public static EObject addStage(EObject automation) {
        List<EObject> steps = AutomationModel.steps(automation);
        EObject last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        String id = uniqueId("stage" + (steps.size() + 1), stepIds(automation));
        String template = last == null ? null : AutomationModel.parameters(last).get("template");
        Map<String, String> params = template == null ? Map.of() : Map.of("template", template);
        return last == null ? AutomationModel.addStep(automation, id, StageStep.ID, id, params, Map.of())
                : AutomationModel.addStep(automation, id, StageStep.ID, id, params, Map.of(), last);
    }

    /** Removes a step and every dependency on it. */
    public static void removeStep(EObject automation, EObject step) {
        for (EObject s : AutomationModel.steps(automation)) {
            AutomationModel.list(s, AutomationModel.STEP_DEPENDS_ON).remove(step);
        }
        AutomationModel.list(automation, AutomationModel.AUTOMATION_STEPS).remove(step);
    }

    /** Moves a step up ({@code delta} < 0) or down in the order; false when it is already at that end. */
    public static boolean move(EObject automation, EObject step, int delta) {
        var steps = AutomationModel.list(automation, AutomationModel.AUTOMATION_STEPS);
        int from = steps.indexOf(step);
        int to = from + delta;
        if (from < 0 || to < 0 || to >= steps.size()) {
            return false;
        }
        steps.move(to, from);
        return true;
    }

    /** Ids typed by a user: separated by commas and/or white space, duplicates dropped. */
    public static List<String> parseIds(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text != null) {
            for (String p : text.split("[,\\s]+")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * Sets the step's dependencies to the steps with these ids (in this order; the first is the stage continued
     * from). Returns the ids that name no step of the automation; those are not set.
     */
    public static List<String> setDependsOn(EObject automation, EObject step, List<String> ids) {
        List<String> unknown = new ArrayList<>();
        List<EObject> deps = new ArrayList<>();
        for (String id : ids) {
            EObject d = find(automation, id);
            if (d == null) {
                unknown.add(id);
            } else {
                deps.add(d);
            }
        }
        var list = AutomationModel.list(step, AutomationModel.STEP_DEPENDS_ON);
        list.clear();
        list.addAll(deps);
        return unknown;
    }

    public static EObject find(EObject automation, String stepId) {
        for (EObject s : AutomationModel.steps(automation)) {
            if (stepId.equals(AutomationModel.string(s, AutomationModel.STEP_ID))) {
                return s;
            }
        }
        return null;
    }

    /** Sets {@code key} to {@code value} in the step's parameters or values ({@code which}), adding it at the end if new. */
    public static void put(EObject step, EReference which, String key, String value) {
        for (EObject p : AutomationModel.list(step, which)) {
            if (key.equals(AutomationModel.string(p, AutomationModel.PARAMETER_NAME))) {
                p.eSet(AutomationModel.PARAMETER_VALUE, value);
                return;
            }
        }
        AutomationModel.list(step, which).add(AutomationModel.parameter(key, value));
    }

    /** Removes {@code key} from the step's parameters or values; false when there was none. */
    public static boolean remove(EObject step, EReference which, String key) {
        return AutomationModel.list(step, which).removeIf(p -> key.equals(AutomationModel.string(p, AutomationModel.PARAMETER_NAME)));
    }

    /**
     * Everything that keeps an edited automation from being saved: the {@link AutomationValidator} problems, step ids
     * that cannot be XMI references, empty or repeated parameter names, and {@code unknownDependencies} (step id →
     * ids typed as dependencies that name no step). An empty list means it can be saved.
     */
    public static List<String> check(EObject automation, AutomationStepRegistry registry, Map<String, List<String>> unknownDependencies) {
        List<String> problems = new ArrayList<>();
        String aid = AutomationModel.string(automation, AutomationModel.AUTOMATION_ID);
        if (aid != null && !aid.isBlank() && !ID.matcher(aid).matches()) {
            problems.add("The automation id '" + aid + "' may only contain letters, digits, '.', '_' and '-'");
        }
        String name = AutomationModel.string(automation, AutomationModel.AUTOMATION_NAME);
        if (name == null || name.isBlank()) {
            problems.add("The automation needs a name");
        }
        for (EObject s : AutomationModel.steps(automation)) {
            String id = AutomationModel.string(s, AutomationModel.STEP_ID);
            if (id != null && !id.isBlank() && !ID.matcher(id).matches()) {
                problems.add("Step id '" + id + "' may only contain letters, digits, '.', '_' and '-'");
            }
            for (EReference which : List.of(AutomationModel.STEP_PARAMETERS, AutomationModel.STEP_VALUES)) {
                Set<String> seen = new LinkedHashSet<>();
                for (EObject p : AutomationModel.list(s, which)) {
                    String n = AutomationModel.string(p, AutomationModel.PARAMETER_NAME);
                    String kind = which == AutomationModel.STEP_PARAMETERS ? "parameter" : "template value";
                    if (n == null || n.isBlank()) {
                        problems.add("Step '" + id + "': a " + kind + " has no name");
                    } else if (!seen.add(n)) {
                        problems.add("Step '" + id + "': " + kind + " '" + n + "' is set twice");
                    }
                }
            }
        }
        if (unknownDependencies != null) {
            unknownDependencies.forEach((step, ids) -> {
                for (String d : ids) {
                    problems.add("Step '" + step + "' depends on unknown step '" + d + "'");
                }
            });
        }
        problems.addAll(AutomationValidator.validate(automation, registry));
        return problems;
    }
}

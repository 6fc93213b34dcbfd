package org.namdrunner.workflow.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.StepDescriptor;
import org.namdrunner.automation.StepParameter;
import org.namdrunner.workflow.DependencyGraph;

/**
 * Checks an automation before it is imported or run: an id and at least one step; unique step ids; every step type
 * installed (unknown step ids are named); every required parameter present; integer parameters are integers;
 * no dependency cycles (the cycle is named).
 */
public final class AutomationValidator {
    private AutomationValidator() {
    }

    public static List<String> validate(EObject automation, AutomationStepRegistry registry) {
        List<String> problems = new ArrayList<>();
        String aid = AutomationModel.string(automation, AutomationModel.AUTOMATION_ID);
        if (aid == null || aid.isBlank()) {
            problems.add("The automation has no id");
        }
        List<EObject> steps = AutomationModel.steps(automation);
        if (steps.isEmpty()) {
            problems.add("Automation '" + aid + "' has no steps");
        }
        Set<String> ids = new HashSet<>();
        DependencyGraph g = new DependencyGraph();
        for (EObject s : steps) {
            String id = AutomationModel.string(s, AutomationModel.STEP_ID);
            String where = "Step '" + id + "'";
            if (id == null || id.isBlank()) {
                problems.add("A step has no id");
                continue;
            }
            if (!ids.add(id)) {
                problems.add(where + " is defined twice");
            }
            String type = AutomationModel.string(s, AutomationModel.STEP_TYPE);
            Optional<StepDescriptor> d = type == null ? Optional.empty() : registry.find(type);
            if (d.isEmpty()) {
                problems.add(where + ": unknown step type '" + type + "' (installed: "
                        + String.join(", ", registry.all().stream().map(StepDescriptor::id).toList()) + ")");
            } else {
                Map<String, String> params = AutomationModel.parameters(s);
                for (StepParameter p : d.get().parameters()) {
                    String v = params.get(p.name());
                    if (p.required() && (v == null || v.isBlank())) {
                        problems.add(where + ": missing required parameter '" + p.name() + "'"
                                + (p.description() == null ? "" : " (" + p.description() + ")"));
                    }
                    if (v != null && "integer".equals(p.type())) {
                        try {
                            Long.parseLong(v.strip());
                        } catch (NumberFormatException e) {
                            problems.add(where + ": parameter '" + p.name() + "' must be an integer, not '" + v + "'");
                        }
                    }
                }
                if (!d.get().parameters().isEmpty()) {
                    for (String name : params.keySet()) {
                        if (d.get().parameters().stream().noneMatch(p -> p.name().equals(name))) {
                            problems.add(where + ": unknown parameter '" + name + "' for step type '" + type + "'");
                        }
                    }
                }
            }
            g.addNode(id);
            for (String dep : AutomationModel.dependsOn(s)) {
                g.add(id, dep);
            }
        }
        g.findCycle().ifPresent(c -> problems.add("Dependency cycle between steps: " + DependencyGraph.describe(c, x -> x)));
        return problems;
    }
}

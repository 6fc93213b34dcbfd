package org.namdrunner.automation;

import java.util.List;
import java.util.function.Supplier;

/** A registered step: id, name, parameters and how to create it. */
public record StepDescriptor(String id, String name, String description, List<StepParameter> parameters,
        Supplier<IAutomationStep> factory) {
    public StepDescriptor {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
}

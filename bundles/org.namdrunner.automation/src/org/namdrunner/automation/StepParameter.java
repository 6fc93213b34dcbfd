package org.namdrunner.automation;

/** A declared parameter of a step (from the extension's {@code parameter} elements). */
public record StepParameter(String name, String type, String defaultValue, boolean required, String description) {
}

package org.namdrunner.workflow.model;

import java.util.List;

/** An automation file that cannot be imported; {@link #problems()} lists every problem, each for users. */
public class AutomationFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public AutomationFormatException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

package org.namdrunner.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.StepDescriptor;
import org.namdrunner.automation.StepParameter;

import picocli.CommandLine.Command;

/**
 * {@code namdrunner steps}: the automation steps installed in this product (built-in lifecycle steps and those
 * plugins contribute to {@value AutomationStepRegistry#EXTENSION_POINT}), with their parameters.
 */
@Command(name = "steps", description = { "Lists the installed automation steps and their parameters.",
        "Tab-separated: step ID NAME, then parameter NAME TYPE [default VALUE]." })
final class StepsCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;

    StepsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        AutomationStepRegistry registry = AutomationStepRegistry.fromExtensions();
        for (String problem : registry.problems()) {
            err.println("warning: " + problem);
        }
        for (StepDescriptor d : registry.all()) {
            out.println("step\t" + d.id() + "\t" + d.name());
            for (StepParameter p : d.parameters()) {
                out.println("  parameter\t" + p.name() + "\t" + p.type() + (p.defaultValue() == null ? "" : "\tdefault " + p.defaultValue()));
            }
        }
        return NamdCli.OK;
    }
}

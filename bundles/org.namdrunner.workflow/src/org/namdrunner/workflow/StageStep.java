package org.namdrunner.workflow;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.IAutomationStep;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepDescriptor;
import org.namdrunner.automation.StepException;
import org.namdrunner.automation.StepParameter;
import org.namdrunner.cluster.ClusterException;

/**
 * Automation step type {@value #ID}: one NAMD job of a multi-stage automation. Its dependencies in the automation
 * decide where its inputs come from (none: the run's input files; the first dependency: that stage's outputs,
 * restart files wired). Stages are run by {@link AutomationRunner} through the workflow engine, not by the
 * single-job lifecycle, so {@link #execute} refuses.
 */
public class StageStep implements IAutomationStep {
    public static final String ID = "org.namdrunner.workflow.stage";

    /** The parameters of a stage (also declared in plugin.xml). */
    public static final List<StepParameter> PARAMETERS = List.of(
            new StepParameter("template", "string", null, true, "Built-in template id or template file (relative to the automation file)"),
            new StepParameter("mode", "string", "continue", false, "continue (next stage) or restart (same stage again)"),
            new StepParameter("configFile", "string", "run.namd", false, "Config file name in input/"),
            new StepParameter("totalSteps", "integer", "0", false, "Continue automatically after TIMEOUT until this step"),
            new StepParameter("maxAttempts", "integer", "5", false, "Cap on automatic continuations (first job included)"),
            new StepParameter("cores", "integer", null, false, "Cores"),
            new StepParameter("partition", "string", null, false, "Partition"),
            new StepParameter("wallTimeMinutes", "integer", null, false, "Wall time in minutes"),
            new StepParameter("memoryMb", "integer", null, false, "Memory in MB"),
            new StepParameter("priority", "integer", "0", false, "Client-side queue priority (higher first)"),
            new StepParameter("module", "string", null, false, "NAMD module"),
            new StepParameter("inputs", "string", null, false, "Extra input files for this stage (comma-separated, relative to the run's input directory)"));

    /** Adds the workflow step types to a registry (done by plugin.xml under OSGi; needed without it). */
    public static AutomationStepRegistry register(AutomationStepRegistry r) {
        r.register(new StepDescriptor(ID, "NAMD stage", "One NAMD job of an automation", PARAMETERS, StageStep::new));
        return r;
    }

    @Override
    public void execute(StepContext context, IProgressMonitor monitor) throws StepException {
        throw new StepException(ID, ClusterException.Kind.CONFIGURATION,
                "A stage is run by the workflow engine (AutomationRunner / namdrunner automation run), not as a job lifecycle step", null);
    }
}

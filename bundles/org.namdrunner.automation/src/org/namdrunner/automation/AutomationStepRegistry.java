package org.namdrunner.automation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.namdrunner.automation.steps.CleanupStep;
import org.namdrunner.automation.steps.CreateStep;
import org.namdrunner.automation.steps.DownloadResultsStep;
import org.namdrunner.automation.steps.FinalizeStep;
import org.namdrunner.automation.steps.GenerateScriptStep;
import org.namdrunner.automation.steps.RenderTemplateStep;
import org.namdrunner.automation.steps.Steps;
import org.namdrunner.automation.steps.SubmitStep;
import org.namdrunner.automation.steps.TrackStep;
import org.namdrunner.automation.steps.UploadInputsStep;

/** Steps by id: the built-in lifecycle steps plus everything contributed to {@value #EXTENSION_POINT}. */
public class AutomationStepRegistry {
    public static final String EXTENSION_POINT = "org.namdrunner.automation.automationSteps";

    private final Map<String, StepDescriptor> steps = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** The built-in steps only (usable without OSGi). */
    public static AutomationStepRegistry builtIn() {
        AutomationStepRegistry r = new AutomationStepRegistry();
        r.register(Steps.CREATE, "Create job", CreateStep::new);
        r.register(Steps.UPLOAD, "Upload inputs", UploadInputsStep::new);
        r.register(Steps.RENDER, "Render template", RenderTemplateStep::new);
        r.register(Steps.SCRIPT, "Generate job script", GenerateScriptStep::new);
        r.register(Steps.SUBMIT, "Submit", SubmitStep::new);
        r.register(Steps.TRACK, "Track", TrackStep::new);
        r.register(Steps.FINALIZE, "Copy results back and fetch logs", FinalizeStep::new);
        r.register(Steps.DOWNLOAD, "Download results", DownloadResultsStep::new);
        r.register(Steps.CLEANUP, "Clean up scratch", CleanupStep::new);
        return r;
    }

    /** Built-in steps plus the extension registry's contributions (a contribution may replace a built-in). */
    public static AutomationStepRegistry fromExtensions() {
        AutomationStepRegistry r = builtIn();
        IExtensionRegistry reg = RegistryFactory.getRegistry();
        if (reg != null) {
            r.read(reg.getConfigurationElementsFor(EXTENSION_POINT));
        }
        return r;
    }

    public synchronized void read(IConfigurationElement[] elements) {
        for (IConfigurationElement e : elements) {
            if (!"step".equals(e.getName())) {
                continue;
            }
            String id = e.getAttribute("id");
            try {
                List<StepParameter> params = new ArrayList<>();
                for (IConfigurationElement p : e.getChildren("parameter")) {
                    params.add(new StepParameter(p.getAttribute("name"), p.getAttribute("type"), p.getAttribute("default"),
                            "true".equalsIgnoreCase(p.getAttribute("required")), p.getAttribute("description")));
                }
                Supplier<IAutomationStep> factory = () -> {
                    try {
                        return (IAutomationStep) e.createExecutableExtension("class");
                    } catch (CoreException ex) {
                        throw new IllegalStateException("Step " + id + " cannot be created: " + ex.getMessage(), ex);
                    }
                };
                steps.put(id, new StepDescriptor(id, e.getAttribute("name"), e.getAttribute("description"), params, factory));
            } catch (RuntimeException ex) {
                problems.add("Ignored step " + id + ": " + ex.getMessage());
            }
        }
    }

    public synchronized void register(String id, String name, Supplier<IAutomationStep> factory) {
        steps.put(id, new StepDescriptor(id, name, null, List.of(), factory));
    }

    /** Registers (or replaces) a step with its declared parameters. */
    public synchronized void register(StepDescriptor descriptor) {
        steps.put(descriptor.id(), descriptor);
    }

    public synchronized Optional<StepDescriptor> find(String id) {
        return Optional.ofNullable(steps.get(id));
    }

    public synchronized List<StepDescriptor> all() {
        return List.copyOf(steps.values());
    }

    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}

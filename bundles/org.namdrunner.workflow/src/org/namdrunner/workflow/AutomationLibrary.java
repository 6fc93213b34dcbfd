package org.namdrunner.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.emf.ecore.EObject;
import org.namdrunner.workflow.model.AutomationFormatException;
import org.namdrunner.workflow.model.AutomationModel;

/** The automations shipped in this bundle's {@code automations/} folder (XMI), by id. */
public final class AutomationLibrary {
    /** File names of the shipped automations. */
    public static final List<String> FILES = List.of("dna-origami-tutorial.xmi", "equilibrate-and-produce.xmi", "long-production.xmi");

    private AutomationLibrary() {
    }

    public static Map<String, EObject> all() {
        Map<String, EObject> out = new LinkedHashMap<>();
        for (String f : FILES) {
            try (InputStream in = AutomationLibrary.class.getResourceAsStream("/automations/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("Shipped automation " + f + " is missing from the bundle");
                }
                EObject a = AutomationModel.load(in, f);
                out.put(AutomationModel.string(a, AutomationModel.AUTOMATION_ID), a);
            } catch (IOException | AutomationFormatException e) {
                throw new IllegalStateException("Shipped automation " + f + " cannot be read: " + e.getMessage(), e);
            }
        }
        return out;
    }

    public static Optional<EObject> find(String id) {
        return Optional.ofNullable(all().get(id));
    }
}

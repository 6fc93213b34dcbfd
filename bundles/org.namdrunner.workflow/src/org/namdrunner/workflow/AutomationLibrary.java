package org.namdrunner.workflow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.emf.ecore.EObject;
import org.namdrunner.store.Store;
import org.namdrunner.workflow.model.AutomationFormatException;
import org.namdrunner.workflow.model.AutomationModel;

/**
 * The automations shipped in this bundle's {@code automations/} folder (XMI), by id, and the user's imported
 * automations, kept as XMI in the store's settings (key prefix {@value #IMPORTED_PREFIX}).
 */
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

    /** Settings key prefix of imported automations. */
    public static final String IMPORTED_PREFIX = "workflow.automation.";

    /**
     * Stores {@code automation} (already validated by the caller) as an imported automation; an imported one with
     * the same id is replaced. A shipped id cannot be shadowed.
     */
    public static void importInto(Store store, EObject automation) throws WorkflowException {
        String id = AutomationModel.string(automation, AutomationModel.AUTOMATION_ID);
        if (id == null || id.isBlank()) {
            throw new WorkflowException("The automation has no id");
        }
        if (all().containsKey(id)) {
            throw new WorkflowException("'" + id + "' is the id of a shipped automation: give the imported one another id");
        }
        store.settings().put(IMPORTED_PREFIX + id, AutomationModel.toXmi(automation));
    }

    /** The imported automations by id (an unreadable entry is skipped and named in {@code problems}). */
    public static Map<String, EObject> imported(Store store, List<String> problems) {
        Map<String, EObject> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : store.settings().all(IMPORTED_PREFIX).entrySet()) {
            String id = e.getKey().substring(IMPORTED_PREFIX.length());
            try {
                out.put(id, AutomationModel.load(new ByteArrayInputStream(e.getValue().getBytes(StandardCharsets.UTF_8)), id + ".xmi"));
            } catch (AutomationFormatException x) {
                if (problems != null) {
                    problems.add("imported automation '" + id + "' cannot be read: " + x.getMessage());
                }
            }
        }
        return out;
    }

    /** A shipped automation, else an imported one. */
    public static Optional<EObject> find(Store store, String id) {
        Optional<EObject> shipped = find(id);
        return shipped.isPresent() ? shipped : Optional.ofNullable(imported(store, null).get(id));
    }

    /** Removes an imported automation; false when there was none with that id. */
    public static boolean removeImported(Store store, String id) {
        return store.settings().remove(IMPORTED_PREFIX + id);
    }
}

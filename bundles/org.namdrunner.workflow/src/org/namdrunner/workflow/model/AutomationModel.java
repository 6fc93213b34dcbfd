package org.namdrunner.workflow.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EcoreFactory;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;

/**
 * The saved-automation model, defined programmatically with Ecore (dynamic EMF; no generated code):
 * <pre>
 * Automation  id, name, description, steps: Step[*] (containment)
 * Step        id (the EMF id), type (an automation step id, e.g. org.namdrunner.workflow.stage), name,
 *             parameters: Parameter[*] (step settings), values: Parameter[*] (template values),
 *             dependsOn: Step[*] (non-containment; the first one is the stage continued from)
 * Parameter   name, value
 * </pre>
 * Exchanged as XMI ({@link #save}, {@link #load}); namespace {@value #NS_URI}.
 */
public final class AutomationModel {
    public static final String NS_URI = "http://namdrunner.org/automation/1.0";
    public static final String FILE_EXTENSION = "xmi";

    public static final EPackage PACKAGE;
    public static final EClass AUTOMATION;
    public static final EClass STEP;
    public static final EClass PARAMETER;
    public static final EAttribute AUTOMATION_ID;
    public static final EAttribute AUTOMATION_NAME;
    public static final EAttribute AUTOMATION_DESCRIPTION;
    public static final EReference AUTOMATION_STEPS;
    public static final EAttribute STEP_ID;
    public static final EAttribute STEP_TYPE;
    public static final EAttribute STEP_NAME;
    public static final EReference STEP_PARAMETERS;
    public static final EReference STEP_VALUES;
    public static final EReference STEP_DEPENDS_ON;
    public static final EAttribute PARAMETER_NAME;
    public static final EAttribute PARAMETER_VALUE;

    static {
        EcoreFactory f = EcoreFactory.eINSTANCE;
        EcorePackage e = EcorePackage.eINSTANCE;
        PACKAGE = f.createEPackage();
        PACKAGE.setName("automation");
        PACKAGE.setNsPrefix("automation");
        PACKAGE.setNsURI(NS_URI);

        PARAMETER = f.createEClass();
        PARAMETER.setName("Parameter");
        PARAMETER_NAME = attribute(PARAMETER, "name", e, false);
        PARAMETER_VALUE = attribute(PARAMETER, "value", e, false);

        STEP = f.createEClass();
        STEP.setName("Step");
        STEP_ID = attribute(STEP, "id", e, true);
        STEP_TYPE = attribute(STEP, "type", e, false);
        STEP_NAME = attribute(STEP, "name", e, false);
        STEP_PARAMETERS = reference(STEP, "parameters", PARAMETER, true);
        STEP_VALUES = reference(STEP, "values", PARAMETER, true);
        STEP_DEPENDS_ON = reference(STEP, "dependsOn", STEP, false);

        AUTOMATION = f.createEClass();
        AUTOMATION.setName("Automation");
        AUTOMATION_ID = attribute(AUTOMATION, "id", e, false);
        AUTOMATION_NAME = attribute(AUTOMATION, "name", e, false);
        AUTOMATION_DESCRIPTION = attribute(AUTOMATION, "description", e, false);
        AUTOMATION_STEPS = reference(AUTOMATION, "steps", STEP, true);

        PACKAGE.getEClassifiers().addAll(List.of(AUTOMATION, STEP, PARAMETER));
        EPackage.Registry.INSTANCE.putIfAbsent(NS_URI, PACKAGE);
    }

    private AutomationModel() {
    }

    private static EAttribute attribute(EClass c, String name, EcorePackage e, boolean id) {
        EAttribute a = EcoreFactory.eINSTANCE.createEAttribute();
        a.setName(name);
        a.setEType(e.getEString());
        a.setID(id);
        c.getEStructuralFeatures().add(a);
        return a;
    }

    private static EReference reference(EClass c, String name, EClass type, boolean containment) {
        EReference r = EcoreFactory.eINSTANCE.createEReference();
        r.setName(name);
        r.setEType(type);
        r.setContainment(containment);
        r.setUpperBound(-1);
        c.getEStructuralFeatures().add(r);
        return r;
    }

    // ------------------------------------------------------------------ building

    public static EObject automation(String id, String name, String description) {
        EObject a = EcoreUtil.create(AUTOMATION);
        a.eSet(AUTOMATION_ID, id);
        a.eSet(AUTOMATION_NAME, name);
        a.eSet(AUTOMATION_DESCRIPTION, description);
        return a;
    }

    /** Adds a step; {@code dependsOn} are earlier steps of the same automation. */
    public static EObject addStep(EObject automation, String id, String type, String name, Map<String, String> parameters,
            Map<String, String> values, EObject... dependsOn) {
        EObject s = EcoreUtil.create(STEP);
        s.eSet(STEP_ID, id);
        s.eSet(STEP_TYPE, type);
        s.eSet(STEP_NAME, name);
        parameters.forEach((k, v) -> list(s, STEP_PARAMETERS).add(parameter(k, v)));
        values.forEach((k, v) -> list(s, STEP_VALUES).add(parameter(k, v)));
        for (EObject d : dependsOn) {
            list(s, STEP_DEPENDS_ON).add(d);
        }
        list(automation, AUTOMATION_STEPS).add(s);
        return s;
    }

    public static EObject parameter(String name, String value) {
        EObject p = EcoreUtil.create(PARAMETER);
        p.eSet(PARAMETER_NAME, name);
        p.eSet(PARAMETER_VALUE, value);
        return p;
    }

    @SuppressWarnings("unchecked")
    public static EList<EObject> list(EObject o, EReference r) {
        return (EList<EObject>) o.eGet(r);
    }

    // ------------------------------------------------------------------ reading

    public static String string(EObject o, EAttribute a) {
        return (String) o.eGet(a);
    }

    public static List<EObject> steps(EObject automation) {
        return list(automation, AUTOMATION_STEPS);
    }

    public static Map<String, String> parameters(EObject step) {
        return pairs(list(step, STEP_PARAMETERS));
    }

    public static Map<String, String> values(EObject step) {
        return pairs(list(step, STEP_VALUES));
    }

    private static Map<String, String> pairs(List<EObject> ps) {
        Map<String, String> m = new LinkedHashMap<>();
        for (EObject p : ps) {
            m.put(string(p, PARAMETER_NAME), string(p, PARAMETER_VALUE));
        }
        return m;
    }

    public static List<String> dependsOn(EObject step) {
        List<String> out = new ArrayList<>();
        for (EObject d : list(step, STEP_DEPENDS_ON)) {
            out.add(d.eIsProxy() ? "<unresolved " + EcoreUtil.getURI(d).fragment() + ">" : string(d, STEP_ID));
        }
        return out;
    }

    // ------------------------------------------------------------------ XMI

    private static ResourceSet resourceSet() {
        ResourceSet rs = new ResourceSetImpl();
        rs.getResourceFactoryRegistry().getExtensionToFactoryMap().put("*", new XMIResourceFactoryImpl());
        rs.getPackageRegistry().put(NS_URI, PACKAGE);
        return rs;
    }

    /** Writes the automation as XMI (UTF-8). */
    public static void save(EObject automation, OutputStream out) throws IOException {
        Resource r = resourceSet().createResource(URI.createURI("automation." + FILE_EXTENSION));
        r.getContents().add(EcoreUtil.copy(automation));
        Map<String, Object> options = new HashMap<>();
        options.put(XMLResource.OPTION_ENCODING, "UTF-8");
        r.save(out, options);
    }

    public static String toXmi(EObject automation) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            save(automation, b);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return b.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads an automation from XMI. Structural problems (not XML, wrong namespace, unknown elements, references to
     * steps that do not exist) are reported as {@link AutomationFormatException} with their line numbers; the
     * content is checked separately by {@link AutomationValidator}.
     */
    public static EObject load(InputStream in, String sourceName) throws AutomationFormatException {
        Resource r = resourceSet().createResource(URI.createURI(sourceName == null ? "automation.xmi" : "automation.xmi"));
        try {
            Map<String, Object> options = new HashMap<>();
            options.put(XMLResource.OPTION_RECORD_UNKNOWN_FEATURE, Boolean.FALSE);
            r.load(in, options);
        } catch (IOException | RuntimeException e) {
            List<String> problems = new ArrayList<>();
            for (Resource.Diagnostic d : r.getErrors()) {
                problems.add(describe(sourceName, d));
            }
            if (problems.isEmpty()) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                problems.add(sourceName + ": not a readable automation: " + c.getMessage());
            }
            throw new AutomationFormatException(problems);
        }
        List<String> problems = new ArrayList<>();
        for (Resource.Diagnostic d : r.getErrors()) {
            problems.add(describe(sourceName, d));
        }
        if (r.getContents().size() != 1 || r.getContents().get(0).eClass() != AUTOMATION) {
            problems.add(sourceName + ": the file must contain exactly one automation:Automation element");
        }
        if (!problems.isEmpty()) {
            throw new AutomationFormatException(problems);
        }
        EObject a = r.getContents().get(0);
        for (EObject s : steps(a)) {
            for (EObject d : list(s, STEP_DEPENDS_ON)) {
                if (d.eIsProxy()) {
                    problems.add(sourceName + ": step '" + string(s, STEP_ID) + "' depends on unknown step '"
                            + EcoreUtil.getURI(d).fragment() + "'");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AutomationFormatException(problems);
        }
        return a;
    }

    private static String describe(String source, Resource.Diagnostic d) {
        String msg = d.getMessage();
        if (msg != null && msg.startsWith("Unresolved reference")) {
            msg = "a step depends on an unknown step: " + msg;
        }
        return source + ":" + d.getLine() + ":" + d.getColumn() + ": " + msg;
    }

    public static boolean equal(EObject a, EObject b) {
        return EcoreUtil.equals(a, b);
    }
}

package org.namdrunner.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.junit.jupiter.api.Test;
import org.namdrunner.workflow.AutomationLibrary;
import org.namdrunner.workflow.model.AutomationEdits;
import org.namdrunner.workflow.model.AutomationModel;

/** The automation editor's model operations: duplicate, add/remove/move stages, dependencies, parameters, check. */
class AutomationEditsTest {

    @Test
    void duplicateOfTheShippedDnaOrigamiFlowIsIndependentAndValid() {
        EObject shipped = AutomationLibrary.find("dna-origami-tutorial").orElseThrow();
        EObject copy = AutomationEdits.duplicate(shipped, "dna-copy", "DNA copy");
        assertEquals("dna-copy", AutomationModel.string(copy, AutomationModel.AUTOMATION_ID));
        assertEquals(List.of("minimize", "equilibrate", "production"), AutomationEdits.stepIds(copy));
        assertEquals(List.of("equilibrate"), AutomationModel.dependsOn(AutomationModel.steps(copy).get(2)));
        assertTrue(AutomationEdits.check(copy, WorkflowUnitTest.registry(), Map.of()).isEmpty());
        AutomationModel.steps(copy).get(0).eSet(AutomationModel.STEP_NAME, "changed");
        assertEquals("minimize", AutomationModel.string(AutomationModel.steps(shipped).get(0), AutomationModel.STEP_NAME),
                "the original is untouched");
        assertEquals("x-2", AutomationEdits.uniqueId("x", List.of("x", "x-3")));
    }

    @Test
    void stagesAreAddedMovedAndRemovedWithTheirDependencies() throws Exception {
        EObject a = WorkflowUnitTest.sample();
        EObject added = AutomationEdits.addStage(a);
        assertEquals("stage4", AutomationModel.string(added, AutomationModel.STEP_ID));
        assertEquals(List.of("prod"), AutomationModel.dependsOn(added));
        assertEquals("t1", AutomationModel.parameters(added).get("template"));
        assertTrue(AutomationEdits.check(a, WorkflowUnitTest.registry(), Map.of()).isEmpty());

        assertTrue(AutomationEdits.move(a, added, -1));
        assertEquals(List.of("min", "eq", "stage4", "prod"), AutomationEdits.stepIds(a));
        assertFalse(AutomationEdits.move(a, AutomationModel.steps(a).get(0), -1), "the first cannot move up");

        EObject eq = AutomationEdits.find(a, "eq");
        AutomationEdits.removeStep(a, eq);
        assertEquals(List.of("min", "stage4", "prod"), AutomationEdits.stepIds(a));
        assertEquals(List.of("min"), AutomationModel.dependsOn(AutomationEdits.find(a, "prod")), "the dependency on eq is gone");
        // the edited model still round-trips through XMI
        EObject back = AutomationModel.load(new ByteArrayInputStream(AutomationModel.toXmi(a).getBytes(StandardCharsets.UTF_8)), "a.xmi");
        assertTrue(AutomationModel.equal(a, back));
    }

    @Test
    void cyclesUnknownDependenciesBadIdsAndMissingParametersAreReported() {
        EObject a = WorkflowUnitTest.sample();
        EObject min = AutomationEdits.find(a, "min");
        assertEquals(List.of("prod", "nosuch"), AutomationEdits.parseIds(" prod, nosuch prod"));
        List<String> unknown = AutomationEdits.setDependsOn(a, min, AutomationEdits.parseIds("prod, nosuch"));
        assertEquals(List.of("nosuch"), unknown);
        assertEquals(List.of("prod"), AutomationModel.dependsOn(min));
        List<String> p = AutomationEdits.check(a, WorkflowUnitTest.registry(), Map.of("min", unknown));
        assertTrue(p.contains("Step 'min' depends on unknown step 'nosuch'"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("Dependency cycle between steps: ")), p.toString());

        AutomationEdits.setDependsOn(a, min, List.of());
        AutomationEdits.find(a, "eq").eSet(AutomationModel.STEP_ID, "eq 2");
        AutomationEdits.remove(AutomationEdits.find(a, "prod"), AutomationModel.STEP_PARAMETERS, "template");
        AutomationEdits.put(min, AutomationModel.STEP_VALUES, "steps", "99");
        AutomationEdits.put(min, AutomationModel.STEP_VALUES, "temperature", "310");
        assertEquals(Map.of("steps", "99", "temperature", "310"), AutomationModel.values(min));
        p = AutomationEdits.check(a, WorkflowUnitTest.registry(), Map.of());
        assertFalse(p.stream().anyMatch(s -> s.contains("cycle")), p.toString());
        assertTrue(p.contains("Step id 'eq 2' may only contain letters, digits, '.', '_' and '-'"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("Step 'prod': missing required parameter 'template'")), p.toString());
    }
}

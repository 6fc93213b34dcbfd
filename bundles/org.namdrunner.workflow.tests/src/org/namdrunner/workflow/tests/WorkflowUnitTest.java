package org.namdrunner.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.junit.jupiter.api.Test;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.core.model.Job;
import org.namdrunner.workflow.AutomationLibrary;
import org.namdrunner.workflow.DependencyGraph;
import org.namdrunner.workflow.RestartFiles;
import org.namdrunner.workflow.RestartWiring;
import org.namdrunner.workflow.StageStep;
import org.namdrunner.workflow.SubmissionQueue;
import org.namdrunner.workflow.Sweep;
import org.namdrunner.workflow.model.AutomationFormatException;
import org.namdrunner.workflow.model.AutomationModel;
import org.namdrunner.workflow.model.AutomationValidator;

/** Cycle detection, priority queue, restart detection and wiring, sweep naming, automation XMI and validation. */
class WorkflowUnitTest {

    static AutomationStepRegistry registry() {
        return StageStep.register(AutomationStepRegistry.builtIn());
    }

    @Test
    void cycleIsFoundAndNamed() {
        DependencyGraph g = new DependencyGraph(Map.of("b", List.of("a"), "c", List.of("b")));
        assertEquals(List.of("a", "c", "b", "a"), g.cycleIfAdded("a", "c").orElseThrow());
        assertEquals(List.of("a", "a"), g.cycleIfAdded("a", "a").orElseThrow());
        assertTrue(g.cycleIfAdded("c", "a").isEmpty(), "a shortcut is not a cycle");
        assertTrue(g.findCycle().isEmpty());
        g.add("a", "c");
        List<String> c = g.findCycle().orElseThrow();
        assertEquals(c.get(0), c.get(c.size() - 1));
        assertEquals(4, c.size(), c.toString());
        assertEquals(Set3.of("b", "c"), new java.util.HashSet<>(new DependencyGraph(Map.of("b", List.of("a"), "c", List.of("b"))).dependantsOf("a")));
        assertThrows(IllegalStateException.class, () -> g.topologicalOrder(x -> x));
        assertEquals("a \u2192 b", DependencyGraph.describe(List.of("a", "b"), x -> x));
    }

    static final class Set3 {
        static java.util.Set<String> of(String... s) {
            return new java.util.HashSet<>(List.of(s));
        }
    }

    @Test
    void topologicalOrderPutsDependenciesFirst() {
        DependencyGraph g = new DependencyGraph(Map.of("prod", List.of("eq"), "eq", List.of("min")));
        List<String> o = g.topologicalOrder(x -> x);
        assertTrue(o.indexOf("min") < o.indexOf("eq") && o.indexOf("eq") < o.indexOf("prod"), o.toString());
    }

    static Job job(String name, int priority, long created) {
        return Job.builder().name(name).priority(priority).createdAt(Instant.ofEpochSecond(created)).build();
    }

    @Test
    void queueReleasesHighestPriorityFirstWithinTheCap() {
        List<Job> ready = List.of(job("low-old", 0, 1), job("high-new", 10, 5), job("mid", 5, 3), job("high-old", 10, 2));
        List<String> all = SubmissionQueue.release(ready, 0, 0).stream().map(Job::name).toList();
        assertEquals(List.of("high-old", "high-new", "mid", "low-old"), all);
        assertEquals(List.of("high-old", "high-new"), SubmissionQueue.release(ready, 1, 3).stream().map(Job::name).toList());
        assertTrue(SubmissionQueue.release(ready, 3, 3).isEmpty(), "cap reached: nothing released");
        assertTrue(SubmissionQueue.release(ready, 5, 3).isEmpty());
    }

    @Test
    void restartFilesPreferTheFinalCompleteSet() {
        assertEquals(new RestartFiles("out.coor", "out.vel", "out.xsc"), RestartFiles.detect(List.of("out.coor", "out.vel", "out.xsc",
                "out.restart.coor", "out.restart.vel", "out.restart.xsc", "out.dcd")).orElseThrow());
        assertEquals(new RestartFiles("out.restart.coor", "out.restart.vel", "out.restart.xsc"), RestartFiles.detect(List.of(
                "out.restart.coor", "out.restart.vel", "out.restart.xsc", "out.restart.coor.old", "out.dcd")).orElseThrow(),
                "after a TIMEOUT only the periodic restart exists");
        assertEquals(new RestartFiles("min.coor", null, null), RestartFiles.detect(List.of("min.coor", "min.dcd")).orElseThrow());
        assertTrue(RestartFiles.detect(List.of("x.dcd", "x.log")).isEmpty());
        // a continued stage's output/ also holds the copies of its inputs (restart.* it started from): not its results
        List<String> stageInputs = List.of("mol.psf", "restart.coor", "restart.vel", "restart.xsc", "run.namd");
        List<String> stageOutputs = List.of("mol.psf", "restart.coor", "restart.vel", "restart.xsc", "run.namd", "s2.coor", "s2.vel",
                "s2.xsc", "s2.restart.coor", "s2.restart.vel", "s2.restart.xsc");
        assertEquals(new RestartFiles("restart.coor", "restart.vel", "restart.xsc"), RestartFiles.detect(stageOutputs).orElseThrow(),
                "without the inputs, the alphabetically first complete set wins");
        assertEquals(new RestartFiles("s2.coor", "s2.vel", "s2.xsc"), RestartFiles.detect(stageOutputs, stageInputs, "s2").orElseThrow());
        assertEquals(new RestartFiles("restart.coor", "restart.vel", "restart.xsc"),
                RestartFiles.detect(List.of("restart.coor", "restart.vel", "restart.xsc"), stageInputs, "restart").orElseThrow(),
                "an input NAMD overwrote (outputName restart) is a result");
        assertEquals("s2", RestartFiles.outputName("structure mol.psf\noutputName   out1 # first\nOUTPUTNAME = s2\n"));
        assertEquals(null, RestartFiles.outputName("set n s2\noutputName $n\n"));
        assertEquals(1500, RestartFiles.stepOfXsc("# NAMD extended system\n#$LABELS step a_x\n1500 80 0 0 0 80 0 0 0 80 0 0 0\n").step());
        assertFalse(RestartFiles.stepOfXsc("# only a comment\n").present());
    }

    static final String CONFIG = String.join("\n", "# stage", "structure mol.psf", "coordinates mol.pdb", "temperature 310",
            "cellBasisVector1 80 0 0", "cellBasisVector2 0 80 0", "cellBasisVector3 0 0 80", "cellOrigin 0 0 0", "outputName eq",
            "firsttimestep 0", "minimize 100", "reinitvels 310", "run 1000", "run 500", "");

    @Test
    void continueWiresRestartKeywordsByNamdRules() {
        String w = RestartWiring.wire(CONFIG, "restart.coor", "restart.vel", "restart.xsc", 1600, RestartWiring.Mode.CONTINUE, 0);
        assertTrue(w.contains("bincoordinates      restart.coor"), w);
        assertTrue(w.contains("binvelocities       restart.vel"), w);
        assertTrue(w.contains("extendedSystem      restart.xsc"), w);
        assertTrue(w.contains("firsttimestep       1600"), w);
        assertTrue(w.contains("\ncoordinates mol.pdb"), "the PDB stays: NAMD needs it with bincoordinates");
        assertTrue(w.contains(RestartWiring.MARK + "temperature 310"), "temperature and binvelocities exclude each other");
        assertTrue(w.contains(RestartWiring.MARK + "cellBasisVector1 80 0 0"), "the cell comes from the xsc");
        assertTrue(w.contains(RestartWiring.MARK + "firsttimestep 0"));
        assertTrue(w.contains("\nminimize 100") && w.contains("\nrun 1000"), "a next stage keeps its own protocol");
        assertTrue(w.indexOf(RestartWiring.BEGIN) < w.indexOf("structure"), "wired before the first keyword");
        // without velocities the temperature stays
        String nv = RestartWiring.wire(CONFIG, "restart.coor", null, null, 100, RestartWiring.Mode.CONTINUE, 0);
        assertTrue(nv.contains("\ntemperature 310") && nv.contains("\ncellBasisVector1 80 0 0") && !nv.contains("binvelocities"), nv);
    }

    @Test
    void restartRunsOnlyTheRemainingStepsAndRewiringReplacesTheBlock() {
        assertEquals(1600, RestartWiring.totalSteps(CONFIG).getAsLong());
        String w = RestartWiring.wire(CONFIG, "restart.coor", "restart.vel", "restart.xsc", 700, RestartWiring.Mode.RESTART, 900);
        assertTrue(w.contains(RestartWiring.MARK + "minimize 100") && w.contains(RestartWiring.MARK + "reinitvels 310"), w);
        assertTrue(w.contains("\nrun 900") && w.contains(RestartWiring.MARK + "run 500"), w);
        assertEquals(1600, RestartWiring.totalSteps(w).getAsLong(), "700 done + 900 remaining");
        String again = RestartWiring.wire(w, "restart.coor", "restart.vel", "restart.xsc", 1200, RestartWiring.Mode.RESTART, 400);
        assertEquals(1, again.split(java.util.regex.Pattern.quote(RestartWiring.BEGIN), -1).length - 1, "one wiring block");
        assertTrue(again.contains("firsttimestep       1200") && again.contains("\nrun 400"), again);
        assertEquals(1600, RestartWiring.totalSteps(again).getAsLong());
        assertTrue(RestartWiring.totalSteps("run $n\n").isEmpty());
    }

    @Test
    void sweepNamesAreSystematicAndUnique() {
        Map<String, List<String>> vars = new LinkedHashMap<>();
        vars.put("temperature", List.of("300", "310", "320"));
        vars.put("salt", List.of("0.15", "0.5 M"));
        List<Sweep.Point> grid = Sweep.expand("dna", Map.of("steps", "10"), vars, Sweep.Mode.GRID);
        assertEquals(6, grid.size());
        assertEquals("dna-temperature_300-salt_0.15", grid.get(0).name());
        assertEquals("dna-temperature_300-salt_0.5_M", grid.get(1).name());
        assertEquals("dna-temperature_320-salt_0.5_M", grid.get(5).name());
        assertEquals(Map.of("steps", "10", "temperature", "320", "salt", "0.5 M"), grid.get(5).values());
        List<Sweep.Point> list = Sweep.expand("dna", Map.of(), Map.of("t", List.of("1", "2")), Sweep.Mode.LIST);
        assertEquals(List.of("dna-t_1", "dna-t_2"), list.stream().map(Sweep.Point::name).toList());
        Map<String, List<String>> uneven = new LinkedHashMap<>();
        uneven.put("a", List.of("1", "2"));
        uneven.put("b", List.of("1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.expand("x", Map.of(), uneven, Sweep.Mode.LIST))
                .getMessage().contains("'b' has 1"));
        List<Sweep.Point> dup = Sweep.expand("x", Map.of(), Map.of("v", List.of("a b", "a_b")), Sweep.Mode.GRID);
        assertEquals(List.of("x-v_a_b", "x-v_a_b-2"), dup.stream().map(Sweep.Point::name).toList());
    }

    static EObject sample() {
        EObject a = AutomationModel.automation("sample", "Sample", "three stages");
        EObject min = AutomationModel.addStep(a, "min", StageStep.ID, "minimize", Map.of("template", "t1"), Map.of("steps", "10"));
        EObject eq = AutomationModel.addStep(a, "eq", StageStep.ID, "equilibrate", Map.of("template", "t1", "cores", "1"),
                Map.of("steps", "20"), min);
        AutomationModel.addStep(a, "prod", StageStep.ID, "production", Map.of("template", "t1", "totalSteps", "100"), Map.of(), eq, min);
        return a;
    }

    @Test
    void exportedAutomationReimportsEqual() throws Exception {
        EObject a = sample();
        assertTrue(AutomationValidator.validate(a, registry()).isEmpty());
        String xmi = AutomationModel.toXmi(a);
        assertTrue(xmi.contains("dependsOn=\"eq min\""), xmi);
        EObject back = AutomationModel.load(new ByteArrayInputStream(xmi.getBytes(StandardCharsets.UTF_8)), "sample.xmi");
        assertTrue(AutomationModel.equal(a, back), "export -> import gives an equal model");
        AutomationModel.list(back, AutomationModel.AUTOMATION_STEPS).get(0).eSet(AutomationModel.STEP_NAME, "changed");
        assertFalse(AutomationModel.equal(a, back), "the comparison can fail");
    }

    @Test
    void importRefusesUnknownStepsMissingParametersCyclesAndDanglingReferences() throws Exception {
        EObject a = AutomationModel.automation("bad", "Bad", null);
        EObject x = AutomationModel.addStep(a, "x", "org.example.nosuchstep", null, Map.of(), Map.of());
        EObject y = AutomationModel.addStep(a, "y", StageStep.ID, null, Map.of("cores", "two"), Map.of(), x);
        AutomationModel.list(x, AutomationModel.STEP_DEPENDS_ON).add(y);
        List<String> p = AutomationValidator.validate(a, registry());
        assertTrue(p.stream().anyMatch(s -> s.contains("unknown step type 'org.example.nosuchstep'")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("Step 'y': missing required parameter 'template'")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("'cores' must be an integer")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("Dependency cycle between steps: ") && (s.contains("x \u2192 y \u2192 x")
                || s.contains("y \u2192 x \u2192 y"))), p.toString());

        String dangling = AutomationModel.toXmi(sample()).replace("dependsOn=\"eq min\"", "dependsOn=\"eq nosuch\"");
        AutomationFormatException e = assertThrows(AutomationFormatException.class,
                () -> AutomationModel.load(new ByteArrayInputStream(dangling.getBytes(StandardCharsets.UTF_8)), "d.xmi"));
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
        assertThrows(AutomationFormatException.class,
                () -> AutomationModel.load(new ByteArrayInputStream("not xml".getBytes(StandardCharsets.UTF_8)), "n.xmi"));
    }

    @Test
    void shippedLibraryIsValidAndHasTheDnaOrigamiFlow() {
        Map<String, EObject> lib = AutomationLibrary.all();
        assertEquals(AutomationLibrary.FILES.size(), lib.size());
        for (var e : lib.entrySet()) {
            assertEquals(List.of(), AutomationValidator.validate(e.getValue(), registry()), e.getKey());
        }
        EObject dna = lib.get("dna-origami-tutorial");
        assertNotNull(dna);
        List<EObject> steps = AutomationModel.steps(dna);
        assertEquals(List.of("minimize", "equilibrate", "production"),
                steps.stream().map(s -> AutomationModel.string(s, AutomationModel.STEP_ID)).toList());
        assertEquals("on", AutomationModel.values(steps.get(1)).get("use_extrabonds"), "equilibration is restrained");
        assertEquals(List.of("equilibrate"), AutomationModel.dependsOn(steps.get(2)));
    }
}

package org.namdrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.emf.ecore.EObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.store.JobQuery;
import org.namdrunner.jobs.op.CreateJobOperation;
import org.namdrunner.jobs.op.CreateSweepOperation;
import org.namdrunner.jobs.op.RunAutomationOperation;
import org.namdrunner.store.Store;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.StageStep;
import org.namdrunner.workflow.Sweep;
import org.namdrunner.workflow.model.AutomationModel;

/**
 * Issue 16 item 8 on every create path of the jobs layer: the local input files are read against each other as the
 * rendered config uses them, and a mismatch refuses the job, the sweep or the automation before anything is created
 * or uploaded, naming both files and counts. The command line and the wizard go through these operations.
 */
class InputContentsOperationsTest {

    static final NullProgressMonitor M = new NullProgressMonitor();

    /** A minimal config reading a structure and coordinates (the repository's real-format 24-atom water box). */
    static final String CONFIG = "#@var pdb type=File ext=\".pdb\" default=\"w.pdb\" label=\"Coordinates (PDB)\"\n"
            + "structure w.psf\ncoordinates <<pdb>>\nparaTypeCharmm on\nparameters w.prm\n"
            + "temperature 300\nexclude scaled1-4\n1-4scaling 1.0\ncutoff 8.0\nswitching off\npairlistdist 10.0\noutputName out\nminimize 10\n";

    private static Path inputs(Path dir) throws Exception {
        Path src = Path.of(System.getProperty("namdrunner.testdata", "../../testdata"), "inputs");
        Files.createDirectories(dir);
        Files.copy(src.resolve("demo_water.psf"), dir.resolve("w.psf"));
        Files.copy(src.resolve("demo_water.prm"), dir.resolve("w.prm"));
        Path pdb = Files.copy(src.resolve("demo_water.pdb"), dir.resolve("w.pdb"));
        // an atom less than the structure
        Files.write(dir.resolve("short.pdb"), Files.readAllLines(pdb).stream().filter(l -> !l.startsWith("ATOM     24 ")).toList());
        return dir;
    }

    private static List<Path> files(Path dir, String pdb) {
        return List.of(dir.resolve("w.psf"), dir.resolve(pdb), dir.resolve("w.prm"));
    }

    private static JobRequest request(String name, String pdb, List<Path> files) {
        return new JobRequest(name, null, CONFIG, Map.of("pdb", pdb), "run.namd", files, ResourceRequest.of("p", 1, null, 10),
                null, Map.of(), null);
    }

    @Test
    void aJobWhoseCoordinatesDoNotMatchItsStructureIsNotCreated(@TempDir Path tmp) throws Exception {
        Path in = inputs(tmp.resolve("in"));
        try (Store store = Store.open(tmp.resolve("db")); JobService service = BrokenPluginTest.service(store, tmp.resolve("jobs"))) {
            CreateJobOperation bad = new CreateJobOperation(service, "broken-1", request("m1", "short.pdb", files(in, "short.pdb")),
                    null, 0, false, null);
            CoreException e = assertThrows(CoreException.class, () -> bad.run(M));
            String msg = e.getStatus().getMessage();
            assertTrue(msg.contains("Job 'm1' was not created: the input files do not belong together")
                    && msg.contains("coordinates short.pdb has 23 atoms, but structure w.psf has 24"), msg);
            assertEquals(0, store.jobs().list(JobQuery.all()).size(), "nothing was created");
            assertTrue(Files.notExists(tmp.resolve("jobs")) || Files.list(tmp.resolve("jobs")).findAny().isEmpty(), "nothing was uploaded");

            // the same job with matching files is created
            CreateJobOperation good = new CreateJobOperation(service, "broken-1", request("m2", "w.pdb", files(in, "w.pdb")),
                    null, 0, false, null);
            assertEquals(IStatus.INFO, good.run(M).status().getSeverity());
            assertEquals(1, store.jobs().list(JobQuery.all()).size());
        }
    }

    @Test
    void aSweepRefusesWhenOnePointsFilesDoNotMatch(@TempDir Path tmp) throws Exception {
        Path in = inputs(tmp.resolve("in"));
        try (Store store = Store.open(tmp.resolve("db")); JobService service = BrokenPluginTest.service(store, tmp.resolve("jobs"))) {
            JobSpec base = JobSpec.named("sw").template(null, CONFIG).values(Map.of("pdb", "w.pdb"))
                    .inputs(List.of(in.resolve("w.psf"), in.resolve("w.pdb"), in.resolve("short.pdb"), in.resolve("w.prm")))
                    .resources(ResourceRequest.of("p", 1, null, 10)).configFile("run.namd");
            CreateSweepOperation op = new CreateSweepOperation(service, "broken-1", base, Map.of("pdb", List.of("w.pdb", "short.pdb")),
                    Sweep.Mode.GRID);
            CoreException e = assertThrows(CoreException.class, () -> op.run(M));
            String msg = e.getStatus().getMessage();
            assertTrue(msg.contains("Sweep 'sw' was not created") && msg.contains("sw-pdb_short.pdb: the input files do not belong together")
                    && msg.contains("coordinates short.pdb has 23 atoms"), msg);
            assertTrue(!msg.contains("sw-pdb_w.pdb:"), "the matching point is not named: " + msg);
            assertEquals(0, store.jobs().list(JobQuery.all()).size(), "nothing was created");
        }
    }

    @Test
    void anAutomationWhoseFirstStageFilesDoNotMatchCreatesNothing(@TempDir Path tmp) throws Exception {
        Path in = inputs(tmp.resolve("in"));
        Files.delete(in.resolve("w.pdb"));
        Files.move(in.resolve("short.pdb"), in.resolve("w.pdb")); // the folder's w.pdb has an atom too few
        EObject a = AutomationModel.automation("mm", "Mismatch", null);
        AutomationModel.addStep(a, "min", StageStep.ID, "minimize", Map.of("template", "t"), Map.of("pdb", "w.pdb"));
        try (Store store = Store.open(tmp.resolve("db")); JobService service = BrokenPluginTest.service(store, tmp.resolve("jobs"))) {
            RunAutomationOperation op = new RunAutomationOperation(service, new RunAutomationOperation.Request(a, "broken-1", null,
                    "mm", in, Map.of(), false), ref -> CONFIG, 100, 10_000, null);
            CoreException e = assertThrows(CoreException.class, () -> op.run(M));
            String msg = e.getStatus().getMessage();
            assertTrue(msg.contains("Nothing was created: the input files of the first stages do not belong together")
                    && msg.contains("stage 'min': coordinates w.pdb has 23 atoms, but structure w.psf has 24"), msg);
            assertEquals(0, store.jobs().list(JobQuery.all()).size(), "nothing was created");
        }
    }
}

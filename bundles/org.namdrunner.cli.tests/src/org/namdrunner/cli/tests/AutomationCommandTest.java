package org.namdrunner.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cli.NamdCli;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.Store;
import org.namdrunner.workflow.AutomationLibrary;
import org.namdrunner.workflow.model.AutomationModel;

/**
 * {@code namdrunner automation list | import | validate | export | run} through the real command line (extension
 * registry of this OSGi runtime); {@code run} drives a 3-stage chain on the Local profile with the NAMD stand-in.
 */
@Tag("cluster")
class AutomationCommandTest {
    private final CliRun cli = new CliRun();

    private int run(List<String> args) {
        return cli.run(args);
    }

    private int run(String... args) {
        return run(List.of(args));
    }

    private String out() {
        return cli.out();
    }

    private String err() {
        return cli.err();
    }

    private static EObject load(Path f) throws Exception {
        try (InputStream in = new FileInputStream(f.toFile())) {
            return AutomationModel.load(in, f.toString());
        }
    }

    @Test
    void listImportExportValidate(@TempDir Path tmp) throws Exception {
        LocalAutomation a = LocalAutomation.create(tmp);
        String store = a.store.toString();
        assertEquals(NamdCli.OK, run("automation", "list", "--store", store), err());
        for (String id : AutomationLibrary.all().keySet()) {
            assertTrue(out().contains(id + "\tshipped\t"), out());
        }
        assertFalse(out().contains(LocalAutomation.AUTOMATION_ID), out());

        assertEquals(NamdCli.OK, run("automation", "validate", a.xmi.toString()), err());
        assertEquals(NamdCli.OK, run("automation", "import", a.xmi.toString(), "--store", store), err());
        assertEquals("imported\t" + LocalAutomation.AUTOMATION_ID + "\n", out());
        assertEquals(NamdCli.OK, run("automation", "list", "--store", store));
        assertTrue(out().contains(LocalAutomation.AUTOMATION_ID + "\timported\tThree short stages"), out());

        // export of the imported automation (found by id in the store) re-imports equal
        Path exported = tmp.resolve("exported.xmi");
        assertEquals(NamdCli.OK, run("automation", "export", LocalAutomation.AUTOMATION_ID, "--store", store, "-o", exported.toString()), err());
        assertTrue(EcoreUtil.equals(load(a.xmi), load(exported)), Files.readString(exported));
        // export of a shipped one to stdout is the same XMI as the library's
        assertEquals(NamdCli.OK, run("automation", "export", "dna-origami-tutorial"), err());
        assertEquals(AutomationModel.toXmi(AutomationLibrary.find("dna-origami-tutorial").orElseThrow()), out());
        assertEquals(NamdCli.OK, run("automation", "validate", "dna-origami-tutorial"), err());
        assertEquals(NamdCli.OK, run("automation", "validate", LocalAutomation.AUTOMATION_ID, "--store", store), err());
    }

    @Test
    void invalidAutomationsAreRefusedWithClearErrors(@TempDir Path tmp) throws Exception {
        LocalAutomation a = LocalAutomation.create(tmp);
        String store = a.store.toString();
        Path unknownStep = tmp.resolve("unknown.xmi");
        Files.writeString(unknownStep, LocalAutomation.xmi("bad-steps").replaceFirst("org.namdrunner.workflow.stage", "org.example.nosuchstep"));
        assertEquals(NamdCli.ERRORS, run("automation", "import", unknownStep.toString(), "--store", store));
        assertTrue(err().contains("org.example.nosuchstep") && err().contains("not imported"), err());
        assertEquals(NamdCli.ERRORS, run("automation", "validate", unknownStep.toString()));
        assertTrue(err().contains("org.example.nosuchstep"), err());

        Path cycle = tmp.resolve("cycle.xmi");
        Files.writeString(cycle, LocalAutomation.xmi("cyclic").replace("name=\"s1\">", "name=\"s1\" dependsOn=\"s3\">"));
        assertEquals(NamdCli.ERRORS, run("automation", "import", cycle.toString(), "--store", store));
        assertTrue(err().toLowerCase().contains("cycle") && err().contains("s1") && err().contains("s3"), err());

        Path notXml = tmp.resolve("broken.xmi");
        Files.writeString(notXml, "<automation:Automation xmlns:automation=\"http://namdrunner.org/automation/1.0\"\n  <oops");
        assertEquals(NamdCli.ERRORS, run("automation", "import", notXml.toString(), "--store", store));
        assertTrue(err().contains("broken.xmi"), err());

        Path shippedId = tmp.resolve("shipped.xmi");
        Files.writeString(shippedId, LocalAutomation.xmi("dna-origami-tutorial"));
        assertEquals(NamdCli.ERRORS, run("automation", "import", shippedId.toString(), "--store", store));
        assertTrue(err().contains("shipped automation"), err());

        assertEquals(NamdCli.OK, run("automation", "list", "--store", store));
        assertFalse(out().contains("\timported\t"), "nothing was imported: " + out());
    }

    @Test
    void usageErrors(@TempDir Path tmp) {
        assertEquals(NamdCli.USAGE, run("automation"));
        assertEquals(NamdCli.USAGE, run("automation", "frobnicate"));
        assertEquals(NamdCli.USAGE, run("automation", "validate"));
        assertEquals(NamdCli.USAGE, run("automation", "validate", "no-such-automation"));
        assertTrue(err().contains("'no-such-automation' is neither an automation file nor a shipped or imported automation"), err());
        assertEquals(NamdCli.USAGE, run("automation", "import", tmp.resolve("missing.xmi").toString()));
        assertEquals(NamdCli.USAGE, run("automation", "export", "dna-origami-tutorial", "--bogus"));
        assertEquals(NamdCli.USAGE, run("automation", "run", "dna-origami-tutorial", "--poll"));
        assertEquals(NamdCli.USAGE, run("automation", "run", "dna-origami-tutorial", "--poll", "soon"));
        assertTrue(err().contains("--poll takes a number of seconds, not 'soon'"), err());
    }

    @Test
    void runDrivesAChainOnTheLocalProfileAndResumingAFinishedRunChangesNothing(@TempDir Path tmp) throws Exception {
        LocalAutomation a = LocalAutomation.create(tmp);
        int rc = run(a.runArgs("r1", "--set", "s2.steps=40", "--set", "sleep=0.01", "--timeout", "120"));
        assertEquals(NamdCli.OK, rc, out() + err());
        for (String s : LocalAutomation.STAGES) {
            assertTrue(out().contains(s + "\tchain-" + s + "\tCOMPLETED"), out());
        }
        String first = out();
        try (Store st = Store.open(a.store)) {
            List<Job> jobs = st.jobs().list(JobQuery.all());
            assertEquals(3, jobs.size(), jobs.toString());
            assertTrue(jobs.stream().allMatch(j -> j.state() == JobState.COMPLETED), jobs.toString());
            Job s2 = jobs.stream().filter(j -> j.name().equals("chain-s2")).findFirst().orElseThrow();
            String cfg = Files.readString(Path.of(s2.remoteProjectDir(), "input", "s2.namd"));
            assertTrue(cfg.contains("bincoordinates") && cfg.contains("restart.coor") && cfg.contains("run 40"), cfg);
            Job s1 = jobs.stream().filter(j -> j.name().equals("chain-s1")).findFirst().orElseThrow();
            String cfg1 = Files.readString(Path.of(s1.remoteProjectDir(), "input", "s1.namd"));
            assertTrue(cfg1.contains("run 20") && cfg1.contains("#standin: sleepPerStep 0.01") && !cfg1.contains("#@var"), cfg1);
        }
        // the same run id again: nothing new is created or submitted
        assertEquals(NamdCli.OK, run(a.runArgs("r1", "--set", "s2.steps=40", "--set", "sleep=0.01", "--timeout", "60")), out() + err());
        assertEquals(first, out());
        try (Store st = Store.open(a.store); Stream<Path> idx = Files.list(a.jobs.resolve(".local-jobs"))) {
            assertEquals(3, st.jobs().count(JobQuery.all()));
            // the index holds one entry per submission, beside the runner's class files (runner-<hash>)
            assertEquals(3, idx.filter(p -> !p.getFileName().toString().startsWith("runner-")).count(),
                    "one local submission per stage");
        }

        // rebuild from the cluster (here the Local profile's job root): a lost record comes back, nothing doubles
        String lostId;
        try (Store st = Store.open(a.store)) {
            Job lost = st.jobs().list(JobQuery.all()).stream().filter(j -> j.name().equals("chain-s2")).findFirst().orElseThrow();
            lostId = lost.id();
            st.jobs().delete(lostId);
            assertEquals(2, st.jobs().count(JobQuery.all()));
        }
        assertEquals(NamdCli.OK, run("rebuild", "--profile", LocalAutomation.PROFILE_ID, "--store", a.store.toString()), err());
        assertTrue(out().contains("imported\t" + lostId + "\tchain-s2\t"), out());
        assertTrue(out().contains("imported 1, already known 2, skipped 0"), out());
        assertEquals(NamdCli.OK, run("rebuild", "--profile", LocalAutomation.PROFILE_ID, "--store", a.store.toString()), err());
        assertTrue(out().contains("imported 0, already known 3"), out());
        try (Store st = Store.open(a.store)) {
            assertEquals(3, st.jobs().count(JobQuery.all()), "never duplicated");
        }
        assertEquals(NamdCli.ERRORS, run("rebuild", "--profile", "no-such-profile", "--store", a.store.toString()));
        assertTrue(err().contains("No cluster profile with id 'no-such-profile'"), err());
    }

    @Test
    void badValuesStopTheRunBeforeAnythingIsCreated(@TempDir Path tmp) throws Exception {
        LocalAutomation a = LocalAutomation.create(tmp);
        assertEquals(NamdCli.ERRORS, run(a.runArgs("bad1", "--set", "temp=5000")));
        assertTrue(err().contains("'temp' must be at most 1000, not 5000"), err());
        assertEquals(NamdCli.ERRORS, run(a.runArgs("bad2", "--set", "nosuch=1")));
        assertTrue(err().contains("'nosuch': no stage's template has a variable of that name"), err());
        assertEquals(NamdCli.ERRORS, run(a.runArgs("bad3", "--set", "s2.nosuch=1")));
        assertTrue(err().contains("the template of stage 's2' has no variable 'nosuch'"), err());
        Path noOut = tmp.resolve("noout.xmi");
        Files.writeString(noOut, Files.readString(a.xmi).replace("<values name=\"out\" value=\"s1\"/>", ""));
        List<String> args = new java.util.ArrayList<>(a.runArgs("bad4"));
        args.set(2, noOut.toString());
        assertEquals(NamdCli.ERRORS, run(args));
        assertTrue(err().contains("stage.namd:5: variable 'out' needs a value"), err());
        try (Store st = Store.open(a.store)) {
            assertEquals(0, st.jobs().count(JobQuery.all()), "no job was created");
        }
    }

    /**
     * A first stage that reads a file the input folder does not have would fail in the queue ("UNABLE TO OPEN PSF
     * FILE"): the run is refused before anything is created, naming the stage, the variable and the file.
     */
    @Test
    void aFirstStageReadingAMissingInputCreatesNothing(@TempDir Path tmp) throws Exception {
        LocalAutomation a = LocalAutomation.create(tmp);
        Path stage = a.dir.resolve("stage.namd");
        Files.writeString(stage, Files.readString(stage).replace("structure mol.psf",
                "#@var psf type=File ext=\".psf\" default=mol.psf label=\"Structure (PSF)\"\nstructure <<psf>>"));
        Files.delete(a.inputs.resolve("mol.psf"));
        assertEquals(NamdCli.ERRORS, run(a.runArgs("missing")));
        assertTrue(err().contains("Nothing was created") && err().contains("stage 's1' (Structure (PSF)): 'mol.psf'"), err());
        assertFalse(err().contains("stage 's2'"), "later stages read their parents' outputs: " + err());
        try (Store st = Store.open(a.store)) {
            assertEquals(0, st.jobs().count(JobQuery.all()), "no job was created");
        }
        // with the file in the input folder the same run goes
        Files.writeString(a.inputs.resolve("mol.psf"), "mol.psf\n");
        assertEquals(NamdCli.OK, run(a.runArgs("present")), err());
    }

    /** Without --poll a run asks the cluster at the profile's minimum interval (here 0 s, so the 1 s floor). */
    @Test
    void runWithoutPollUsesTheProfilesInterval(@TempDir Path tmp) throws Exception {
        LocalAutomation a = LocalAutomation.create(tmp);
        List<String> args = new java.util.ArrayList<>(a.runArgs("default-poll", "--set", "sleep=0.01", "--timeout", "120"));
        int i = args.indexOf("--poll");
        args.remove(i + 1);
        args.remove(i);
        assertEquals(NamdCli.OK, run(args), out() + err());
        for (String s : LocalAutomation.STAGES) {
            assertTrue(out().contains(s + "\tchain-" + s + "\tCOMPLETED"), out());
        }
        assertEquals(NamdCli.OK, run("automation", "run", "--help"));
        assertTrue(out().replaceAll("\\s+", " ").contains("profile's minimum seconds between status queries"), out());
    }
}

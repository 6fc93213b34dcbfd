package org.namdrunner.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobStatusChange;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.Store;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.RestartWiring;
import org.namdrunner.workflow.Sweep;
import org.namdrunner.workflow.WorkflowException;
import org.namdrunner.workflow.Workflows;

/** Chains, auto-continuation, blocking, cycles and sweeps on the project's test cluster (Slurm over SSH). */
@Tag("cluster")
class WorkflowClusterIntegrationTest {
    static final IProgressMonitor M = new NullProgressMonitor();
    static Path inputs;

    @BeforeAll
    static void inputs(@TempDir Path tmp) throws Exception {
        inputs = tmp;
        Files.writeString(tmp.resolve("mol.psf"), "PSF\n");
        Files.writeString(tmp.resolve("mol.pdb"), "ATOM\nEND\n");
    }

    static JobSpec stage(String name, String out, int steps, double sleep) {
        return JobSpec.named(name).template(null, Harness.template("")).value("sleep", Double.toString(sleep)).value("out", out)
                .value("steps", Integer.toString(steps)).inputs(List.of(inputs.resolve("mol.psf"), inputs.resolve("mol.pdb")))
                .resources(ResourceRequest.of("compute", 1, null, null));
    }

    static void until(Workflows wf, ClusterSession s, long seconds, BooleanSupplier done) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (!done.getAsBoolean()) {
            Workflows.TickResult t = wf.tick(s, true, M);
            assertTrue(t.problems().isEmpty(), t.problems().toString());
            if (done.getAsBoolean()) {
                return;
            }
            assertTrue(System.currentTimeMillis() < deadline, "workflow did not settle within " + seconds + " s");
            Thread.sleep(1000);
        }
    }

    static boolean settled(Workflows wf, String id) {
        try {
            return wf.settled(id);
        } catch (WorkflowException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(ClusterSession s, String path) throws Exception {
        return new String(s.files().read(path, M), StandardCharsets.UTF_8);
    }

    @Test
    void threeStageChainPropagatesFilesAndWiresRestartKeywords() throws Exception {
        try (Store store = Harness.newStore("wf-chain"); ClusterSession s = Harness.connect(Harness.profile())) {
            Workflows wf = Harness.workflows(store);
            Job a = wf.create(s, stage("chain-min", "s1", 10, 0), M);
            Job b = wf.create(s, stage("chain-eq", "s2", 10, 0).parent(a.id(), RestartWiring.Mode.CONTINUE).inputs(List.of()), M);
            Job c = wf.create(s, stage("chain-prod", "s3", 10, 0).parent(b.id(), RestartWiring.Mode.CONTINUE).inputs(List.of()), M);
            assertEquals(JobState.CREATED, store.jobs().find(c.id()).orElseThrow().state());
            until(wf, s, 240, () -> settled(wf, c.id()));
            for (Job j : List.of(a, b, c)) {
                Job now = store.jobs().find(j.id()).orElseThrow();
                assertEquals(JobState.COMPLETED, now.state(), now.name() + ": " + now.reason());
            }
            assertEquals(b.id(), store.jobs().find(c.id()).orElseThrow().parentJobId());
            String cin = c.remoteProjectDir() + "/input/";
            List<String> files = s.files().list(c.remoteProjectDir() + "/input", M);
            assertTrue(files.containsAll(List.of("mol.psf", "mol.pdb", "restart.coor", "restart.vel", "restart.xsc", "run.namd")), files.toString());
            assertTrue(read(s, cin + "restart.coor").contains("AT STEP 20"), "stage 3 got stage 2's final coordinates");
            String config = read(s, cin + "run.namd");
            assertTrue(config.contains("bincoordinates      restart.coor") && config.contains("binvelocities       restart.vel")
                    && config.contains("extendedSystem      restart.xsc") && config.contains("firsttimestep       20"), config);
            assertTrue(config.contains(RestartWiring.MARK + "temperature 300"), config);
            String log = read(s, c.remoteProjectDir() + "/logs/namd.log");
            assertTrue(log.contains("ENERGY:          21") || log.matches("(?s).*ENERGY:\\s+21\\s.*"), "step numbers continue at 20: " + log);
            assertEquals(List.of(a.id(), b.id(), c.id()), wf.chain(b.id()).stream().map(Job::id).toList(), "the chain view's API");
        }
    }

    @Test
    void timeoutJobAutoContinuesToItsTotal() throws Exception {
        try (Store store = Harness.newStore("wf-timeout"); ClusterSession s = Harness.connect(Harness.profile())) {
            Workflows wf = Harness.workflows(store);
            // 1 s per step, 1 minute wall time on debug: the first job is killed between step ~55 and ~90,
            // the continuation runs the rest (< 50 steps) well within its minute
            JobSpec spec = stage("auto-continue", "prod", 100, 1.0).resources(ResourceRequest.of("debug", 1, null, 1)).autoContinue(100, 4);
            Job first = wf.create(s, spec, M);
            until(wf, s, 420, () -> settled(wf, first.id()));
            Job firstNow = store.jobs().find(first.id()).orElseThrow();
            assertEquals(JobState.TIMEOUT, firstNow.state(), firstNow.reason());
            Job last = wf.latest(first.id());
            assertEquals(JobState.COMPLETED, last.state(), last.name() + ": " + last.reason());
            assertTrue(!last.id().equals(first.id()));
            String config = read(s, last.remoteProjectDir() + "/input/run.namd");
            assertTrue(config.contains("bincoordinates      restart.coor"), config);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("firsttimestep +([0-9]+)\n").matcher(config);
            assertTrue(m.find(), config);
            long first1 = Long.parseLong(m.group(1));
            assertTrue(first1 > 0 && first1 < 100 && first1 % 5 == 0, "restarted from a periodic restart: " + first1);
            assertTrue(config.contains("\nrun " + (100 - first1)), "runs the remaining steps: " + config);
            assertTrue(read(s, last.remoteProjectDir() + "/output/prod.xsc").contains("\n100 "), "reached the total of 100 steps");
        }
    }

    @Test
    void failedParentBlocksDependantsAndRetryUnblocksThem() throws Exception {
        try (Store store = Harness.newStore("wf-block"); ClusterSession s = Harness.connect(Harness.profile())) {
            Workflows wf = Harness.workflows(store);
            // the parent fails (missing parameter file) once the test lets it go: it waits in its working directory for
            // a 'release' file (at most 5 minutes), so its dependants are surely queued in Slurm with --dependency first
            JobSpec bad = JobSpec.named("will-fail").template(null, Harness.template(
                    "if {![file exists retry.ok]} { set w 0; while {![file exists release] && $w < 600} { after 500; incr w }; parameters missing.prm }"))
                    .value("sleep", "0").value("out", "p").value("steps", "5")
                    .inputs(List.of(inputs.resolve("mol.psf"), inputs.resolve("mol.pdb"))).resources(ResourceRequest.of("compute", 1, null, null));
            Job parent = wf.create(s, bad, M);
            wf.tick(s, true, M); // the parent is in the Slurm queue before its dependants are released
            Job dep = wf.create(s, stage("dependant", "d", 3, 0).dependsOn(parent.id()), M);
            Job dep2 = wf.create(s, stage("dependant-2", "d2", 3, 0).dependsOn(dep.id()), M);
            until(wf, s, 180, () -> store.jobs().find(dep.id()).orElseThrow().slurmJobId() != null);
            // the dependant was submitted with --dependency (same Slurm cluster) while the parent waits
            Job parentNow = store.jobs().find(parent.id()).orElseThrow();
            assertTrue(parentNow.state().isActive(), "the parent still waits for its release file: " + parentNow.state());
            assertTrue(read(s, dep.remoteProjectDir() + "/job.sbatch").contains("#SBATCH --dependency=afterok:" + parentNow.slurmJobId()));
            String work = parentNow.remoteScratchDir() != null ? parentNow.remoteScratchDir() : parentNow.remoteProjectDir() + "/work";
            s.files().mkdirs(M, work);
            s.files().write(work + "/release", new byte[0], M);
            until(wf, s, 240, () -> store.jobs().find(dep2.id()).orElseThrow().state() == JobState.BLOCKED);
            assertEquals(JobState.FAILED, store.jobs().find(parent.id()).orElseThrow().state());
            Job d = store.jobs().find(dep.id()).orElseThrow();
            assertEquals(JobState.BLOCKED, d.state());
            assertTrue(d.reason().contains("'will-fail' ended failed"), d.reason());
            assertTrue(store.jobs().find(dep2.id()).orElseThrow().reason().contains("'dependant' is blocked"));
            assertTrue(store.jobs().history(dep.id()).stream().anyMatch(h -> h.to() == JobState.PENDING), "submitted with --dependency");

            Job retry = wf.retry(s, parent.id(), M);
            s.files().write(retry.remoteProjectDir() + "/input/retry.ok", new byte[0], M);
            assertEquals(JobState.CREATED, store.jobs().find(dep.id()).orElseThrow().state(), "retrying unblocks the dependant");
            until(wf, s, 240, () -> settled(wf, dep2.id()) && store.jobs().find(dep2.id()).orElseThrow().state().isTerminal());
            assertEquals(JobState.COMPLETED, store.jobs().find(retry.id()).orElseThrow().state());
            assertEquals(JobState.COMPLETED, store.jobs().find(dep.id()).orElseThrow().state());
            assertEquals(JobState.COMPLETED, store.jobs().find(dep2.id()).orElseThrow().state());
            assertTrue(store.jobs().history(dep.id()).stream().map(JobStatusChange::to).toList().contains(JobState.BLOCKED));
        }
    }

    /** GPUs asked for at creation reach the job script at the (deferred) submission, and a continuation inherits them. */
    @Test
    void gpusSurviveDeferredSubmissionAndContinuation() throws Exception {
        try (Store store = Harness.newStore("wf-gpu"); ClusterSession s = Harness.connect(Harness.profile())) {
            Workflows wf = Harness.workflows(store);
            JobSpec first = stage("gpu-eq", "g1", 4, 0);
            first.resources(first.resources.withGpus(1, "standin"));
            Job a = wf.create(s, first, M);
            Job b = wf.create(s, stage("gpu-prod", "g2", 4, 0).parent(a.id(), RestartWiring.Mode.CONTINUE).inputs(List.of())
                    .resources(null), M);
            assertEquals(1, wf.state().node(b.id()).orElseThrow().gpus, "the continuation inherits the GPUs");
            until(wf, s, 240, () -> settled(wf, b.id()));
            for (Job j : List.of(a, b)) {
                Job now = store.jobs().find(j.id()).orElseThrow();
                assertEquals(JobState.COMPLETED, now.state(), now.name() + ": " + now.reason());
                String script = read(s, j.remoteProjectDir() + "/job.sbatch");
                assertTrue(script.contains("\n#SBATCH --gres=gpu:standin:1\n"), j.name() + ": " + script);
            }
        }
    }

    @Test
    void cycleIsRefusedNamingIt() throws Exception {
        try (Store store = Harness.newStore("wf-cycle"); ClusterSession s = Harness.connect(Harness.profile())) {
            Workflows wf = Harness.workflows(store);
            Job a = wf.create(s, stage("cyc-a", "a", 1, 0).submit(false), M);
            Job b = wf.create(s, stage("cyc-b", "b", 1, 0).submit(false).dependsOn(a.id()), M);
            Job c = wf.create(s, stage("cyc-c", "c", 1, 0).submit(false).dependsOn(b.id()), M);
            WorkflowException e = assertThrows(WorkflowException.class, () -> wf.addDependency(a.id(), c.id()));
            assertTrue(e.getMessage().contains("'cyc-a' \u2192 'cyc-c' \u2192 'cyc-b' \u2192 'cyc-a'"), e.getMessage());
            assertEquals(List.of(), wf.dependencies(a.id()), "nothing was added");
            wf.addDependency(c.id(), a.id()); // not a cycle
        }
    }

    @Test
    void sweepOfSixJobsCompletesAsAGroup() throws Exception {
        try (Store store = Harness.newStore("wf-sweep"); ClusterSession s = Harness.connect(Harness.profile())) {
            Workflows wf = Harness.workflows(store);
            Map<String, List<String>> vars = new LinkedHashMap<>();
            vars.put("temp", List.of("300", "310", "320"));
            vars.put("salt", List.of("0.15", "0.5"));
            JobSpec base = stage("sweep", "out", 3, 0).template(null, Harness.template("langevinTemp <<temp>>\n# salt <<salt>>"));
            List<Job> jobs = wf.createSweep(s, base, vars, Sweep.Mode.GRID, M);
            assertEquals(6, jobs.size());
            String group = jobs.get(0).groupId();
            assertNotNull(group);
            assertEquals("sweep-temp_310-salt_0.5", jobs.get(3).name());
            until(wf, s, 300, () -> jobs.stream().allMatch(j -> settled(wf, j.id())));
            List<Job> inGroup = store.jobs().list(JobQuery.all().withGroupId(group));
            assertEquals(6, inGroup.size());
            assertTrue(inGroup.stream().allMatch(j -> j.state() == JobState.COMPLETED), inGroup.toString());
            assertTrue(read(s, jobs.get(5).remoteProjectDir() + "/input/run.namd").contains("langevinTemp 320"));
        }
    }
}

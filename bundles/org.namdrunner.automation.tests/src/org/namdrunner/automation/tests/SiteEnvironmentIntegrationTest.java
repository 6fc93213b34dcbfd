package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.automation.JobLifecycle;
import org.namdrunner.automation.JobRecorder;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.Store;
import org.namdrunner.testing.TestCluster;

/**
 * A site where the Slurm commands exist only after {@code source /etc/profile && module load slurm} (the test
 * cluster's site-environment user, see docs/TEST-CLUSTER.md) and NAMD sits in an Lmod hierarchy behind gcc/12 and
 * openmpi/4: with the site environment the whole lifecycle runs (discovery, create, upload, submit, track, download)
 * with the hierarchy's MPI build of NAMD; without it, the errors say that the Slurm commands are not found and name
 * the module that provides them.
 */
@Tag("cluster")
class SiteEnvironmentIntegrationTest {
    static final IProgressMonitor M = new NullProgressMonitor();
    static final List<String> SITE_LINES = List.of("source /etc/profile", "module load slurm");
    static Properties props;
    static Store store;
    static JobRecorder recorder;
    static JobLifecycle lifecycle;
    static Path work;

    @BeforeAll
    static void setUp() throws Exception {
        props = TestCluster.properties();
        store = TestClusterHarness.newStore("site-env");
        recorder = TestClusterHarness.recorder(store);
        lifecycle = TestClusterHarness.lifecycle();
        work = Files.createTempDirectory("nr-site-env");
        Files.writeString(work.resolve("mol.psf"), "PSF\n");
    }

    @AfterAll
    static void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    static StepContext context(ClusterSession session, String name, String module, Path results) {
        JobRequest req = new JobRequest(name, null, TestClusterHarness.config(4, 0.3),
                Map.of("structure", "mol.psf", "outputName", "out", "temperature", "310"), "run.namd",
                List.of(work.resolve("mol.psf")), ResourceRequest.of("compute", 1, 512L, 10), module, Map.of(), results);
        StepContext ctx = new StepContext(session, recorder, req, null, null);
        ctx.parameters().put("pollSeconds", "1");
        ctx.parameters().put("timeoutSeconds", "240");
        return ctx;
    }

    @Test
    void withTheSiteEnvironment_discoveryFindsTheHierarchyAndTheWholeLifecycleRunsItsMpiBuild(@TempDir Path tmp) throws Exception {
        ProfileConfig profile = TestCluster.siteProfile("site-", SITE_LINES);
        DiscoveryResult found;
        try (ClusterSession s = TestClusterHarness.connect(profile)) {
            assertEquals(props.getProperty("siteUser"), s.user());
            long before = s.roundTrips();
            found = s.discover(M);
            assertEquals(1, s.roundTrips() - before, "discovery, site environment included, is one round trip");
        }
        assertTrue(found.warnings().stream().noneMatch(w -> w.contains("not found on PATH")), found.warnings().toString());
        assertTrue(found.partitions().stream().anyMatch(p -> p.name().equals("compute")), "sinfo/scontrol ran: " + found);
        String hierarchical = props.getProperty("hierarchyModule");
        List<String> prerequisites = List.of(props.getProperty("hierarchyPrerequisites").split(","));
        NamdModule mpi = found.namd().stream().filter(m -> m.module().equals(hierarchical)).findFirst()
                .orElseThrow(() -> new AssertionError(hierarchical + " not discovered: " + found.namd()));
        assertEquals(prerequisites, mpi.prerequisites(), "prerequisites in load order");
        assertEquals("namd3", mpi.executable());
        assertEquals(LauncherMode.SRUN, mpi.launcher(), "an MPI build is started with srun");
        NamdModule core = found.namd().stream().filter(m -> m.module().equals("namd/3.0")).findFirst().orElseThrow();
        assertEquals(List.of(), core.prerequisites(), "a Core module needs nothing first");

        ProfileConfig applied = found.applyTo(profile);
        try (ClusterSession s = TestClusterHarness.connect(applied)) {
            StepContext ctx = context(s, "site env " + hierarchical, hierarchical, tmp);
            lifecycle.run(ctx, JobLifecycle.SUBMIT_CHAIN, M);
            Job submitted = ctx.job();
            assertNotNull(submitted.slurmJobId(), "sbatch ran after module load slurm");
            String script = new String(s.files().read(RemotePaths.join(submitted.remoteProjectDir(), JobScriptSpec.SCRIPT_FILE), M),
                    StandardCharsets.UTF_8);
            int gcc = script.indexOf("module load " + prerequisites.get(0));
            int ompi = script.indexOf("module load " + prerequisites.get(1));
            int namd = script.indexOf("module load " + hierarchical);
            assertTrue(gcc > 0 && gcc < ompi && ompi < namd, "the script loads gcc, openmpi, namd in that order:\n" + script);
            assertTrue(script.indexOf("module load slurm") < gcc, "the site environment runs first in the job too");
            assertTrue(script.contains("\nsrun \"$NAMD_BIN\""), "srun launches the MPI build:\n" + script);

            long before = s.roundTrips();
            s.status(List.of(submitted.slurmJobId()), true, M);
            assertEquals(1, s.roundTrips() - before, "a status query with the site environment is one round trip");

            lifecycle.run(ctx, JobLifecycle.FINISH_CHAIN, M);
            Job done = ctx.job();
            assertEquals(JobState.COMPLETED, done.state(), "reason: " + done.reason());
            assertTrue(Files.isRegularFile(tmp.resolve("output").resolve("out.coor")), "results downloaded");
            String log = Files.readString(tmp.resolve("logs").resolve(JobScriptSpec.NAMD_LOG));
            assertTrue(log.contains("WallClock:"), "the stand-in ran to its end under srun:\n" + log);
        }
    }

    @Test
    void withoutTheSiteEnvironment_errorsSayTheSlurmCommandsAreMissingAndNameTheModule() throws Exception {
        String module = props.getProperty("siteSlurmModule");
        ProfileConfig bare = TestCluster.siteProfile("site-bare-", List.of());
        try (ClusterSession s = TestClusterHarness.connect(bare)) {
            DiscoveryResult found = s.discover(M);
            String warning = found.warnings().stream().filter(w -> w.contains("not found on PATH")).findFirst()
                    .orElseThrow(() -> new AssertionError("no warning about Slurm commands: " + found.warnings()));
            assertTrue(warning.contains("sbatch") && warning.contains("module load " + module), warning);

            ClusterException status = assertThrows(ClusterException.class, () -> s.status(List.of("1"), true, M));
            assertEquals(ClusterException.Kind.CONFIGURATION, status.getKind());
            assertTrue(status.getMessage().startsWith("Slurm commands are not found on the cluster (squeue: command not found)"),
                    status.getMessage());
            assertTrue(status.getMessage().contains("The module " + module + " provides them"), status.getMessage());

            StepContext ctx = context(s, "no site env", "namd/3.0", null);
            StepException e = assertThrows(StepException.class, () -> lifecycle.run(ctx, JobLifecycle.SUBMIT_CHAIN, M));
            assertTrue(e.getMessage().contains("Slurm commands are not found on the cluster (sbatch: command not found)")
                    && e.getMessage().contains("module load " + module), e.getMessage());
        }
    }

    @Test
    void theNamdCheckLoadsTheHierarchyInOrderAndNamesTheModuleThatFails() throws Exception {
        try (ClusterSession s = TestClusterHarness.connect(TestCluster.siteProfile("site-namd-", SITE_LINES))) {
            assertEquals(java.util.Optional.empty(), s.namdProblem(new NamdModule("namd/3.0-mpi", "3.0", null,
                    List.of("gcc/12", "openmpi/4"), null), M), "behind its prerequisites the MPI build is found");
            java.util.Optional<String> alone = s.namdProblem(new NamdModule("namd/3.0-mpi", "3.0", null), M);
            assertTrue(alone.isPresent() && alone.get().contains("'module load namd/3.0-mpi' fails"), alone.toString());
        }
    }
}

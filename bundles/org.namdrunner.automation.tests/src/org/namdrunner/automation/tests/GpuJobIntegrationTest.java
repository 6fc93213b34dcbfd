package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.Store;

/**
 * GPU jobs on the test cluster, whose node declares {@code Gres=gpu:standin:2} backed by device files and whose
 * partition {@code cpu} (a second slurmd) has none: discovery reads the GPUs per partition, a job asking for GPUs is
 * accepted by the real sbatch, runs, and sees {@code CUDA_VISIBLE_DEVICES}; GPUs on {@code cpu} are refused before
 * anything reaches the cluster.
 */
@Tag("cluster")
class GpuJobIntegrationTest {
    static final IProgressMonitor M = new NullProgressMonitor();
    static ProfileConfig profile;
    static ClusterSession session;
    static Store store;
    static JobRecorder recorder;
    static JobLifecycle lifecycle;
    static Path work;

    @BeforeAll
    static void setUp() throws Exception {
        profile = TestClusterHarness.profile();
        session = TestClusterHarness.connect(profile);
        store = TestClusterHarness.newStore("gpu");
        recorder = TestClusterHarness.recorder(store);
        lifecycle = TestClusterHarness.lifecycle();
        work = Files.createTempDirectory("nr-gpu");
        Files.writeString(work.resolve("mol.psf"), "PSF\n");
    }

    @AfterAll
    static void tearDown() {
        if (session != null) {
            session.close();
        }
        if (store != null) {
            store.close();
        }
    }

    static StepContext context(String name, ResourceRequest res, Path results) {
        JobRequest req = new JobRequest(name, null, TestClusterHarness.config(4, 0.2),
                Map.of("structure", "mol.psf", "outputName", "out", "temperature", "310"), "run.namd",
                List.of(work.resolve("mol.psf")), res, "namd/3.0", Map.of(), results);
        StepContext ctx = new StepContext(session, recorder, req, null, null);
        ctx.parameters().put("pollSeconds", "1");
        ctx.parameters().put("timeoutSeconds", "240");
        return ctx;
    }

    @Test
    void discoveryReadsGpusPerPartition() throws Exception {
        DiscoveryResult d = session.discover(M);
        PartitionSpec compute = d.partitions().stream().filter(p -> p.name().equals("compute")).findFirst().orElseThrow();
        PartitionSpec cpu = d.partitions().stream().filter(p -> p.name().equals("cpu")).findFirst()
                .orElseThrow(() -> new AssertionError("no partition cpu: " + d.partitions()));
        assertEquals(2, compute.gpusPerNode(), compute.toString());
        assertEquals(List.of("standin"), compute.gpuTypes());
        assertEquals(0, cpu.gpusPerNode(), cpu.toString());
        assertEquals(List.of(), cpu.gpuTypes());
    }

    @Test
    void gpuJobsAreAcceptedRunAndSeeTheirDevices(@TempDir Path tmp) throws Exception {
        record Case(String name, ResourceRequest res, String gres, String visible, String devices) {
        }
        for (Case c : List.of(
                new Case("gpu one", ResourceRequest.of("compute", 1, 512L, 10).withGpus(1, null), "gpu:1", null, "+devices 0"),
                new Case("gpu two typed", ResourceRequest.of("compute", 2, 512L, 10).withGpus(2, "standin"), "gpu:standin:2", "0,1",
                        "+devices 0,1"))) {
            Path results = tmp.resolve(c.name().replace(' ', '_'));
            StepContext ctx = context(c.name(), c.res(), results);
            lifecycle.run(ctx, JobLifecycle.SUBMIT_CHAIN, M);
            String script = new String(session.files().read(RemotePaths.join(ctx.job().remoteProjectDir(), JobScriptSpec.SCRIPT_FILE), M),
                    StandardCharsets.UTF_8);
            assertTrue(script.contains("\n#SBATCH --gres=" + c.gres() + "\n"), script);
            assertTrue(script.contains("+setcpuaffinity +devices \"$NAMD_DEVICES\""), script);
            lifecycle.run(ctx, JobLifecycle.FINISH_CHAIN, M);
            Job done = ctx.job();
            assertEquals(JobState.COMPLETED, done.state(), c.name() + ": " + done.reason());
            String err = Files.readString(results.resolve("logs").resolve("slurm-" + done.slurmJobId() + ".err"));
            String line = err.lines().filter(l -> l.startsWith("NAMDRunner: GPUs: ")).findFirst()
                    .orElseThrow(() -> new AssertionError(c.name() + ": no GPU line in " + err));
            // Slurm picks the device indices; one GPU may be 0 or 1 when another job holds the other
            String visible = line.replaceAll("^NAMDRunner: GPUs: CUDA_VISIBLE_DEVICES=([^,]*(,[0-9]+)*), .*$", "$1");
            if (c.visible() != null) {
                assertEquals(c.visible(), visible, line);
            } else {
                assertTrue(visible.equals("0") || visible.equals("1"), line);
            }
            assertTrue(line.endsWith("NAMD " + c.devices()), line);
        }
    }

    @Test
    void gpusOnTheCpuOnlyPartitionAreRefusedBeforeUpload() {
        long before = session.roundTrips();
        StepContext ctx = context("gpu on cpu", ResourceRequest.of("cpu", 1, null, 5).withGpus(1, null), null);
        StepException e = assertThrows(StepException.class, () -> lifecycle.run(ctx, JobLifecycle.SUBMIT_CHAIN, M));
        assertEquals(ClusterException.Kind.LIMIT_EXCEEDED, e.getKind());
        assertTrue(e.getMessage().contains("1 GPU requested, but partition 'cpu' has no GPUs"), e.getMessage());
        assertEquals(before, session.roundTrips(), "nothing was sent to the cluster");
        assertTrue(store.jobs().list(org.namdrunner.store.JobQuery.all().withText("gpu on cpu")).isEmpty(), "no local record");

        StepContext tooMany = context("three gpus", ResourceRequest.of("compute", 1, null, 5).withGpus(3, null), null);
        e = assertThrows(StepException.class, () -> lifecycle.run(tooMany, JobLifecycle.SUBMIT_CHAIN, M));
        assertTrue(e.getMessage().contains("3 GPUs per node requested, but the nodes of partition 'compute' have 2 GPUs"), e.getMessage());
        assertEquals(before, session.roundTrips(), "nothing was sent to the cluster");
    }

    /** A profile whose partition model is out of date (it thinks cpu has GPUs): the real sbatch refuses, readably. */
    @Test
    void sbatchRefusalOfGpusIsReadable() throws Exception {
        ProfileConfig stale = profile.toBuilder().partitions(profile.partitions().stream()
                .map(p -> p.name().equals("cpu") ? p.withGpus(1, List.of()) : p).toList()).build();
        ClusterSession s = TestClusterHarness.connect(stale);
        try {
            StepContext ctx = context("stale gpu", ResourceRequest.of("cpu", 1, null, 5).withGpus(1, null), null);
            StepContext onStale = new StepContext(s, recorder, ctx.request(), null, null);
            StepException e = assertThrows(StepException.class, () -> lifecycle.run(onStale, JobLifecycle.SUBMIT_CHAIN, M));
            assertEquals(ClusterException.Kind.RESOURCES, e.getKind(), e.getMessage());
            assertTrue(e.getMessage().contains("Partition 'cpu' cannot provide 1 cores on 1 node with 1 GPU per node"), e.getMessage());
            assertTrue(e.getMessage().contains("Requested node configuration is not available"), e.getMessage());
        } finally {
            s.close();
        }
    }
}

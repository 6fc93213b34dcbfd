package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.automation.JobDiscovery;
import org.namdrunner.automation.JobLifecycle;
import org.namdrunner.automation.JobRecorder;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.automation.namdlog.NamdLog;
import org.namdrunner.automation.steps.Steps;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.slurm.SlurmSession;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobInfo;
import org.namdrunner.core.model.JobInfoJson;
import org.namdrunner.core.model.JobStatusChange;
import org.namdrunner.store.Store;

/**
 * The whole lifecycle on the real test cluster (sshd + Slurm + Lmod, stand-in NAMD from the namd/3.0 module).
 * The TIMEOUT job is submitted first and checked last, so its ~90 s overlap the other tests.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlurmLifecycleIntegrationTest {
    static final IProgressMonitor M = new NullProgressMonitor();
    static ProfileConfig profile;
    static ClusterSession session;
    static Store store;
    static JobRecorder recorder;
    static JobLifecycle lifecycle;
    static Path work;
    static StepContext timeoutCtx;

    @BeforeAll
    static void setUp() throws Exception {
        profile = TestClusterHarness.profile();
        session = TestClusterHarness.connect(profile);
        store = TestClusterHarness.newStore("lifecycle");
        recorder = TestClusterHarness.recorder(store);
        lifecycle = TestClusterHarness.lifecycle();
        work = Files.createTempDirectory("nr-lifecycle");
        Files.writeString(work.resolve("mol.psf"), "PSF\n");
        // TIMEOUT: debug partition (MaxTime 2 min), 1 minute requested, a run that would take 10 minutes.
        timeoutCtx = context(request("timeout job", 600, 1.0, ResourceRequest.of("debug", 1, null, 1), work.resolve("timeout")));
        lifecycle.run(timeoutCtx, JobLifecycle.SUBMIT_CHAIN, M);
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

    static JobRequest request(String name, int steps, double sleep, ResourceRequest res, Path results) {
        return new JobRequest(name, null, TestClusterHarness.config(steps, sleep),
                Map.of("structure", "mol.psf", "outputName", "out", "temperature", "310"), "run.namd",
                List.of(work.resolve("mol.psf")), res, "namd/3.0", Map.of(), results);
    }

    static StepContext context(JobRequest req) {
        return context(req, session);
    }

    static StepContext context(JobRequest req, ClusterSession s) {
        StepContext ctx = new StepContext(s, recorder, req, null, null);
        ctx.parameters().put("pollSeconds", "1");
        ctx.parameters().put("timeoutSeconds", "240");
        return ctx;
    }

    static JobInfo remoteJobInfo(Job job) throws ClusterException {
        return JobInfoJson.read(new String(session.files().read(RemotePaths.join(job.remoteProjectDir(), JobInfo.FILE_NAME), M),
                StandardCharsets.UTF_8));
    }

    static List<JobState> states(String jobId) {
        return store.jobs().history(jobId).stream().map(JobStatusChange::to).collect(Collectors.toList());
    }

    @Test
    @Order(1)
    void endToEndCompletesWithResultsDownloadedAndLogParsed_thenRebuiltFromJobInfoAfterDatabaseReset(@TempDir Path tmp)
            throws Exception {
        StepContext ctx = context(request("e2e run #1 $(x)", 8, 0.6, ResourceRequest.of("compute", 1, 512L, 10), tmp));
        lifecycle.run(ctx, JobLifecycle.SUBMIT_CHAIN, M);
        Job submitted = ctx.job();
        assertEquals(JobState.PENDING, submitted.state());
        assertNotNull(submitted.slurmJobId());
        assertEquals(JobState.PENDING, remoteJobInfo(submitted).job().state(), "job_info.json follows every transition");

        lifecycle.run(ctx, JobLifecycle.FINISH_CHAIN, M);
        Job done = ctx.job();
        assertEquals(JobState.COMPLETED, done.state(), "reason: " + done.reason());
        assertEquals(0, done.exitCode());
        List<JobState> history = states(done.id());
        assertEquals(List.of(JobState.CREATED, JobState.STAGING, JobState.SUBMITTING, JobState.PENDING), history.subList(0, 4));
        assertTrue(history.contains(JobState.RUNNING), "RUNNING observed: " + history);
        assertEquals(JobState.COMPLETED, history.get(history.size() - 1));

        for (String f : List.of("out.coor", "out.vel", "out.xsc", "out.dcd", "out.restart.coor", "run.namd", "mol.psf")) {
            assertTrue(Files.isRegularFile(tmp.resolve("output").resolve(f)), "downloaded result " + f);
        }
        assertTrue(Files.isRegularFile(tmp.resolve("logs").resolve("slurm-" + done.slurmJobId() + ".out")), "Slurm log fetched");
        String namdLog = Files.readString(tmp.resolve("logs").resolve(JobScriptSpec.NAMD_LOG));
        assertTrue(namdLog.contains("NAMD 3.0"), "namd3 from the namd/3.0 module ran");
        NamdLog parsed = (NamdLog) ctx.attributes().get(Steps.ATTR_NAMD_LOG);
        assertNotNull(parsed);
        assertTrue(parsed.finishedNormally());
        assertTrue(parsed.energies().size() >= 8, "ENERGY rows: " + parsed.energies().size());
        assertEquals(10.0, parsed.last("TS").getAsDouble(), 0.0);
        assertEquals(310, parsed.last("TEMP").getAsDouble(), 30);
        assertFalse(session.files().exists(done.remoteScratchDir(), M), "scratch cleaned up");

        JobInfo info = remoteJobInfo(done);
        assertEquals(JobInfo.SCHEMA_VERSION, info.schemaVersion());
        assertEquals(JobState.COMPLETED, info.job().state());
        assertEquals(history, info.history().stream().map(JobStatusChange::to).toList());

        // Database reset: the job is rebuilt from job_info.json on the cluster.
        store.management().reset(false, M);
        assertTrue(store.jobs().find(done.id()).isEmpty());
        JobDiscovery.Result r = JobDiscovery.rebuild(session, store, M);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        Job rebuilt = store.jobs().find(done.id()).orElseThrow(() -> new AssertionError("not rebuilt: " + r.imported()));
        assertEquals(done.slurmJobId(), rebuilt.slurmJobId());
        assertEquals(JobState.COMPLETED, rebuilt.state());
        assertEquals("e2e run #1 $(x)", rebuilt.name());
        assertEquals(history, states(done.id()), "history rebuilt too");
        assertEquals(0, JobDiscovery.rebuild(session, store, M).imported().stream().filter(j -> j.id().equals(done.id())).count(),
                "a second discovery imports nothing twice");
    }

    @Test
    @Order(2)
    void overLimitRequestIsRefusedBeforeAnythingHappens() {
        long before = session.roundTrips();
        StepContext ctx = context(request("too big", 1, 0, ResourceRequest.of("compute", 64, null, 10), null));
        StepException e = assertThrows(StepException.class, () -> lifecycle.run(ctx, JobLifecycle.SUBMIT_CHAIN, M));
        assertEquals(ClusterException.Kind.LIMIT_EXCEEDED, e.getKind());
        assertTrue(e.getMessage().contains("64 cores requested, but partition 'compute' allows at most 2 cores per job (max cores)"),
                e.getMessage());
        assertEquals(before, session.roundTrips(), "nothing was sent to the cluster");
        assertTrue(store.jobs().list(org.namdrunner.store.JobQuery.all().withText("too big")).isEmpty(), "no local record");

        StepContext ctx2 = context(request("too long", 1, 0, ResourceRequest.of("debug", 1, null, 30), null));
        e = assertThrows(StepException.class, () -> lifecycle.run(ctx2, JobLifecycle.SUBMIT_CHAIN, M));
        assertTrue(e.getMessage().contains("Wall time of 30 min requested, but partition 'debug' allows at most 2 min (max wall time)"),
                e.getMessage());
    }

    /**
     * The test cluster enforces associations, limits and QoS (AccountingStorageEnforce) and has a QoS 'short' with a
     * 5-minute MaxWall that denies over-limit jobs: real sbatch rejections, mapped to what the user should change.
     */
    @Test
    @Order(3)
    void sbatchRejectionsOfQosAccountAndQosTimeLimitAreReadable() throws Exception {
        String shortQos = org.namdrunner.testing.TestCluster.properties().getProperty("shortQos");
        assertTrue(shortQos != null, "the test cluster defines a short QoS (scripts/test-cluster start)");
        record Case(String what, ProfileConfig profile, ResourceRequest res, ClusterException.Kind kind, String ours, String slurms) {
        }
        List<Case> cases = List.of(
                new Case("unknown QoS", profile, new ResourceRequest("compute", "nosuchqos", 1, null, null, 5, null),
                        ClusterException.Kind.INVALID_QOS, "The QoS 'nosuchqos' is unknown or not allowed", "nvalid qos"),
                new Case("unknown account", profile.toBuilder().account("nosuchaccount").build(),
                        ResourceRequest.of("compute", 1, null, 5), ClusterException.Kind.INVALID_ACCOUNT,
                        "The account 'nosuchaccount' is unknown", "nvalid account"),
                new Case("over the QoS wall time", profile, new ResourceRequest("compute", shortQos, 1, null, null, 30, null),
                        ClusterException.Kind.TIME_LIMIT, "The wall time 30 min exceeds the limit of the QoS '" + shortQos + "'",
                        "violates accounting/QOS policy"));
        for (Case c : cases) {
            try (ClusterSession s = TestClusterHarness.connect(c.profile())) {
                StepContext ctx = context(request(c.what(), 1, 0, c.res(), null), s);
                StepException e = assertThrows(StepException.class, () -> lifecycle.run(ctx, JobLifecycle.SUBMIT_CHAIN, M), c.what());
                assertEquals(c.kind(), e.getKind(), c.what() + ": " + e.getMessage());
                assertTrue(e.getMessage().contains(c.ours()), c.what() + ": " + e.getMessage());
                assertTrue(e.getMessage().toLowerCase().contains(c.slurms().toLowerCase()), c.what() + ", sbatch's own words kept: "
                        + e.getMessage());
                Job failed = store.jobs().find(ctx.job().id()).orElseThrow();
                assertEquals(JobState.FAILED, failed.state(), c.what());
                assertEquals(null, failed.slurmJobId(), c.what() + ": nothing was queued");
            }
        }
        // within the QoS limit the same QoS is accepted
        StepContext ok = context(request("short qos ok", 1, 0, new ResourceRequest("compute", shortQos, 1, null, null, 5, null), null));
        lifecycle.run(ok, JobLifecycle.SUBMIT_CHAIN, M);
        assertTrue(store.jobs().find(ok.job().id()).orElseThrow().slurmJobId() != null, "submitted with QoS " + shortQos);
    }

    @Test
    @Order(3)
    void sbatchRejectionOfAnUnknownPartitionIsReadable() throws Exception {
        ProfileConfig withBogus = profile.toBuilder().partition(PartitionSpec.named("nosuchpartition")).build();
        try (ClusterSession s = TestClusterHarness.connect(withBogus)) {
            StepContext ctx = context(request("bad partition", 1, 0, ResourceRequest.of("nosuchpartition", 1, null, 5), null), s);
            StepException e = assertThrows(StepException.class, () -> lifecycle.run(ctx, JobLifecycle.SUBMIT_CHAIN, M));
            assertEquals(ClusterException.Kind.INVALID_PARTITION, e.getKind(), e.getMessage());
            assertTrue(e.getMessage().contains("The cluster has no partition 'nosuchpartition'"), e.getMessage());
            assertTrue(e.getMessage().contains("Invalid partition name specified"), "sbatch's own words kept: " + e.getMessage());
            Job failed = store.jobs().find(ctx.job().id()).orElseThrow();
            assertEquals(JobState.FAILED, failed.state());
            assertTrue(failed.reason().contains("no partition"), failed.reason());
            assertEquals(JobState.FAILED, remoteJobInfo(failed).job().state());
        }
    }

    @Test
    @Order(4)
    void cancelRunningJob(@TempDir Path tmp) throws Exception {
        StepContext ctx = context(request("to cancel", 300, 1.0, ResourceRequest.of("compute", 1, null, 10), tmp));
        lifecycle.run(ctx, JobLifecycle.SUBMIT_CHAIN, M);
        String id = ctx.job().slurmJobId();
        long deadline = System.currentTimeMillis() + 60_000;
        while (session.status(List.of(id), true, M).statuses().get(id).state() != JobState.RUNNING) {
            assertTrue(System.currentTimeMillis() < deadline, "job did not start");
            Thread.sleep(500);
        }
        Job cancelled = lifecycle.cancel(ctx, M);
        assertEquals(JobState.CANCELLED, cancelled.state());
        JobState slurm = null;
        deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            var s = session.status(List.of(id), true, M).statuses().get(id);
            slurm = s == null ? null : s.state();
            if (slurm != null && slurm.isTerminal()) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals(JobState.CANCELLED, slurm, "Slurm reports the job cancelled");
        assertEquals(JobState.CANCELLED, remoteJobInfo(cancelled).job().state());
        lifecycle.run(ctx, List.of(Steps.FINALIZE), M);
        assertTrue(Files.exists(tmp.resolve("logs").resolve("slurm-" + id + ".out")));

        // delete: remote directories (confined to the roots) and the local record go
        Job j = ctx.job();
        lifecycle.delete(ctx, M);
        assertFalse(session.files().exists(j.remoteProjectDir(), M));
        assertTrue(store.jobs().find(j.id()).isEmpty());
        ClusterException outside = assertThrows(ClusterException.class, () -> session.files().deleteTree("/projects/nrtest", M));
        assertEquals(ClusterException.Kind.PATH_NOT_ALLOWED, outside.getKind());
    }

    @Test
    @Order(5)
    void interruptedSubmitIsReconciledAndNeverSubmittedTwice() throws Exception {
        ClusterSession interrupting = new DelegatingSession(session) {
            @Override
            public String submit(JobScriptSpec spec, IProgressMonitor m) throws ClusterException {
                d.submit(spec, m); // sbatch succeeds ...
                throw new ClusterException(ClusterException.Kind.CONNECTION, "connection lost after sbatch (simulated)");
            }
        };
        StepContext ctx = context(request("interrupted", 1, 0, ResourceRequest.of("compute", 1, null, 5), null), interrupting);
        StepException e = assertThrows(StepException.class, () -> lifecycle.run(ctx, JobLifecycle.SUBMIT_CHAIN, M));
        assertEquals(ClusterException.Kind.CONNECTION, e.getKind());
        Job stuck = store.jobs().find(ctx.job().id()).orElseThrow();
        assertEquals(JobState.SUBMITTING, stuck.state(), "intent recorded, id unknown");
        assertNotNull(stuck.submitIntentToken());
        assertEquals(null, stuck.slurmJobId());

        // "Restart": a fresh context for the stored job retries the submit.
        StepContext retry = new StepContext(session, recorder, ctx.request(), null, stuck);
        lifecycle.run(retry, List.of(Steps.SUBMIT), M);
        Job reconciled = retry.job();
        assertNotNull(reconciled.slurmJobId());
        assertEquals(JobState.PENDING, reconciled.state());
        assertTrue(store.jobs().history(stuck.id()).stream().anyMatch(h -> "reconcile".equals(h.source())));
        var sh = ((SlurmSession) session).shell();
        var r = sh.run("squeue -h -u \"$(id -un)\" -t all -o '%i|%k'; sacct -X -n -P -S now-1hours -o JobID,Comment", null, M);
        List<String> carrying = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (line.endsWith("namdrunner:" + stuck.submitIntentToken())) {
                carrying.add(line.substring(0, line.indexOf('|')));
            }
        }
        assertEquals(List.of(reconciled.slurmJobId()), carrying.stream().distinct().toList(), "exactly one Slurm job carries the token");
    }

    @Test
    @Order(6)
    void discoveryFindsPartitionsLimitsModulesAndNamdFlavours() throws Exception {
        long before = session.roundTrips();
        var d = session.discover(M);
        assertEquals(1, session.roundTrips() - before, "one round trip");
        assertEquals(List.of("compute", "debug", "cpu"), d.partitions().stream().map(PartitionSpec::name).toList());
        assertTrue(d.partitions().get(0).isDefault());
        assertEquals(2, d.partitions().get(1).maxWallMinutes(), "debug MaxTime 00:02:00");
        assertTrue(d.modules().containsAll(List.of("namd/2.14", "namd/3.0")), d.modules().toString());
        // module spider also finds the hierarchy's MPI build behind gcc/12 and openmpi/4 (scripts/test-cluster)
        assertEquals(Map.of("namd/2.14", "namd2", "namd/3.0", "namd3", TestClusterHarness.props().getProperty("hierarchyModule"), "namd3"),
                d.namd().stream().collect(Collectors.toMap(m -> m.module(), m -> m.executable())));
        assertEquals("3.0", d.namd().stream().filter(m -> m.module().equals("namd/3.0")).findFirst().orElseThrow().version());
    }

    @Test
    @Order(7)
    void statusSyncOfManyJobsIsOneRoundTrip() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            StepContext ctx = context(request("sync " + i, 2, 0.2, ResourceRequest.of("compute", 1, null, 5), null));
            lifecycle.run(ctx, JobLifecycle.SUBMIT_CHAIN, M);
            ids.add(ctx.job().id());
        }
        long deadline = System.currentTimeMillis() + 120_000;
        while (ids.stream().anyMatch(id -> !store.jobs().find(id).orElseThrow().state().isTerminal())) {
            assertTrue(System.currentTimeMillis() < deadline, "jobs did not finish");
            long before = session.roundTrips();
            var r = org.namdrunner.automation.StatusSync.sync(session, recorder, true, M);
            long trips = session.roundTrips() - before;
            assertTrue(r.tracked() >= 1);
            assertEquals(r.changed() == 0 ? 1 : 2, trips, "one query (+ one batched job_info write when something changed)");
            Thread.sleep(1000);
        }
        for (String id : ids) {
            Job j = store.jobs().find(id).orElseThrow();
            assertEquals(JobState.COMPLETED, j.state(), j.reason());
            assertEquals(JobState.COMPLETED, remoteJobInfo(j).job().state());
        }
    }

    @Test
    @Order(99)
    void timeoutOnTheDebugPartition() throws Exception {
        lifecycle.run(timeoutCtx, List.of(Steps.TRACK, Steps.FINALIZE), M);
        Job job = timeoutCtx.job();
        assertEquals(JobState.TIMEOUT, job.state(), "reason " + job.reason());
        assertEquals(JobState.TIMEOUT, remoteJobInfo(job).job().state());
        List<String> out = session.files().list(RemotePaths.join(job.remoteProjectDir(), JobScriptSpec.OUTPUT_DIR), M);
        assertTrue(out.contains("out.restart.coor"), "restart files copied back from scratch after the time limit: " + out);
        String err = Files.readString(work.resolve("timeout").resolve("logs").resolve("slurm-" + job.slurmJobId() + ".err"));
        assertTrue(err.contains("DUE TO TIME LIMIT") || err.contains("stopped by a signal"), err);
    }
}

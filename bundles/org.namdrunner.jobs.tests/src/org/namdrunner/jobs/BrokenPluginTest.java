package org.namdrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.JobFiles;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.LocalShell;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.ShellJobFiles;
import org.namdrunner.cluster.StatusReport;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.op.CreateJobOperation;
import org.namdrunner.jobs.op.SyncOperation;
import org.namdrunner.store.Store;

/**
 * A contributed profile type whose code throws or returns nothing is reported with the plugin's name, and the job is
 * left in a clear state (FAILED with the reason), never a stack trace or a job stuck in Submitting.
 */
class BrokenPluginTest {

    static final IProgressMonitor M = new NullProgressMonitor();

    /** A scheduler plugin with bugs: status throws, submit returns no id. */
    static class BrokenSession implements ClusterSession {
        private final ProfileConfig profile;
        private final JobFiles files;

        BrokenSession(ProfileConfig profile, Path root) {
            this.profile = profile;
            this.files = new ShellJobFiles(new LocalShell(), List.of(root.toString()));
        }

        @Override public ProfileConfig profile() { return profile; }
        @Override public String user() { return "me"; }
        @Override public String projectRoot() { return profile.projectRoot(); }
        @Override public String scratchRoot() { return ""; }
        @Override public JobFiles files() { return files; }
        @Override public String generateScript(JobScriptSpec spec) { return "#!/bin/sh\n"; }
        @Override public String submit(JobScriptSpec spec, IProgressMonitor monitor) { return null; }
        @Override public Optional<String> findBySubmitToken(String token, IProgressMonitor monitor) { return Optional.empty(); }
        @Override public StatusReport status(Collection<String> ids, boolean force, IProgressMonitor monitor) {
            throw new NullPointerException("bug in the plugin");
        }
        @Override public void cancel(Collection<String> ids, IProgressMonitor monitor) { }
        @Override public DiscoveryResult discover(IProgressMonitor monitor) { return null; }
        @Override public List<RemoteDocument> findJobInfos(IProgressMonitor monitor) { return List.of(); }
        @Override public long roundTrips() { return 0; }
        @Override public void close() { }
    }

    /** A scheduler plugin that hangs: its status query never answers, its submit runs until its monitor is cancelled. */
    static final class HangingSession extends BrokenSession {
        final java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch submitSawCancel = new java.util.concurrent.CountDownLatch(1);

        HangingSession(ProfileConfig profile, Path root) {
            super(profile, root);
        }

        @Override
        public StatusReport status(Collection<String> ids, boolean force, IProgressMonitor monitor) {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        @Override
        public String submit(JobScriptSpec spec, IProgressMonitor monitor) {
            while (!monitor.isCanceled()) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // ignores interrupts, not its monitor
            }
            submitSawCancel.countDown();
            return "999";
        }
    }

    static JobService service(Store store, Path root) throws ClusterException {
        return service(store, root, p -> new BrokenSession(p, root), java.time.Duration.ofMinutes(10));
    }

    private static JobService service(Store store, Path root, java.util.function.Function<ProfileConfig, ClusterSession> sessions,
            java.time.Duration timeout) throws ClusterException {
        ClusterProfileRegistry registry = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository());
        registry.registerType("test.broken", "Broken scheduler", (p, context, monitor) -> sessions.apply(p));
        registry.add(ProfileConfig.builder("broken-1", "test.broken").name("Broken").host("h").projectRoot(root.toString())
                .partition(new PartitionSpec("p", true, 1, 4, 4, 1, null, null, 60, 60, List.of())).build());
        Connector connector = new Connector() {
            @Override
            public RemoteShell openShell(ProfileConfig profile, IProgressMonitor monitor) {
                return new LocalShell();
            }

            @Override
            public boolean needsConnection(ProfileConfig profile) {
                return false;
            }

            @Override
            public boolean isConnected(ProfileConfig profile) {
                return true;
            }
        };
        return new JobService(store, new ClusterSessions(() -> registry, connector).pluginCallTimeout(timeout),
                AutomationStepRegistry.fromExtensions(), null, null);
    }

    /** Issue 15 item 4: a plugin that hangs is given up after the call time-out, named, and leaves its jobs clear. */
    @Test
    @org.junit.jupiter.api.Timeout(120) // a safety net: without the time-out this test would hang, not fail
    void aHangingPluginIsGivenUpNamedAndLeavesItsJobsClear(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("jobs");
        List<HangingSession> made = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Store store = Store.open(tmp.resolve("db")); JobService service = service(store, root, p -> {
            HangingSession h = new HangingSession(p, root);
            made.add(h);
            return h;
        }, java.time.Duration.ofSeconds(1))) {
            store.jobs().insert(Job.builder().id("00000000-0000-0000-0000-000000000002").name("running").profileId("broken-1")
                    .state(JobState.RUNNING).slurmJobId("42").cores(1).nodes(1).remoteProjectDir(root.resolve("x").toString()).build());
            SyncOperation sync = new SyncOperation(service, null, true, false);
            sync.run(M);
            assertEquals(1, sync.summary().problems().size(), sync.summary().toString());
            String p = sync.summary().problems().get(0);
            assertTrue(p.contains("The cluster plugin 'Broken scheduler' (test.broken) did not query job states within 1 s"), p);
            assertEquals(JobState.RUNNING, store.jobs().find("00000000-0000-0000-0000-000000000002").orElseThrow().state());

            // a submit that never returns: not known to have failed, so the intent stays for a check by token (the
            // running job goes, or the engine's round would stop at its status query, as above)
            assertTrue(store.jobs().delete("00000000-0000-0000-0000-000000000002"));
            JobRequest r = new JobRequest("h1", null, "structure a.psf\nrun 10\n", Map.of(), "run.namd", List.of(),
                    ResourceRequest.of("p", 1, null, 10), null, Map.of(), null);
            CreateJobOperation op = new CreateJobOperation(service, "broken-1", r, null, 0, true, null);
            CoreException e = assertThrows(CoreException.class, () -> op.run(M));
            assertTrue(e.getStatus().getMessage().contains("did not submit the job within 1 s"), e.getStatus().getMessage());
            Job job = store.jobs().find(op.jobId()).orElseThrow();
            assertEquals(JobState.SUBMITTING, job.state());
            assertTrue(job.submitIntentToken() != null);
            assertTrue(made.get(0).submitSawCancel.await(30, java.util.concurrent.TimeUnit.SECONDS),
                    "the plugin's monitor was cancelled when NAMDRunner stopped waiting");
        }
    }

    @Test
    void aSubmitWithoutAnIdFailsTheJobNamingThePlugin(@TempDir Path tmp) throws Exception {
        try (Store store = Store.open(tmp.resolve("db")); JobService service = service(store, tmp.resolve("jobs"))) {
            JobRequest r = new JobRequest("b1", null, "structure a.psf\nrun 10\n", Map.of(), "run.namd", List.of(),
                    ResourceRequest.of("p", 1, null, 10), null, Map.of(), null);
            CreateJobOperation op = new CreateJobOperation(service, "broken-1", r, null, 0, true, null);
            CoreException e = assertThrows(CoreException.class, () -> op.run(M));
            assertTrue(e.getStatus().getMessage().contains("The cluster plugin 'Broken scheduler' (test.broken) submitted the job but "
                    + "returned no scheduler id"), e.getStatus().getMessage());
            Job job = store.jobs().find(op.jobId()).orElseThrow();
            assertEquals(JobState.FAILED, job.state());
            assertTrue(job.reason().contains("Broken scheduler"), job.reason());
        }
    }

    @Test
    void aThrowingStatusQueryIsAProblemOfThatPluginNotACrash(@TempDir Path tmp) throws Exception {
        try (Store store = Store.open(tmp.resolve("db")); JobService service = service(store, tmp.resolve("jobs"))) {
            store.jobs().insert(Job.builder().id("00000000-0000-0000-0000-000000000001").name("running").profileId("broken-1")
                    .state(JobState.RUNNING).slurmJobId("42").cores(1).nodes(1).remoteProjectDir(tmp.resolve("jobs/x").toString()).build());
            SyncOperation sync = new SyncOperation(service, null, true, false);
            sync.run(M);
            assertEquals(1, sync.summary().problems().size(), sync.summary().toString());
            String p = sync.summary().problems().get(0);
            assertTrue(p.contains("The cluster plugin 'Broken scheduler' (test.broken) failed to query job states")
                    && p.contains("bug in the plugin"), p);
            assertEquals(JobState.RUNNING, store.jobs().find("00000000-0000-0000-0000-000000000001").orElseThrow().state());
        }
    }

    /** F5 while a cluster is not connected: the summary names the profile whose jobs were not synchronized. */
    @Test
    void aSyncNamesTheDisconnectedProfilesItSkipped(@TempDir Path tmp) throws Exception {
        ClusterProfileRegistry registry = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository());
        registry.registerType("test.remote", "Remote scheduler", (p, context, monitor) -> new BrokenSession(p, tmp));
        registry.add(ProfileConfig.builder("remote-1", "test.remote").name("Far cluster").host("h").projectRoot(tmp.toString()).build());
        registry.add(ProfileConfig.builder("remote-2", "test.remote").name("Idle cluster").host("h2").projectRoot(tmp.toString()).build());
        Connector offline = new Connector() {
            @Override
            public RemoteShell openShell(ProfileConfig profile, IProgressMonitor monitor) {
                throw new AssertionError("a sync without connecting never opens a connection");
            }

            @Override
            public boolean needsConnection(ProfileConfig profile) {
                return true;
            }

            @Override
            public boolean isConnected(ProfileConfig profile) {
                return false;
            }
        };
        try (Store store = Store.open(tmp.resolve("db"));
                JobService service = new JobService(store, new ClusterSessions(() -> registry, offline),
                        AutomationStepRegistry.fromExtensions(), null, null)) {
            store.jobs().insert(Job.builder().id("00000000-0000-0000-0000-000000000002").name("running").profileId("remote-1")
                    .state(JobState.RUNNING).slurmJobId("7").cores(1).nodes(1).build());
            store.jobs().insert(Job.builder().id("00000000-0000-0000-0000-000000000003").name("done").profileId("remote-2")
                    .state(JobState.COMPLETED).slurmJobId("8").cores(1).nodes(1).build());
            SyncOperation sync = new SyncOperation(service, null, true, false);
            sync.run(M);
            assertEquals(List.of("Far cluster"), sync.summary().notReached(), "only the profile with an active job is named");
            assertEquals(0, sync.summary().profiles());
            assertEquals(JobState.RUNNING, store.jobs().find("00000000-0000-0000-0000-000000000002").orElseThrow().state());
        }
    }
}

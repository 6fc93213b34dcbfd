package org.namdrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.op.CancelOperation;
import org.namdrunner.jobs.op.CreateJobOperation;
import org.namdrunner.jobs.op.CreateSweepOperation;
import org.namdrunner.jobs.op.JobOperation;
import org.namdrunner.jobs.op.SyncOperation;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.CommandLogEntry;
import org.namdrunner.remote.UserInteraction;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.Store;
import org.namdrunner.testing.TestCluster;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.SubmissionQueue;
import org.namdrunner.workflow.Sweep;
import org.namdrunner.workflow.Workflows;

/**
 * The jobs layer on the project's test cluster (Slurm over SSH): the engine advances sweeps under a cap and automatic
 * continuations with only the automatic sync running, and a burst of sync requests from several threads costs one
 * status query.
 */
@Tag("cluster")
class JobsEngineClusterTest {

    static final IProgressMonitor M = new NullProgressMonitor();
    static Path inputs;

    @BeforeAll
    static void inputs(@TempDir Path tmp) throws Exception {
        inputs = tmp;
        Files.writeString(tmp.resolve("mol.psf"), "PSF\n");
        Files.writeString(tmp.resolve("mol.pdb"), "ATOM\nEND\n");
    }

    /** A stand-in NAMD config template: values sleep, out, steps. */
    static String template(String extra) {
        return String.join("\n", "#standin: sleepPerStep <<sleep>>", "structure mol.psf", "coordinates mol.pdb",
                "outputName <<out>>", "temperature 300", "cellBasisVector1 40 0 0", "cellBasisVector2 0 40 0", "cellBasisVector3 0 0 40",
                "restartfreq 5", "outputEnergies 1", extra, "run <<steps>>", "");
    }

    /** A service over a fresh store with the profile, connecting without prompts and logging every command. */
    static JobService service(Store store, ProfileConfig profile, CommandLog log) throws ClusterException {
        ClusterProfileRegistry registry = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository());
        registry.add(profile);
        SshConnectionContext ssh = new SshConnectionContext(UserInteraction.NONE, null, log);
        Connector connector = new Connector() {
            @Override
            public RemoteShell openShell(ProfileConfig p, IProgressMonitor m) throws ClusterException {
                return ssh.openShell(p, m);
            }

            @Override
            public boolean needsConnection(ProfileConfig p) {
                return false;
            }

            @Override
            public boolean isConnected(ProfileConfig p) {
                return true;
            }
        };
        return new JobService(store, new ClusterSessions(() -> registry, connector), AutomationStepRegistry.fromExtensions(), null, null);
    }

    @Test
    void sweepUnderACapAndAnAutomaticContinuationCompleteWithOnlyTheAutomaticSync() throws Exception {
        ProfileConfig profile = TestCluster.slurmProfile("jobs-cap-").toBuilder().property(SubmissionQueue.CAP_PROPERTY, "2")
                .statusMinIntervalSeconds(1).build();
        try (Store store = TestCluster.newStore("jobs-cap"); JobService service = service(store, profile, new CommandLog())) {
            JobSpec base = JobSpec.named("cap").template(null, template("langevinTemp <<temp>>")).value("sleep", "0.05")
                    .value("out", "out").value("steps", "10").inputs(List.of(inputs.resolve("mol.psf"), inputs.resolve("mol.pdb")))
                    .resources(ResourceRequest.of("compute", 1, null, null));
            JobOperation.Outcome created = new CreateSweepOperation(service, profile.id(), base,
                    Map.of("temp", List.of("300", "310", "320", "330", "340", "350")), Sweep.Mode.LIST).run(M);
            List<Job> sweep = created.created();
            assertEquals(6, sweep.size());
            // the continuation: 1 s per step, 1 minute wall time on debug, 100 steps in total
            Job first = service.workflows().create(service.sessions().session(profile.id(), M),
                    JobSpec.named("auto").template(null, template("")).value("sleep", "1.0").value("out", "prod").value("steps", "100")
                            .inputs(List.of(inputs.resolve("mol.psf"), inputs.resolve("mol.pdb")))
                            .resources(ResourceRequest.of("debug", 1, null, 1)).autoContinue(100, 4), M);

            List<Workflows.Queued> queue = service.workflows().queue(profile);
            assertTrue(queue.size() >= 4, "the cap holds jobs back: " + queue);
            assertTrue(queue.get(0).reason().startsWith("waiting: cap 2 of 2 in the queue on "), queue.get(0).reason());
            assertEquals(1, queue.get(0).position());

            // only the automatic sync from here on: reachable profiles, not explicit
            int maxInQueue = 0;
            long deadline = System.currentTimeMillis() + 480_000;
            while (!(sweep.stream().allMatch(j -> settled(service, j.id())) && settled(service, service.workflows().latest(first.id()).id()))) {
                assertTrue(System.currentTimeMillis() < deadline, "not settled in time: " + store.jobs().list(JobQuery.all()));
                SyncOperation sync = new SyncOperation(service, null, false, false);
                sync.run(M);
                assertTrue(sync.summary().problems().isEmpty(), sync.summary().problems().toString());
                maxInQueue = Math.max(maxInQueue, (int) store.jobs().list(JobQuery.all().withProfileId(profile.id())).stream()
                        .filter(j -> j.slurmJobId() != null && j.state().isActive()).count());
                Thread.sleep(1000);
            }
            assertTrue(maxInQueue <= 2, "never more than the cap of 2 in the cluster queue: " + maxInQueue);
            for (Job j : sweep) {
                assertEquals(JobState.COMPLETED, store.jobs().find(j.id()).orElseThrow().state(), j.name());
            }
            assertEquals(JobState.TIMEOUT, store.jobs().find(first.id()).orElseThrow().state());
            Job last = service.workflows().latest(first.id());
            assertTrue(!last.id().equals(first.id()), "continued");
            assertEquals(JobState.COMPLETED, last.state(), last.name() + ": " + last.reason());
        }
    }

    static boolean settled(JobService service, String id) {
        try {
            return service.workflows().settled(id);
        } catch (org.namdrunner.workflow.WorkflowException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBurstOfSyncRequestsFromSeveralThreadsCostsOneStatusQuery() throws Exception {
        ProfileConfig profile = TestCluster.slurmProfile("jobs-burst-").toBuilder().statusMinIntervalSeconds(60).build();
        CommandLog log = new CommandLog();
        try (Store store = TestCluster.newStore("jobs-burst"); JobService service = service(store, profile, log)) {
            // 20 jobs as the wizard creates them (long enough to stay in the queue during the burst)
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                JobRequest r = new JobRequest("burst-" + i, null, template(""), Map.of("sleep", "1.0", "out", "b" + i, "steps", "600"),
                        "run.namd", List.of(inputs.resolve("mol.psf"), inputs.resolve("mol.pdb")),
                        ResourceRequest.of("compute", 1, null, null), null, Map.of(), null);
                jobs.add(new CreateJobOperation(service, profile.id(), r, null, 0, true, null).run(M).first());
            }
            assertTrue(jobs.stream().allMatch(j -> j.slurmJobId() != null), "all submitted");
            try {
                long before = log.entries().stream().mapToLong(CommandLogEntry::sequence).max().orElse(0);
                AtomicInteger done = new AtomicInteger();
                long start = System.nanoTime();
                // the user presses F5 once; then screens and timers ask 1,000 times from four threads
                new SyncOperation(service, List.of(profile.id()), true, false).run(M);
                List<Thread> threads = new ArrayList<>();
                List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    Thread th = new Thread(() -> {
                        for (int i = 0; i < 250; i++) {
                            try {
                                new SyncOperation(service, thread == 0 ? List.of(profile.id()) : null, i % 10 == 0, false).run(M);
                                done.incrementAndGet();
                            } catch (Exception | AssertionError e) {
                                failures.add(e);
                                return;
                            }
                        }
                    });
                    threads.add(th);
                    th.start();
                }
                for (Thread th : threads) {
                    th.join();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                assertEquals(List.of(), failures);
                assertEquals(1000, done.get());
                List<CommandLogEntry> burst = log.entries().stream().filter(e -> e.sequence() > before
                        && e.kind() == CommandLogEntry.Kind.COMMAND).toList();
                long squeues = burst.stream().filter(e -> e.command().contains("squeue")).count();
                assertTrue(squeues <= 1, "one status query for 1,001 sync requests of 20 jobs: " + squeues + " in " + burst);
                assertTrue(burst.size() <= 5 * Math.max(1, Math.ceil(seconds)),
                        burst.size() + " commands in " + seconds + " s (at most 5 per second): " + burst);
            } finally {
                new CancelOperation(service, jobs).run(M);
            }
        }
    }

    @Test
    void rebuildBringsBackChainsGroupsDependenciesAndPriorities() throws Exception {
        ProfileConfig profile = TestCluster.slurmProfile("jobs-rebuild-").toBuilder().statusMinIntervalSeconds(1).build();
        Job parent;
        Job child;
        List<Job> sweep;
        List<String> dependencies;
        try (Store store = TestCluster.newStore("jobs-rebuild-a"); JobService service = service(store, profile, new CommandLog())) {
            JobRequest r = new JobRequest("rb-parent", null, template(""), Map.of("sleep", "0.05", "out", "eq", "steps", "10"), "run.namd",
                    List.of(inputs.resolve("mol.psf"), inputs.resolve("mol.pdb")), ResourceRequest.of("compute", 1, null, null), null,
                    Map.of(), null);
            parent = new CreateJobOperation(service, profile.id(), r, null, 7, true, null).run(M).first();
            child = new org.namdrunner.jobs.op.ContinueOperation(service, parent, org.namdrunner.workflow.RestartWiring.Mode.CONTINUE)
                    .run(M).first();
            JobSpec base = JobSpec.named("rb-sweep").template(null, template("langevinTemp <<temp>>")).value("sleep", "0.05")
                    .value("out", "out").value("steps", "10").inputs(List.of(inputs.resolve("mol.psf"), inputs.resolve("mol.pdb")))
                    .resources(ResourceRequest.of("compute", 1, null, null)).priority(3);
            sweep = new CreateSweepOperation(service, profile.id(), base, Map.of("temp", List.of("300", "310")), Sweep.Mode.LIST)
                    .run(M).created();
            long deadline = System.currentTimeMillis() + 300_000;
            while (!(settled(service, child.id()) && sweep.stream().allMatch(j -> settled(service, j.id())))) {
                assertTrue(System.currentTimeMillis() < deadline, "not settled in time");
                new SyncOperation(service, null, false, false).run(M);
                Thread.sleep(1000);
            }
            dependencies = service.workflows().dependencies(child.id());
            assertEquals(List.of(parent.id()), dependencies);
        }
        // a new database (reinstall, second computer): rebuild from the cluster
        try (Store store = TestCluster.newStore("jobs-rebuild-b"); JobService service = service(store, profile, new CommandLog())) {
            org.namdrunner.jobs.op.RebuildOperation op = new org.namdrunner.jobs.op.RebuildOperation(service, profile.id());
            String summary = op.run(M).status().getMessage();
            assertTrue(summary.startsWith("Found "), summary);
            assertTrue(store.jobs().find(child.id()).isPresent(), summary);
            assertEquals(List.of(parent.id(), child.id()), service.workflows().chain(child.id()).stream().map(Job::id).toList(),
                    "the chain is back");
            assertEquals(dependencies, service.workflows().dependencies(child.id()));
            assertEquals(parent.id(), store.jobs().find(child.id()).orElseThrow().parentJobId());
            assertEquals(7, store.jobs().find(parent.id()).orElseThrow().priority());
            for (Job j : sweep) {
                Job back = store.jobs().find(j.id()).orElseThrow();
                assertEquals(sweep.get(0).groupId(), back.groupId());
                assertEquals(3, back.priority());
                assertEquals(JobState.COMPLETED, back.state());
            }
            // twice: nothing of the first rebuild is imported again (jobs that other clients of the shared test cluster
            // created in between may rightly be new)
            java.util.Set<String> first = new java.util.HashSet<>(op.result().imported().stream().map(Job::id).toList());
            first.add(parent.id());
            first.add(child.id());
            sweep.forEach(j -> first.add(j.id()));
            op = new org.namdrunner.jobs.op.RebuildOperation(service, profile.id());
            op.run(M);
            assertEquals(List.of(), op.result().imported().stream().filter(j -> first.contains(j.id())).toList());
        }
    }
}

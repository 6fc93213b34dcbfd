package org.namdrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobProgress;
import org.namdrunner.jobs.op.ContinueOperation;
import org.namdrunner.jobs.op.CreateJobOperation;
import org.namdrunner.jobs.op.SyncOperation;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.CommandLogEntry;
import org.namdrunner.store.Store;
import org.namdrunner.testing.TestCluster;
import org.namdrunner.workflow.RestartWiring;

/**
 * Progress facts on the test cluster (issue 17): while a job runs, the sync reads the end of its NAMD log (one more
 * command per status query that reached the cluster, for all running jobs) and stores step, steps of the config,
 * speed and ETA; the queue wait is start − submit; when the job is finished its whole log gives the last facts; a
 * continuation of the finished job asks for the wall time its steps need at the measured speed.
 */
@Tag("cluster")
class ProgressClusterTest {
    static final IProgressMonitor M = new NullProgressMonitor();

    @Test
    void syncReadsProgressOfRunningJobsAndAContinuationGetsAWallTimeFromIt(@TempDir Path inputs) throws Exception {
        Files.writeString(inputs.resolve("mol.psf"), "PSF\n");
        Files.writeString(inputs.resolve("mol.pdb"), "ATOM\nEND\n");
        ProfileConfig profile = TestCluster.slurmProfile("jobs-progress-").toBuilder().statusMinIntervalSeconds(1).build();
        CommandLog log = new CommandLog();
        try (Store store = TestCluster.newStore("jobs-progress");
                JobService service = JobsEngineClusterTest.service(store, profile, log)) {
            JobRequest r = new JobRequest("progress", null, JobsEngineClusterTest.template("timestep 2.0"),
                    Map.of("sleep", "0.5", "out", "eq", "steps", "60"), "run.namd",
                    List.of(inputs.resolve("mol.psf"), inputs.resolve("mol.pdb")), ResourceRequest.of("compute", 1, null, 60), null,
                    Map.of(), inputs.resolve("results"));
            Job job = new CreateJobOperation(service, profile.id(), r, null, 0, true, null).run(M).first();
            JobProgress seen = null;
            long deadline = System.currentTimeMillis() + 240_000;
            while (true) {
                assertTrue(System.currentTimeMillis() < deadline, "no progress read while the job ran: " + seen);
                long before = log.entries().stream().mapToLong(CommandLogEntry::sequence).max().orElse(0);
                new SyncOperation(service, List.of(profile.id()), true, false).run(M);
                List<CommandLogEntry> sync = log.entries().stream()
                        .filter(e -> e.sequence() > before && e.kind() == CommandLogEntry.Kind.COMMAND).toList();
                long squeues = sync.stream().filter(e -> e.command().contains("squeue")).count();
                long tails = sync.stream().filter(e -> e.command().contains("tail -c")).count();
                assertTrue(tails <= squeues, "at most one log read per status query: " + sync);
                Job now = store.jobs().find(job.id()).orElseThrow();
                JobProgress p = store.jobs().progress(job.id()).orElse(null);
                if (now.state() == JobState.RUNNING && p != null && p.secondsPerStep() != null && p.step() != null && p.step() > 0) {
                    seen = p;
                    assertEquals(1, tails, "the running job's log was read in this sync");
                    break;
                }
                if (now.state().isTerminal()) {
                    break;
                }
                Thread.sleep(1500);
            }
            assertNotNull(seen, "the job ended before its progress was read");
            assertEquals(0L, seen.firstStep());
            assertEquals(60L, seen.lastStep(), "run 60 in the rendered config");
            assertTrue(seen.stepsDone() > 0 && seen.stepsDone() <= 60, seen.toString());
            assertTrue(seen.fraction() > 0 && seen.fraction() <= 1, seen.toString());
            assertEquals(2.0, seen.timestepFs());
            assertEquals(86_400 / seen.secondsPerStep() * 2.0 * 1e-6, seen.nsPerDay(), 1e-9);
            assertTrue(seen.summary(seen.measuredAt()).matches("\\d+ % .*"), seen.summary(seen.measuredAt()));

            while (!store.jobs().find(job.id()).orElseThrow().state().isTerminal()
                    || !service.workflows().state().node(job.id()).map(n -> n.finished).orElse(false)) {
                assertTrue(System.currentTimeMillis() < deadline, "the job did not end and finish");
                Thread.sleep(1500);
                new SyncOperation(service, List.of(profile.id()), true, false).run(M);
            }
            Job ended = store.jobs().find(job.id()).orElseThrow();
            assertEquals(JobState.COMPLETED, ended.state());
            assertNotNull(ended.queueWait(), "submitted and started are known");
            JobProgress last = store.jobs().progress(job.id()).orElseThrow();
            // finished (log downloaded): the last facts come from the whole log, the speed measured while it ran
            assertEquals(60L, last.step(), "the whole log's last step");
            assertEquals(1.0, last.fraction(), 1e-12);
            assertEquals(seen.secondsPerStep() == null, last.secondsPerStep() == null);
            Integer proposed = ContinueOperation.proposedWallMinutes(ended, last, RestartWiring.Mode.CONTINUE, null);
            assertNotNull(proposed);
            Job child = new ContinueOperation(service, ended, RestartWiring.Mode.CONTINUE).run(M).first();
            assertEquals(proposed, store.jobs().find(child.id()).orElseThrow().wallTimeMinutes(),
                    "the continuation asks for the wall time of the parent's steps at its measured speed");
            new org.namdrunner.jobs.op.CancelOperation(service, List.of(store.jobs().find(child.id()).orElseThrow())).run(M);
        }
    }
}

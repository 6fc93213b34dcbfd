package org.namdrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.op.DuplicateOperation;
import org.namdrunner.jobs.op.SyncOperation;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.CommandLogEntry;
import org.namdrunner.store.Store;
import org.namdrunner.testing.TestCluster;
import org.namdrunner.workflow.JobSpec;

/**
 * Issue 14, duplicate ("clone and resubmit"): a finished job's recipe with one value changed becomes a new job whose
 * inputs are copied on the cluster (no upload), whose config carries the new value, and which runs to COMPLETED.
 */
@Tag("cluster")
class DuplicateClusterTest {
    static final IProgressMonitor M = new NullProgressMonitor();

    @Test
    void aDuplicateWithOneValueChangedReusesTheInputsOnTheClusterAndRuns(@TempDir Path tmp) throws Exception {
        String nonce = java.util.UUID.randomUUID().toString();
        Path psf = Files.writeString(tmp.resolve("mol.psf"), "PSF\n! " + nonce + "\n");
        Path pdb = Files.writeString(tmp.resolve("mol.pdb"), "REMARK " + nonce + "\nATOM\nEND\n");
        ProfileConfig profile = TestCluster.slurmProfile("duplicate-");
        CommandLog log = new CommandLog();
        try (Store store = TestCluster.newStore("duplicate"); JobService service = JobsEngineClusterTest.service(store, profile, log)) {
            ClusterSession s = service.sessions().session(profile.id(), M);
            Job original = service.workflows().create(s, JobSpec.named("dup-source")
                    .template(null, JobsEngineClusterTest.template("langevinTemp <<temp>>")).value("sleep", "0.01")
                    .value("out", "out").value("steps", "10").value("temp", "300").inputs(List.of(psf, pdb))
                    .resources(ResourceRequest.of("compute", 1, 256L, 5)).priority(4), M);
            waitSettled(service, original.id());
            assertEquals(JobState.COMPLETED, store.jobs().find(original.id()).orElseThrow().state());

            int uploadsBefore = uploads(log);
            DuplicateOperation op = new DuplicateOperation(service, store.jobs().find(original.id()).orElseThrow(),
                    new DuplicateOperation.Changes(null, Map.of("temp", "310"), null, tmp.resolve("results"), true));
            op.run(M);
            assertEquals(uploadsBefore, uploads(log), "nothing is uploaded again: the inputs are copied on the cluster");
            Job copy = store.jobs().find(op.jobId()).orElseThrow();
            assertEquals("dup-source-copy", copy.name());
            assertEquals(null, copy.parentJobId(), "a duplicate stands alone");
            assertEquals(4, copy.priority());
            assertEquals(256L, copy.memoryMb());
            assertEquals("310", copy.templateValues().get("temp"));

            String in = RemotePaths.join(copy.remoteProjectDir(), JobScriptSpec.INPUT_DIR);
            assertEquals(Set.of("mol.psf", "mol.pdb", "run.namd"), Set.copyOf(s.files().list(in, M)));
            assertEquals("REMARK " + nonce + "\nATOM\nEND\n",
                    new String(s.files().read(RemotePaths.join(in, "mol.pdb"), M), StandardCharsets.UTF_8));
            String config = new String(s.files().read(RemotePaths.join(in, "run.namd"), M), StandardCharsets.UTF_8);
            assertTrue(config.contains("langevinTemp 310"), config);

            waitSettled(service, copy.id());
            Job done = store.jobs().find(copy.id()).orElseThrow();
            assertEquals(JobState.COMPLETED, done.state(), done.reason());
            assertTrue(done.remoteProjectDir() != null && !done.remoteProjectDir().equals(original.remoteProjectDir()));
        }
    }

    static int uploads(CommandLog log) {
        return (int) log.entries().stream()
                .filter(e -> e.kind() == CommandLogEntry.Kind.TRANSFER && e.command().startsWith("upload ")).count();
    }

    static void waitSettled(JobService service, String id) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        while (!JobsEngineClusterTest.settled(service, id)) {
            assertTrue(System.currentTimeMillis() < deadline, "not settled in time");
            new SyncOperation(service, null, false, false).run(M);
            Thread.sleep(1000);
        }
    }
}

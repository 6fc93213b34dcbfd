package org.namdrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.jobs.op.CreateSweepOperation;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.Store;
import org.namdrunner.testing.TestCluster;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.Sweep;

/**
 * Issue 19, forms guard what is sure to fail: before anything is created or uploaded, the cluster is asked whether the
 * job's NAMD module loads and gives an executable (one round trip, remembered for the session when it does).
 */
@Tag("cluster")
class NamdCheckClusterTest {
    static final IProgressMonitor M = new NullProgressMonitor();

    @Test
    void aModuleTheClusterCannotLoadCreatesNothingAndAWorkingOneIsAskedOnce(@TempDir Path tmp) throws Exception {
        Path psf = Files.writeString(tmp.resolve("mol.psf"), "PSF\n");
        ProfileConfig profile = TestCluster.slurmProfile("namd-check-");
        try (Store store = TestCluster.newStore("namd-check");
                JobService service = JobsEngineClusterTest.service(store, profile, new CommandLog())) {
            JobSpec base = JobSpec.named("nc").template(null, JobsEngineClusterTest.template("langevinTemp <<temp>>"))
                    .value("sleep", "0.01").value("out", "out").value("steps", "10").inputs(List.of(psf))
                    .resources(ResourceRequest.of("compute", 1, null, null)).module("namd/9.9").submit(false);
            CoreException e = assertThrows(CoreException.class, () -> new CreateSweepOperation(service, profile.id(), base,
                    Map.of("temp", List.of("300", "310")), Sweep.Mode.LIST).run(M));
            String msg = e.getStatus().getMessage();
            assertTrue(msg.contains("'module load namd/9.9' fails") && msg.contains(profile.name()), msg);
            assertEquals(0, store.jobs().list(JobQuery.all()).size(), "nothing was created");

            ClusterSession s = service.sessions().session(profile.id(), M);
            NamdModule own = profile.module(null).orElseThrow();
            assertEquals(Optional.empty(), s.namdProblem(own, M), "the profile's own module loads and gives NAMD");
            long trips = s.roundTrips();
            assertEquals(Optional.empty(), s.namdProblem(own, M));
            assertEquals(trips, s.roundTrips(), "a module that worked is not asked again in the session");
            // the cluster has no NAMD on PATH without a module
            Optional<String> none = s.namdProblem(null, M);
            assertTrue(none.isPresent() && none.get().contains("no NAMD executable"), none.toString());
        }
    }
}

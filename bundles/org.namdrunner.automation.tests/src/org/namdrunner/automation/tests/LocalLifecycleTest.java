package org.namdrunner.automation.tests;

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
import org.namdrunner.automation.JobLifecycle;
import org.namdrunner.automation.JobRecorder;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.automation.StatusSync;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.namdlog.NamdLog;
import org.namdrunner.automation.steps.Steps;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.local.LocalProfileType;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobStatusChange;
import org.namdrunner.store.Store;

/** The whole lifecycle with the Local profile (no cluster): same scripts, states, logs and results layout. */
class LocalLifecycleTest {
    static final IProgressMonitor M = new NullProgressMonitor();

    static ProfileConfig localProfile(Path root) throws Exception {
        String standin = org.namdrunner.testing.TestCluster.standinNamd3().toString();
        ProfileConfig preset = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository()).get(ClusterProfileRegistry.DEFAULT_PROFILE_ID);
        assertEquals(LocalProfileType.TYPE_ID, preset.typeId(), "the Local preset is contributed");
        return preset.toBuilder().id("local-test").projectRoot(root.resolve("jobs").toString())
                .scratchRoot(root.resolve("scratch").toString()).modules(List.of(new NamdModule("", "3.0", standin))).build();
    }

    /** A built-in template rendered by the template language's renderer, run by the stand-in on this machine. */
    @Test
    @Tag("cluster")
    void builtInTemplateRenderedByTheTemplateLanguageRunsLocally(@TempDir Path tmp) throws Exception {
        ProfileConfig profile = localProfile(tmp);
        for (String f : List.of("system.psf", "system.pdb", "par_all36m_prot.prm")) {
            Files.writeString(tmp.resolve(f), f + "\n");
        }
        String template = org.namdrunner.template.render.BuiltInTemplates.text(org.namdrunner.template.render.BuiltInTemplates.VACUUM_OPTIMIZATION_V1);
        try (Store store = TestClusterHarness.newStore("local-template");
                ClusterSession session = new LocalProfileType().connect(profile, null, M)) {
            JobRequest req = new JobRequest("vacuum", org.namdrunner.template.render.BuiltInTemplates.VACUUM_OPTIMIZATION_V1, template,
                    Map.of("min_steps", "20", "energy_freq", "5", "dcd_freq", "10", "restart_freq", "10", "output_name", "vac"),
                    "vacuum.namd", List.of(tmp.resolve("system.psf"), tmp.resolve("system.pdb"), tmp.resolve("par_all36m_prot.prm")),
                    ResourceRequest.of(null, 1, null, null), null, Map.of(), tmp.resolve("results"));
            StepContext ctx = new StepContext(session, new JobRecorder(store), req,
                    new org.namdrunner.automation.TemplateConfigRenderer("vacuum_optimization_v1"), null);
            ctx.parameters().put("pollSeconds", "1");
            ctx.parameters().put("timeoutSeconds", "60");
            JobLifecycle lifecycle = TestClusterHarness.lifecycle();
            lifecycle.run(ctx, JobLifecycle.SUBMIT_CHAIN, M);
            lifecycle.run(ctx, JobLifecycle.FINISH_CHAIN, M);
            assertEquals(JobState.COMPLETED, ctx.job().state(), ctx.job().reason());
            NamdLog log = (NamdLog) ctx.attributes().get(Steps.ATTR_NAMD_LOG);
            assertTrue(log.finishedNormally(), "stand-in ran the rendered config: "
                    + Files.readString(tmp.resolve("results/logs/namd.log")));
            assertEquals(20.0, log.last("TS").getAsDouble(), 0.0);
            assertTrue(Files.isRegularFile(tmp.resolve("results/output/vac.coor")));
            String rendered = Files.readString(tmp.resolve("results/output/vacuum.namd"));
            assertTrue(rendered.lines().noneMatch(l -> l.startsWith("#@var")) && !rendered.matches("(?s).*<<\\s*\\w+\\s*>>.*"), rendered);
            assertTrue(rendered.contains("minimize") && rendered.contains("outputName") && rendered.contains("vac"), rendered);

            // A value the template's declaration refuses stops the lifecycle before a config is written or submitted.
            JobRequest bad = new JobRequest("bad", null, template, Map.of("temperature", "-5"), "bad.namd", List.of(),
                    ResourceRequest.of(null, 1, null, null), null, Map.of(), null);
            StepContext c2 = new StepContext(session, new JobRecorder(store), bad,
                    new org.namdrunner.automation.TemplateConfigRenderer("vacuum_optimization_v1"), null);
            org.namdrunner.automation.StepException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.namdrunner.automation.StepException.class, () -> lifecycle.run(c2, JobLifecycle.SUBMIT_CHAIN, M));
            assertTrue(e.getMessage().contains("temperature"), e.getMessage());
        }
    }

    @Test
    void freshInstallDefaultsToTheLocalProfile() {
        ClusterProfileRegistry reg = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository());
        assertEquals(ClusterProfileRegistry.DEFAULT_PROFILE_ID, reg.active().orElseThrow().id());
    }

    @Test
    @Tag("cluster")
    void localJobRunsToCompletionAndCanBeCancelled(@TempDir Path tmp) throws Exception {
        ProfileConfig profile = localProfile(tmp);
        Files.writeString(tmp.resolve("mol.psf"), "PSF\n");
        try (Store store = TestClusterHarness.newStore("local");
                ClusterSession session = new LocalProfileType().connect(profile, null, M)) {
            JobRecorder recorder = new JobRecorder(store);
            JobLifecycle lifecycle = TestClusterHarness.lifecycle();
            JobRequest req = new JobRequest("local run 'one'", null, TestClusterHarness.config(6, 0.2),
                    Map.of("structure", "mol.psf", "outputName", "out", "temperature", "300"), "run.namd",
                    List.of(tmp.resolve("mol.psf")), ResourceRequest.of(null, 2, null, null), null, Map.of(), tmp.resolve("results"));
            StepContext ctx = new StepContext(session, recorder, req, null, null);
            ctx.parameters().put("pollSeconds", "1");
            ctx.parameters().put("timeoutSeconds", "60");
            lifecycle.run(ctx, JobLifecycle.SUBMIT_CHAIN, M);
            lifecycle.run(ctx, JobLifecycle.FINISH_CHAIN, M);
            Job done = ctx.job();
            assertEquals(JobState.COMPLETED, done.state(), done.reason());
            List<JobState> history = store.jobs().history(done.id()).stream().map(JobStatusChange::to).toList();
            assertTrue(history.containsAll(List.of(JobState.CREATED, JobState.STAGING, JobState.SUBMITTING, JobState.PENDING,
                    JobState.RUNNING, JobState.COMPLETED)), history.toString());
            Path results = tmp.resolve("results");
            assertTrue(Files.isRegularFile(results.resolve("output/out.coor")));
            assertTrue(Files.isRegularFile(results.resolve("logs/slurm-" + done.slurmJobId() + ".out")), "same log layout as Slurm");
            NamdLog log = (NamdLog) ctx.attributes().get(Steps.ATTR_NAMD_LOG);
            assertNotNull(log);
            assertTrue(log.finishedNormally());
            assertTrue(Files.readString(Path.of(done.remoteProjectDir(), "job_info.json")).contains("\"COMPLETED\""));

            // cancel a long job
            JobRequest longReq = new JobRequest("local long", null, TestClusterHarness.config(500, 0.5),
                    Map.of("structure", "mol.psf", "outputName", "out", "temperature", "300"), "run.namd",
                    List.of(tmp.resolve("mol.psf")), ResourceRequest.of(null, 1, null, null), null, Map.of(), tmp.resolve("r2"));
            StepContext c2 = new StepContext(session, recorder, longReq, null, null);
            lifecycle.run(c2, JobLifecycle.SUBMIT_CHAIN, M);
            long deadline = System.currentTimeMillis() + 20_000;
            while (StatusSync.sync(session, recorder, true, M).changedJobs().stream().noneMatch(j -> j.state() == JobState.RUNNING)
                    && store.jobs().find(c2.job().id()).orElseThrow().state() != JobState.RUNNING) {
                assertTrue(System.currentTimeMillis() < deadline, "local job did not start");
                Thread.sleep(200);
            }
            c2.setJob(store.jobs().find(c2.job().id()).orElseThrow());
            Path namdLog = Path.of(c2.job().remoteProjectDir(), "logs", "namd.log");
            while (!Files.exists(namdLog) || !Files.readString(namdLog).contains("ENERGY:")) {
                assertTrue(System.currentTimeMillis() < deadline, "NAMD did not start");
                Thread.sleep(100);
            }
            lifecycle.cancel(c2, M);
            deadline = System.currentTimeMillis() + 20_000;
            JobState seen = null;
            while (System.currentTimeMillis() < deadline) {
                seen = session.status(List.of(c2.job().slurmJobId()), true, M).statuses().get(c2.job().slurmJobId()).state();
                if (seen.isTerminal()) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals(JobState.CANCELLED, seen);
            lifecycle.run(c2, List.of(Steps.FINALIZE), M);
            assertTrue(Files.readString(tmp.resolve("r2/logs/slurm-" + c2.job().slurmJobId() + ".err")).contains("NAMDRunner: job stopped (cancelled)"));
        }
    }
}

package org.namdrunner.demo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.JobLifecycle;
import org.namdrunner.automation.JobRecorder;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.draft.JobDraft;
import org.namdrunner.automation.namdlog.NamdLog;
import org.namdrunner.automation.steps.Steps;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.local.LocalProfileType;
import org.namdrunner.cluster.local.LocalSession;
import org.namdrunner.cluster.local.runner.NamdSimulator;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobStatusChange;
import org.namdrunner.demo.DemoJob;
import org.namdrunner.store.Store;

/** The Demo profile and the Local profile through the real job lifecycle, started and tracked from Java alone. */
class DemoLifecycleTest {
    static final IProgressMonitor M = new NullProgressMonitor();

    static ProfileConfig demoProfile(Path root, String pace) throws Exception {
        ProfileConfig preset = DemoJob.profile(ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository()));
        assertEquals(LocalProfileType.TYPE_ID, preset.typeId());
        assertTrue(preset.name().contains("Demo") && preset.name().contains("simulated"), preset.name());
        return preset.toBuilder().id("demo-test").preset(false).projectRoot(root.resolve("jobs").toString())
                .property(LocalSession.SIMULATOR_PACE_PROPERTY, pace).build();
    }

    static JobLifecycle lifecycle() {
        return new JobLifecycle(AutomationStepRegistry.fromExtensions());
    }

    static StepContext context(ClusterSession s, Store store, JobRequest req, JobDraft d) {
        StepContext ctx = new StepContext(s, new JobRecorder(store), req, d == null ? null : d.renderer(), null);
        ctx.parameters().put("pollSeconds", "1");
        ctx.parameters().put("timeoutSeconds", "600");
        return ctx;
    }

    @Test
    void demoJobRunsToCompletionWithPlotDataAndResults(@TempDir Path tmp) throws Exception {
        ProfileConfig demo = demoProfile(tmp, "200000");
        JobDraft draft = DemoJob.draft(demo, tmp.resolve("inputs"), tmp.resolve("results"));
        try (Store store = Store.open(tmp.resolve("db"));
                ClusterSession session = new LocalProfileType().connect(demo, null, M)) {
            StepContext ctx = context(session, store, draft.toRequest(), draft);
            lifecycle().run(ctx, JobLifecycle.SUBMIT_CHAIN, M);
            String description = Files.readString(Path.of(ctx.job().remoteProjectDir(), "job.sbatch"));
            assertTrue(description.contains("demo simulator") && description.contains(NamdSimulator.class.getName()), description);
            // a second session (as after a restart of the workbench) finds and follows the running job
            try (ClusterSession later = new LocalProfileType().connect(demo, null, M)) {
                StepContext followed = new StepContext(later, new JobRecorder(store), draft.toRequest(), draft.renderer(), ctx.job());
                followed.parameters().putAll(ctx.parameters());
                followed.attributes().putAll(ctx.attributes());
                lifecycle().run(followed, JobLifecycle.FINISH_CHAIN, M);
                ctx = followed;
            }
            Job done = ctx.job();
            assertEquals(JobState.COMPLETED, done.state(), done.reason());
            assertEquals(0, done.exitCode());
            List<JobState> history = store.jobs().history(done.id()).stream().map(JobStatusChange::to).toList();
            assertTrue(history.containsAll(List.of(JobState.SUBMITTING, JobState.PENDING, JobState.RUNNING, JobState.COMPLETED)),
                    history.toString());
            NamdLog log = (NamdLog) ctx.attributes().get(Steps.ATTR_NAMD_LOG);
            assertTrue(log.finishedNormally());
            assertEquals(25000 / 250 + 1, log.series("TOTAL").length, "an energy row every 250 of 25,000 steps");
            assertEquals(25000, log.last("TS").getAsDouble());
            Path results = tmp.resolve("results");
            String namdLog = Files.readString(results.resolve("logs/namd.log"));
            assertTrue(namdLog.lines().limit(3).anyMatch(l -> l.equals(NamdSimulator.BANNER)), namdLog);
            for (String f : List.of("demo_water.coor", "demo_water.vel", "demo_water.xsc", "demo_water.dcd",
                    "demo_water.restart.coor", "demo_water.restart.vel", "demo_water.restart.xsc", "demo_water.psf")) {
                assertTrue(Files.isRegularFile(results.resolve("output").resolve(f)), f + " downloaded");
            }
            assertEquals("0", Files.readString(results.resolve("logs/namd.exitcode")).strip());
        }
    }

    @Test
    void cancelAndWallTimeLimitStopTheJobAndKeepItsResults(@TempDir Path tmp) throws Exception {
        ProfileConfig demo = demoProfile(tmp, "20"); // 25,000 steps would take 20 minutes
        JobDraft draft = DemoJob.draft(demo, tmp.resolve("inputs"), tmp.resolve("results"));
        try (Store store = Store.open(tmp.resolve("db"));
                ClusterSession session = new LocalProfileType().connect(demo, null, M)) {
            JobRequest base = draft.toRequest();
            JobRequest limited = new JobRequest("demo limit", base.templateId(), base.templateText(), base.templateValues(),
                    base.configFileName(), base.inputs(), ResourceRequest.of(null, 1, null, 1), null, Map.of(), tmp.resolve("r-limit"));
            JobRequest cancelled = new JobRequest("demo cancel", base.templateId(), base.templateText(), base.templateValues(),
                    base.configFileName(), base.inputs(), ResourceRequest.of(null, 1, null, null), null, Map.of(), tmp.resolve("r-cancel"));
            StepContext limit = context(session, store, limited, draft);
            StepContext cancel = context(session, store, cancelled, draft);
            lifecycle().run(limit, JobLifecycle.SUBMIT_CHAIN, M);
            lifecycle().run(cancel, JobLifecycle.SUBMIT_CHAIN, M);
            Path namdLog = Path.of(cancel.job().remoteProjectDir(), "logs", "namd.log");
            waitFor(() -> Files.exists(namdLog) && Files.readString(namdLog).contains("ENERGY:"), "the simulator did not start");
            lifecycle().cancel(cancel, M);
            String id = cancel.job().slurmJobId();
            waitFor(() -> session.status(List.of(id), true, M).statuses().get(id).state().isTerminal(), "cancel did not end the job");
            JobStatus s = session.status(List.of(id), true, M).statuses().get(id);
            assertEquals(JobState.CANCELLED, s.state());
            lifecycle().run(cancel, List.of(Steps.FINALIZE, Steps.DOWNLOAD), M);
            assertTrue(Files.readString(tmp.resolve("r-cancel/logs/slurm-" + id + ".err")).contains("NAMDRunner: job stopped (cancelled)"));
            assertTrue(Files.isRegularFile(tmp.resolve("r-cancel/output/demo_water.psf")), "the work directory was copied back");

            // the 1-minute wall-time limit ends the other job as TIMEOUT
            lifecycle().run(limit, JobLifecycle.FINISH_CHAIN, M);
            assertEquals(JobState.TIMEOUT, limit.job().state(), limit.job().reason());
            assertTrue(Files.readString(tmp.resolve("r-limit/logs/slurm-" + limit.job().slurmJobId() + ".err"))
                    .contains("CANCELLED DUE TO TIME LIMIT"));
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check c, String what) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!c.ok()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(200);
        }
    }

    /**
     * The Local profile needs no shell: the lifecycle runs with a PATH that holds only a "namd3" which is itself no
     * shell script (a Java source-file program, started by the kernel through its #! line, that runs the simulator).
     */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void localProfileRunsWithoutAShellOnPath(@TempDir Path tmp) throws Exception {
        ProfileConfig preset = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository()).get(ClusterProfileRegistry.DEFAULT_PROFILE_ID);
        ProfileConfig local = preset.toBuilder().id("local-noshell").preset(false).projectRoot(tmp.resolve("jobs").toString())
                .scratchRoot(tmp.resolve("scratch").toString()).build();
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Files.writeString(bin.resolve("namd3"), "#!" + java + " --source 21\n"
                + "public class Namd3 { public static void main(String[] a) { "
                + NamdSimulator.class.getName() + ".main(a); } }\n");
        assertTrue(bin.resolve("namd3").toFile().setExecutable(true));
        try (Store store = Store.open(tmp.resolve("db"));
                LocalSession probe = new LocalSession(local)) {
            Map<String, String> env = Map.of("PATH", bin.toString(), "CLASSPATH", probe.runnerDir().toString(),
                    NamdSimulator.PACE_ENV, "100000");
            try (LocalSession session = new LocalSession(local, env)) {
                assertEquals(List.of("namd3"), List.of(bin.toFile().list()), "nothing but NAMD on PATH: no sh, no bash");
                JobDraft draft = DemoJob.draft(local, tmp.resolve("inputs"), tmp.resolve("results"));
                StepContext ctx = context(session, store, draft.toRequest(), draft);
                lifecycle().run(ctx, JobLifecycle.SUBMIT_CHAIN, M);
                assertTrue(Files.readString(Path.of(ctx.job().remoteProjectDir(), "job.sbatch")).contains(bin.resolve("namd3") + " +p1"),
                        "NAMD found on the given PATH");
                lifecycle().run(ctx, JobLifecycle.FINISH_CHAIN, M);
                assertEquals(JobState.COMPLETED, ctx.job().state(), ctx.job().reason() + " / "
                        + Files.readString(tmp.resolve("results/logs/namd.log")));
                assertTrue(((NamdLog) ctx.attributes().get(Steps.ATTR_NAMD_LOG)).finishedNormally());
                assertTrue(Files.isRegularFile(tmp.resolve("results/output/demo_water.dcd")));
            }
        }
    }
}

package org.namdrunner.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.Store;
import org.namdrunner.workflow.WorkflowStore;

/**
 * Issue 8's kill test: {@code namdrunner automation run} of a 3-stage chain on the Local profile, in a child JVM
 * ({@link ChildJvm}, {@link AutomationKillMain}), is killed with SIGKILL ({@link Process#destroyForcibly}) at random
 * points and started again with the same {@code --run-id}. After every kill the store must be consistent (never more
 * than one job and one local submission per stage); after the last start the chain must have finished with every
 * stage COMPLETED exactly once: one job per stage, one submission per job (the Local profile's submission index),
 * restart files wired into the next stage, job_info.json on "the cluster" agreeing with the store.
 *
 * <p>{@code namdrunner.killtest.trials} (default 50) kills in all, at most {@value #KILLS_PER_RUN} per chain run;
 * {@code namdrunner.killtest.seed} repeats a sequence of kill points (the seed is printed).
 */
@Tag("cluster")
class AutomationKillTest {
    static final int KILLS_PER_RUN = 5;
    /** A chain run (3 stages) takes about 2-4 s here; kill points are spread over [MIN, MAX) ms after the start. */
    static final int MIN_DELAY_MS = 200;
    static final int MAX_DELAY_MS = 4000;

    @Test
    void killedAtRandomPointsTheChainResumesWithoutLossOrDuplicates(@TempDir Path tmp) throws Exception {
        LocalAutomation.standin();
        int trials = Integer.getInteger("namdrunner.killtest.trials", 50);
        long seed = Long.getLong("namdrunner.killtest.seed", System.nanoTime());
        Random rnd = new Random(seed);
        System.out.println("AutomationKillTest: " + trials + " kills, seed " + seed);
        List<String> cp = ChildJvm.classpath(Files.createDirectories(tmp.resolve("cp")));
        System.out.println("AutomationKillTest: child class path of " + cp.size() + " entries, ours: "
                + cp.stream().filter(e -> e.contains("namdrunner")).toList());
        int kills = 0;
        int runs = 0;
        Map<String, Integer> killPoints = new TreeMap<>();
        long t0 = System.currentTimeMillis();
        while (kills < trials) {
            runs++;
            LocalAutomation a = LocalAutomation.create(tmp.resolve("run" + runs));
            String runId = "kill-" + runs;
            Path out = a.dir.resolve("stdout.txt");
            Path err = a.dir.resolve("stderr.txt");
            for (int k = 0; k < KILLS_PER_RUN && kills < trials; k++) {
                Process p = ChildJvm.start(cp, AutomationKillMain.class.getName(), a.runArgs(runId, "--set", "sleep=0.03", "--timeout", "120"),
                        out, err);
                int delay = MIN_DELAY_MS + rnd.nextInt(MAX_DELAY_MS - MIN_DELAY_MS);
                if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                    // finished before the kill point: the chain is complete (checked below)
                    assertEquals(0, p.exitValue(), "run " + runId + " ended early with an error:\n" + Files.readString(out) + Files.readString(err));
                    break;
                }
                p.destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed process did not end");
                kills++;
                killPoints.merge(checkAfterKill(a, runId), 1, Integer::sum);
            }
            Process last = ChildJvm.start(cp, AutomationKillMain.class.getName(), a.runArgs(runId, "--set", "sleep=0.03", "--timeout", "120"),
                    out, err);
            if (!last.waitFor(180, TimeUnit.SECONDS)) {
                last.destroyForcibly();
                fail("run " + runId + " did not finish after its restart:\n" + Files.readString(out) + Files.readString(err));
            }
            assertEquals(0, last.exitValue(), "run " + runId + " after restart:\n" + Files.readString(out) + Files.readString(err));
            checkCompleted(a, runId);
        }
        System.out.println("AutomationKillTest: " + kills + " kills over " + runs + " chain runs in "
                + (System.currentTimeMillis() - t0) / 1000 + " s; state at the kill points: " + killPoints);
        assertEquals(trials, kills);
    }

    /** After a kill: at most one job and one local submission per stage; describes where the kill landed. */
    private static String checkAfterKill(LocalAutomation a, String runId) throws IOException {
        try (Store st = Store.open(a.store)) {
            List<Job> jobs = st.jobs().list(JobQuery.all());
            WorkflowStore.RunRecord run = new WorkflowStore(st).run(runId).orElse(null);
            assertTrue(jobs.size() <= LocalAutomation.STAGES.size(), "more jobs than stages: " + jobs);
            Set<String> names = new HashSet<>();
            for (Job j : jobs) {
                assertTrue(names.add(j.name()), "two jobs named " + j.name());
                assertNotNull(run, "a job exists without its run record");
                assertTrue(run.jobsByStep.containsValue(j.id()), "job " + j.name() + " is not in the run record " + run.jobsByStep);
            }
            List<String> submissions = submissions(a);
            assertTrue(submissions.size() <= jobs.size(), "more local submissions than jobs: " + submissions + " for " + jobs);
            assertEquals(new HashSet<>(submissions).size(), submissions.size(), "one job directory submitted twice: " + submissions);
            StringBuilder where = new StringBuilder(jobs.size() + " job(s)");
            for (String s : LocalAutomation.STAGES) {
                jobs.stream().filter(j -> j.name().equals("chain-" + s)).findFirst().ifPresent(j -> where.append(' ').append(s).append('=').append(j.state()));
            }
            return where.toString();
        }
    }

    /** Job directories of the Local profile's submission index (one line per submission). */
    private static List<String> submissions(LocalAutomation a) throws IOException {
        Path idx = a.jobs.resolve(".local-jobs");
        List<String> dirs = new ArrayList<>();
        if (!Files.isDirectory(idx)) {
            return dirs;
        }
        try (Stream<Path> s = Files.list(idx)) {
            for (Path p : s.filter(f -> f.getFileName().toString().matches("[0-9]+")).toList()) {
                dirs.add(Files.readAllLines(p).get(0));
            }
        }
        return dirs;
    }

    private static void checkCompleted(LocalAutomation a, String runId) throws IOException {
        String stdout = Files.readString(a.dir.resolve("stdout.txt"));
        try (Store st = Store.open(a.store)) {
            List<Job> jobs = st.jobs().list(JobQuery.all());
            assertEquals(LocalAutomation.STAGES.size(), jobs.size(), "one job per stage: " + jobs);
            WorkflowStore.RunRecord run = new WorkflowStore(st).run(runId).orElseThrow();
            List<String> submissions = submissions(a);
            StringBuilder hist = new StringBuilder();
            for (Job j : jobs) {
                hist.append('\n').append(j.name()).append(' ').append(j.state()).append(' ').append(j.slurmJobId()).append(": ");
                st.jobs().history(j.id()).forEach(h -> hist.append(h.from()).append("->").append(h.to()).append(" (").append(h.reason())
                        .append("/").append(h.source()).append(") "));
            }
            assertEquals(LocalAutomation.STAGES.size(), submissions.size(), "exactly one submission per stage: " + submissions + hist
                    + "\n" + stdout + Files.readString(a.dir.resolve("stderr.txt")));
            assertEquals(LocalAutomation.STAGES.size(), new HashSet<>(submissions).size(), "a stage was submitted twice: " + submissions);
            String prevOut = null;
            for (String s : LocalAutomation.STAGES) {
                Job j = st.jobs().find(run.jobsByStep.get(s)).orElseThrow(() -> new AssertionError("stage " + s + " has no job"));
                assertEquals("chain-" + s, j.name());
                assertEquals(JobState.COMPLETED, j.state(), s + ": " + j.reason() + "\n" + stdout);
                assertTrue(submissions.contains(j.remoteProjectDir()), s + " was not submitted from its own directory");
                Path dir = Path.of(j.remoteProjectDir());
                assertTrue(Files.readString(dir.resolve("job_info.json")).contains("\"COMPLETED\""), s + ": job_info.json disagrees with the store");
                try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
                    List<Path> rcs = logs.filter(f -> f.getFileName().toString().matches("local-[0-9]+\\.rc")).toList();
                    assertEquals(1, rcs.size(), s + " ran " + rcs.size() + " times");
                    assertEquals("0", Files.readString(rcs.get(0)).strip());
                }
                assertTrue(Files.isRegularFile(dir.resolve("output").resolve(s + ".coor")), s + " left no restart file");
                String cfg = Files.readString(dir.resolve("input").resolve(s + ".namd"));
                if (prevOut != null) {
                    assertTrue(cfg.contains("bincoordinates") && cfg.contains("firsttimestep"), s + " is not wired to " + prevOut + ":\n" + cfg);
                    assertTrue(Files.isRegularFile(dir.resolve("input").resolve("restart.coor")), s + " did not get the restart file");
                }
                prevOut = s;
            }
        }
    }
}

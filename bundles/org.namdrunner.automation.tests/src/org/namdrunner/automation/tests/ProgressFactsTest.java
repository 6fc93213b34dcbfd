package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.namdrunner.automation.ProgressSync;
import org.namdrunner.automation.namdlog.NamdLog;
import org.namdrunner.automation.namdlog.NamdLogParser;
import org.namdrunner.automation.namdlog.StepPlan;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobProgress;

/** Steps a config runs ({@link StepPlan}) and progress facts from a log's end ({@link ProgressSync#measure}). */
class ProgressFactsTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void stepPlanCountsMinimizeAndRunsFromTheFirstStep() {
        StepPlan p = StepPlan.of("""
                # equilibration
                structure mol.psf
                timestep   2.0   ;# fs
                firsttimestep 1000
                minimize 500
                run norepeat 10000
                RUN = 2000  # more
                """);
        assertEquals(1000, p.firstStep());
        assertEquals(13_500L, p.lastStep());
        assertEquals(12_500L, p.steps());
        assertEquals(2.0, p.timestepFs());

        StepPlan numsteps = StepPlan.of("numsteps 5000\noutputName out\n");
        assertEquals(5000L, numsteps.lastStep());
        assertEquals(1.0, numsteps.timestepFs(), "NAMD's default time step");
    }

    @Test
    void stepPlanIsUnknownRatherThanWrong() {
        assertFalse(StepPlan.of("set n 500\nrun $n\n").known(), "a Tcl variable");
        assertFalse(StepPlan.of("run [expr 2*500]\n").known(), "an expression");
        assertFalse(StepPlan.of("for {set i 0} {$i < 3} {incr i} {\n  run 1000\n}\n").known(), "a run in a loop");
        assertFalse(StepPlan.of("outputName out\n").known(), "no run at all");
        assertNull(StepPlan.of("timestep $dt\nrun 10\n").timestepFs());
        assertTrue(StepPlan.of("proc p {} { puts hi }\nrun 10\n").known(), "a one-line proc before the run");
    }

    static Job running(Instant started) {
        return Job.builder().id("00000000-0000-4000-8000-0000000000aa").name("j").state(JobState.RUNNING).cores(4)
                .remoteProjectDir("/home/u/namdrunner/j").submittedAt(T.minusSeconds(600)).startedAt(started).build();
    }

    @Test
    void namdTimingLinesGiveStepSpeedAndEta() {
        NamdLog tail = NamdLogParser.parse("""
                ENERGY:    4000    1.0    2.0
                TIMING: 4000  CPU: 200.1, 0.05/step  Wall: 210.0, 0.0525/step, 0.087 hours remaining, 269 MB of memory in use.
                ENERGY:    4200    1.0    2.0
                """);
        StepPlan plan = StepPlan.of("timestep 2\nrun 10000\n");
        JobProgress p = ProgressSync.measure(running(T.minusSeconds(300)), null, tail, plan, 1, T);
        assertEquals(4200L, p.step(), "the last ENERGY line is newer than the last TIMING line");
        assertEquals(0.0525, p.secondsPerStep(), 1e-12, "NAMD's wall s/step");
        assertEquals(86_400 / 0.0525 * 2 * 1e-6, p.nsPerDay(), 1e-9);
        assertEquals(0.42, p.fraction(), 1e-12);
        assertEquals(1, p.gpus());
        assertEquals("42 % \u00b7 ETA 5 min", p.summary(T), "5,800 steps at 0.0525 s = 5 min 4 s");
    }

    @Test
    void withoutTimingTheSpeedIsMeasuredBetweenTwoReadings() {
        StepPlan plan = StepPlan.of("run 1000\n");
        Job j = running(T.minusSeconds(100));
        JobProgress first = ProgressSync.measure(j, null, NamdLogParser.parse("ENERGY: 200 0 0\n"), plan, null, T);
        assertNull(first.secondsPerStep(), "one reading: no speed yet");
        assertEquals("20 %", first.summary(T));
        JobProgress second = ProgressSync.measure(j, first, NamdLogParser.parse("ENERGY: 300 0 0\nENERGY: 400 0 0\n"), null, null,
                T.plusSeconds(20));
        assertEquals(0.1, second.secondsPerStep(), 1e-12, "200 steps in the 20 s since the last reading");
        assertEquals(1000L, second.lastStep(), "the plan is kept");
        assertEquals(0.4, second.fraction(), 1e-12);
        assertEquals(1.0, second.timestepFs(), "the config's default time step");
        assertEquals(86_400 / 0.1 * 1e-6, second.nsPerDay(), 1e-9);
        JobProgress notStarted = ProgressSync.measure(running(null), null, NamdLogParser.parse("Info: NAMD 3.0\n"), plan, null, T);
        assertNull(notStarted.step());
        assertNull(notStarted.secondsPerStep());
        assertEquals("", notStarted.summary(T));
    }

    @Test
    void anEndedJobKeepsTheSpeedMeasuredWhileItRanElseItsWallClockOverItsSteps() {
        Job j = running(T.minusSeconds(100)).toBuilder().state(JobState.COMPLETED).build();
        NamdLog whole = NamdLogParser.parse("""
                Info: TIMESTEP               2
                ETITLE:      TS           BOND
                ENERGY:       0         1.0
                ENERGY:     100         1.0
                ENERGY:     200         1.0
                Info: Benchmark time: 1 CPUs 0.00123 s/step 0.0142 days/ns 42 MB memory
                WallClock: 50.000000  CPUTime: 49.000000  Memory: 42.312500 MB
                """);
        JobProgress shortJob = ProgressSync.atEnd(j, null, whole, 0, T);
        assertEquals(0L, shortJob.firstStep());
        assertEquals(200L, shortJob.lastStep(), "a normal end: the last step is the end");
        assertEquals(0.25, shortJob.secondsPerStep(), 1e-12, "50 s wall clock over 200 steps, before the benchmark");
        assertEquals(86_400 / 0.25 * 2 * 1e-6, shortJob.nsPerDay(), 1e-9);
        JobProgress seenRunning = new JobProgress(j.id(), 0L, 200L, 120L, 0.2, 0.864, 2.0, 0, T.minusSeconds(30));
        JobProgress ended = ProgressSync.atEnd(j, seenRunning, whole, 0, T);
        assertEquals(0.2, ended.secondsPerStep(), 1e-12, "the speed measured while it ran, not the time since that reading");
        assertEquals(200L, ended.step());
        assertEquals(1.0, ended.fraction(), 1e-12);
        assertNull(ProgressSync.atEnd(j, null, NamdLogParser.parse("Info: nothing\n"), 0, T));
    }

    @Test
    void localJobFilesReadOnlyTheEndsOfFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
        java.nio.file.Path log = java.nio.file.Files.writeString(root.resolve("namd.log"), "x".repeat(10_000) + "\nENERGY: 7 1\n");
        java.nio.file.Path small = java.nio.file.Files.writeString(root.resolve("run.namd"), "run 10\n");
        org.namdrunner.cluster.local.LocalJobFiles files = new org.namdrunner.cluster.local.LocalJobFiles(java.util.List.of(root.toString()));
        java.util.Map<String, Integer> ask = new java.util.LinkedHashMap<>();
        ask.put(log.toString(), 13);
        ask.put(root.resolve("missing").toString(), 12);
        ask.put(small.toString(), 1000);
        assertEquals(java.util.Map.of(log.toString(), "\nENERGY: 7 1\n", small.toString(), "run 10\n"), files.tails(ask, null));
        org.junit.jupiter.api.Assertions.assertThrows(org.namdrunner.cluster.ClusterException.class,
                () -> files.tails(java.util.Map.of("/etc/passwd", 10), null));
    }
}

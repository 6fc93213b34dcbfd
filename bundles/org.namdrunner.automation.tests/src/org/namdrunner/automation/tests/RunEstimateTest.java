package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.namdrunner.automation.draft.RunEstimate;
import org.namdrunner.core.model.JobProgress;

/** Cost of a request and whether its wall time fits the steps at a measured speed ({@link RunEstimate}). */
class RunEstimateTest {

    @Test
    void costInCoreAndGpuHours() {
        RunEstimate e = RunEstimate.of(32, 2, 4, 90, null, null);
        assertEquals(48.0, e.coreHours(), 1e-12);
        assertEquals(12.0, e.gpuHours(), 1e-12, "4 GPUs per node on 2 nodes for 1.5 h");
        assertEquals("Costs 48.0 core-hours (12.0 GPU-hours).", e.costText());
        assertEquals("Costs 2.0 core-hours.", RunEstimate.of(2, 1, 0, 60, 1000L, null).costText(), "no GPUs: no GPU-hours");
        assertEquals("", RunEstimate.of(2, 1, 0, null, 1000L, null).costText(), "partition default: unknown cost");
        assertNull(RunEstimate.of(2, 1, 0, 60, 1000L, null).needed(), "nothing measured: no need known");
        assertEquals("", RunEstimate.of(2, 1, 0, 60, 1000L, null).warning());
    }

    @Test
    void warnsWhenTheWallTimeCannotFitTheStepsAtTheMeasuredSpeed() {
        // measured: 0.2 s/step on 8 cores; asked: 16 cores → 0.1 s/step (perfect scaling); 100,000 steps → 10,000 s
        RunEstimate.Speed measured = new RunEstimate.Speed(0.2, 8, 0, "eq-1");
        RunEstimate e = RunEstimate.of(16, 1, 0, 120, 100_000L, measured);
        assertEquals(0.1, e.secondsPerStep(), 1e-12);
        assertEquals(Duration.ofSeconds(10_000), e.needed());
        assertTrue(e.tooShort());
        assertEquals("At the speed of eq-1: 0.200 s/step on 8 cores, 100,000 steps need about 2 h 46 min, more than the 2 h "
                + "asked for: the job would time out.", e.warning());
        RunEstimate enough = RunEstimate.of(16, 1, 0, 180, 100_000L, measured);
        assertFalse(enough.tooShort());
        assertEquals("", enough.warning());
        // a GPU job's speed is not scaled by cores
        RunEstimate gpu = RunEstimate.of(4, 1, 1, 60, 1000L, new RunEstimate.Speed(0.01, 8, 1, "gpu-1"));
        assertEquals(0.01, gpu.secondsPerStep(), 1e-12);
        assertTrue(gpu.needText().endsWith("gpu-1: 0.0100 s/step on 8 cores with 1 GPU per node."), gpu.needText());
    }

    @Test
    void proposesAWallTimeWithAMarginWithinTheMaximum() {
        RunEstimate e = RunEstimate.of(16, 1, 0, 60, 100_000L, new RunEstimate.Speed(0.1, 16, 0, "p"));
        // 10,000 s × 1.2 = 200 min
        assertEquals(200, e.proposedMinutes(null));
        assertEquals(180, e.proposedMinutes(180), "never more than the partition allows");
        assertEquals(RunEstimate.MIN_PROPOSED_MINUTES,
                RunEstimate.of(1, 1, 0, 60, 10L, new RunEstimate.Speed(0.1, 1, 0, "p")).proposedMinutes(null));
        assertEquals(205, RunEstimate.of(16, 1, 0, 60, 100_100L, new RunEstimate.Speed(0.1, 16, 0, "p")).proposedMinutes(null),
                "rounded up to 5 minutes");
        assertNull(RunEstimate.of(16, 1, 0, 60, null, new RunEstimate.Speed(0.1, 16, 0, "p")).proposedMinutes(600));
        JobProgress p = new JobProgress("j", 0L, 10L, 5L, 0.3, null, null, 2, Instant.EPOCH);
        assertEquals(new RunEstimate.Speed(0.3, 8, 2, "x"), RunEstimate.Speed.of(p, 8, "x"));
        assertNull(RunEstimate.Speed.of(new JobProgress("j", null, null, 5L, null, null, null, null, Instant.EPOCH), 8, "x"));
    }
}

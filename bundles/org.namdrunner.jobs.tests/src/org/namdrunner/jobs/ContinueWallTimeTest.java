package org.namdrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobProgress;
import org.namdrunner.jobs.op.ContinueOperation;
import org.namdrunner.workflow.RestartWiring.Mode;

/** The wall time a continuation or restart asks for, from its parent's measured speed ({@link ContinueOperation}). */
class ContinueWallTimeTest {
    static final Job PARENT = Job.builder().name("eq").state(JobState.TIMEOUT).cores(16).wallTimeMinutes(60).build();

    @Test
    void aContinuationRunsTheParentsStepsAgainARestartWhatWasLeft() {
        // 100,000 steps at 0.1 s/step: 10,000 s; 30,000 done
        JobProgress p = new JobProgress(PARENT.id(), 0L, 100_000L, 30_000L, 0.1, null, 2.0, 0, Instant.EPOCH);
        assertEquals(200, ContinueOperation.proposedWallMinutes(PARENT, p, Mode.CONTINUE, null), "10,000 s + 20 %");
        assertEquals(140, ContinueOperation.proposedWallMinutes(PARENT, p, Mode.RESTART, null), "70,000 steps: 7,000 s + 20 %");
        assertEquals(120, ContinueOperation.proposedWallMinutes(PARENT, p, Mode.CONTINUE, 120), "the partition's maximum");
    }

    @Test
    void withoutAMeasuredSpeedOrPlanTheParentsWallTimeIsKept() {
        assertNull(ContinueOperation.proposedWallMinutes(PARENT, null, Mode.CONTINUE, null));
        assertNull(ContinueOperation.proposedWallMinutes(PARENT,
                new JobProgress(PARENT.id(), 0L, 100L, 50L, null, null, null, null, Instant.EPOCH), Mode.CONTINUE, null));
        assertNull(ContinueOperation.proposedWallMinutes(PARENT,
                new JobProgress(PARENT.id(), null, null, 50L, 0.1, null, null, null, Instant.EPOCH), Mode.CONTINUE, null));
        assertNull(ContinueOperation.proposedWallMinutes(PARENT,
                new JobProgress(PARENT.id(), 0L, 100L, 100L, 0.1, null, null, null, Instant.EPOCH), Mode.RESTART, null),
                "nothing left to restart");
    }
}

package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.namdrunner.automation.steps.Steps;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;

/**
 * A job first seen running started when the scheduler's elapsed time says, not when the sync happened to look: the
 * queue wait (start - submit) is then exact instead of rounded up to the sync interval.
 */
class StartTimeTest {
    static final Instant SUBMITTED = Instant.parse("2026-12-03T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-12-03T10:30:00Z");

    static Job submitted() {
        return Job.builder().id("00000000-0000-0000-0000-0000000000aa").name("j").profileId("p").state(JobState.PENDING)
                .slurmJobId("7").cores(1).nodes(1).submittedAt(SUBMITTED).build();
    }

    static JobStatus running(String elapsed) {
        return new JobStatus("7", JobState.RUNNING, "RUNNING", null, elapsed, null, "node1", "squeue");
    }

    @Test
    void theStartIsTheElapsedTimeBackFromNow() {
        assertEquals(NOW.minusSeconds(5 * 60 + 7), Steps.startedAt(submitted(), running("5:07"), NOW));
        assertEquals(Duration.ofMinutes(24).plusSeconds(53),
                Duration.between(SUBMITTED, Steps.startedAt(submitted(), running("5:07"), NOW)), "the queue wait");
    }

    @Test
    void neverBeforeTheSubmissionNorAfterNowAndNowWithoutAnElapsedTime() {
        assertEquals(SUBMITTED, Steps.startedAt(submitted(), running("1:00:00"), NOW), "a clock skew cannot start it early");
        assertEquals(NOW, Steps.startedAt(submitted(), running(null), NOW));
        assertEquals(NOW, Steps.startedAt(submitted(), running("INVALID"), NOW));
    }

    @Test
    void applyRecordsIt() {
        Job j = Steps.apply(submitted().toBuilder().submittedAt(Instant.now().minus(Duration.ofHours(1))).build(), running("0:30"));
        Duration sinceStart = Duration.between(j.startedAt(), Instant.now());
        assertEquals(true, sinceStart.compareTo(Duration.ofSeconds(30)) >= 0 && sinceStart.compareTo(Duration.ofMinutes(5)) < 0,
                "started about 30 s before the sync: " + sinceStart);
    }
}

package org.namdrunner.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.core.JobState;

/** The schedulers' elapsed times as durations (squeue %M, sacct Elapsed, Grid Engine's wallclock as formatted). */
class JobStatusElapsedTest {

    static Optional<Duration> of(String elapsed) {
        return new JobStatus("1", JobState.RUNNING, "RUNNING", null, elapsed, null, null, "squeue").elapsedDuration();
    }

    @Test
    void everyFormTheSchedulersPrint() {
        assertEquals(Optional.of(Duration.ofSeconds(5)), of("0:05"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), of("00:00:05"));
        assertEquals(Optional.of(Duration.ofSeconds(3723)), of("1:02:03"));
        assertEquals(Optional.of(Duration.ofDays(2).plusHours(3).plusMinutes(4).plusSeconds(5)), of("2-03:04:05"));
        assertEquals(Optional.of(Duration.ofSeconds(61)), of(" 01:01.250 "));
    }

    @Test
    void noneOrNotADurationIsEmpty() {
        assertEquals(Optional.empty(), of(null));
        assertEquals(Optional.empty(), of("INVALID"));
        assertEquals(Optional.empty(), of("UNLIMITED"));
        assertEquals(Optional.empty(), of("5"));
    }
}

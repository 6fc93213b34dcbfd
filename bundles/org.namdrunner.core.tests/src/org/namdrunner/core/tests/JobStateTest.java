package org.namdrunner.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.namdrunner.core.JobState;

class JobStateTest {

    @ParameterizedTest
    @CsvSource({
        "PENDING, PENDING", "RUNNING, RUNNING", "COMPLETING, COMPLETING", "COMPLETED, COMPLETED",
        "FAILED, FAILED", "'CANCELLED by 1000', CANCELLED", "TIMEOUT, TIMEOUT", "NODE_FAIL, NODE_FAIL",
        "PREEMPTED, PREEMPTED", "OUT_OF_MEMORY, OUT_OF_MEMORY", "BOOT_FAIL, BOOT_FAIL", "DEADLINE, DEADLINE",
        "cd, COMPLETED", "TO, TIMEOUT", "OOM, OUT_OF_MEMORY", "CONFIGURING, RUNNING", "REQUEUED, REQUEUED",
        "SUSPENDED, SUSPENDED", "' running ', RUNNING", "CANCELLED+, CANCELLED"
    })
    void mapsSlurmStates(String slurm, JobState expected) {
        assertEquals(expected, JobState.fromSlurm(slurm));
    }

    @Test
    void unknownTextIsNotGuessed() {
        assertEquals(JobState.UNKNOWN, JobState.fromSlurm("WIBBLE"));
        assertEquals(JobState.UNKNOWN, JobState.fromSlurm(null));
        assertEquals(JobState.UNKNOWN, JobState.fromSlurm(""));
    }

    @Test
    void terminalAndFailureFlags() {
        assertTrue(JobState.COMPLETED.isTerminal());
        assertFalse(JobState.COMPLETED.isFailure());
        assertTrue(JobState.TIMEOUT.isFailure());
        assertFalse(JobState.RUNNING.isTerminal());
        assertTrue(JobState.RUNNING.isActive());
        assertFalse(JobState.BLOCKED.isActive());
        assertEquals("Out of memory", JobState.OUT_OF_MEMORY.label());
    }
}

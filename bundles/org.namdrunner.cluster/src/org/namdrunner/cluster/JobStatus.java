package org.namdrunner.cluster;

import org.namdrunner.core.JobState;

/**
 * The scheduler's view of one job.
 *
 * @param schedulerId the scheduler's job id
 * @param state       mapped state
 * @param rawState    the scheduler's own word (e.g. {@code CANCELLED by 1000})
 * @param reason      pending / end reason, or null
 * @param elapsed     elapsed time as the scheduler prints it, or null
 * @param exitCode    exit code of the batch script once known
 * @param nodes       node list, or null
 * @param source      {@code squeue}, {@code sacct} or {@code local}
 */
public record JobStatus(String schedulerId, JobState state, String rawState, String reason, String elapsed,
        Integer exitCode, String nodes, String source) {
}

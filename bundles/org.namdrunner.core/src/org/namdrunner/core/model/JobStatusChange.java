package org.namdrunner.core.model;

import java.time.Instant;
import java.util.Objects;

import org.namdrunner.core.JobState;

/**
 * One recorded state transition of a job.
 *
 * @param jobId  the job
 * @param from   previous state; null for the job's first record (creation or import)
 * @param to     new state
 * @param at     when the change was observed
 * @param reason why (scheduler reason, error text, user action), may be null
 * @param source who observed it, e.g. {@code "local"}, {@code "squeue"}, {@code "sacct"}, {@code "user"}, {@code "import"}
 */
public record JobStatusChange(String jobId, JobState from, JobState to, Instant at, String reason, String source) {

    public JobStatusChange {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        source = source == null || source.isBlank() ? SOURCE_LOCAL : source;
    }

    /** Source of changes made by this application itself. */
    public static final String SOURCE_LOCAL = "local";
}

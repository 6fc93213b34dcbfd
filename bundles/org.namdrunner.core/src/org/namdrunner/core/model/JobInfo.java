package org.namdrunner.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The {@code job_info.json} document NAMDRunner writes into every job's directory on the server, so the server
 * side alone is enough to rebuild the local database (and the other way round). Serialised by
 * {@link JobInfoJson}.
 *
 * @param schemaVersion version of the document format, {@link #SCHEMA_VERSION} when written by this code
 * @param job           the job record
 * @param history       the job's state transitions, oldest first
 * @param writtenAt     when the document was written
 * @param writtenBy     the writing application and version, e.g. {@code "NAMDRunner 0.1.0"}
 * @param workflow      the workflow engine's facts of the job as a JSON object text (optional, {@code "workflow"})
 */
public record JobInfo(int schemaVersion, Job job, List<JobStatusChange> history, Instant writtenAt, String writtenBy,
        String workflow) {

    /** The document version this code writes and the newest it reads. */
    public static final int SCHEMA_VERSION = 1;
    /** File name of the document in the job directory. */
    public static final String FILE_NAME = "job_info.json";

    public JobInfo {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(writtenAt, "writtenAt");
        history = history == null ? List.of() : List.copyOf(history);
        for (JobStatusChange c : history) {
            if (!c.jobId().equals(job.id())) {
                throw new IllegalArgumentException("History entry for job " + c.jobId() + " in job_info of job " + job.id());
            }
        }
    }

    /** A document without workflow facts. */
    public JobInfo(int schemaVersion, Job job, List<JobStatusChange> history, Instant writtenAt, String writtenBy) {
        this(schemaVersion, job, history, writtenAt, writtenBy, null);
    }

    /** A document in the current schema version, written now. */
    public static JobInfo of(Job job, List<JobStatusChange> history, String writtenBy) {
        return new JobInfo(SCHEMA_VERSION, job, history, Instant.now(), writtenBy);
    }

    /**
     * The same document with the workflow engine's facts of the job (parent, chain kind, dependencies, queue request,
     * automatic continuation: a JSON object written by the engine, kept as text here), or null.
     */
    public JobInfo withWorkflow(String workflowJson) {
        return new JobInfo(schemaVersion, job, history, writtenAt, writtenBy, workflowJson);
    }
}

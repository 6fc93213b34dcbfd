package org.namdrunner.automation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobInfo;
import org.namdrunner.core.model.JobInfoJson;
import org.namdrunner.core.model.JobStatusChange;
import org.namdrunner.store.Store;

/**
 * Persists every job change twice: in the local store (job row + status history in one transaction) and in
 * {@code job_info.json} in the job's directory on the server, so either side can rebuild the other.
 */
public final class JobRecorder {
    /** Written into job_info.json as {@code written_by}. */
    public static final String WRITTEN_BY = "NAMDRunner 0.1.0";

    private final Store store;

    public JobRecorder(Store store) {
        this.store = store;
    }

    public Store store() {
        return store;
    }

    /**
     * The revision of user template {@code templateId} whose text is exactly {@code templateText} (the newest such),
     * recorded on a job created from that text; null for a built-in template, a text never saved, or no template.
     */
    public Integer templateRevision(String templateId, String templateText) {
        return store.templates().revisionWithText(templateId, templateText).orElse(null);
    }

    /** Stores a new job with its first history entry (none → its state). */
    public Job insert(Job job, String reason) {
        store.jobs().insert(job, List.of(new JobStatusChange(job.id(), null, job.state(), Instant.now(), reason,
                JobStatusChange.SOURCE_LOCAL)));
        return job;
    }

    /** Stores the job (recording a state change) and rewrites its job_info.json on the server. */
    public Job record(Job job, String reason, String source, ClusterSession session, IProgressMonitor monitor)
            throws ClusterException {
        store.jobs().update(job, reason, source);
        writeJobInfo(job, session, monitor);
        return job;
    }

    /** Stores the job locally only; returns the recorded change. */
    public Optional<JobStatusChange> recordLocally(Job job, String reason, String source) {
        return store.jobs().update(job, reason, source);
    }

    /** The workflow engine's facts of a job (a JSON object), written into its job_info.json; none by default. */
    private volatile java.util.function.Function<String, String> workflowFacts = id -> null;

    /** Lets the workflow engine add its facts of each job (parent, chain kind, dependencies …) to job_info.json. */
    public void workflowFacts(java.util.function.Function<String, String> facts) {
        this.workflowFacts = java.util.Objects.requireNonNull(facts);
    }

    public String jobInfoText(Job job) {
        return JobInfoJson.write(JobInfo.of(job, store.jobs().history(job.id()), WRITTEN_BY).withWorkflow(workflowFacts.apply(job.id())));
    }

    /** Writes job_info.json (schema_version, job, history) into the job's project directory. */
    public void writeJobInfo(Job job, ClusterSession session, IProgressMonitor monitor) throws ClusterException {
        if (job.remoteProjectDir() == null) {
            return;
        }
        session.files().write(RemotePaths.join(job.remoteProjectDir(), JobInfo.FILE_NAME),
                jobInfoText(job).getBytes(StandardCharsets.UTF_8), monitor);
    }

    /** Writes the job_info.json of many jobs in one round trip. */
    public void writeJobInfos(List<Job> jobs, ClusterSession session, IProgressMonitor monitor) throws ClusterException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Job j : jobs) {
            if (j.remoteProjectDir() != null) {
                files.put(RemotePaths.join(j.remoteProjectDir(), JobInfo.FILE_NAME), jobInfoText(j).getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!files.isEmpty()) {
            session.files().writeAll(files, monitor);
        }
    }
}

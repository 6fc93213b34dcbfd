package org.namdrunner.automation;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.core.model.Job;

/**
 * What steps work on: the job (current record), the connected cluster session, the user's request, the step
 * parameters and the recorder that persists every change locally and on the server.
 */
public final class StepContext {
    private final ClusterSession session;
    private final JobRecorder recorder;
    private final JobRequest request;
    private final ConfigRenderer renderer;
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private volatile Job job;

    public StepContext(ClusterSession session, JobRecorder recorder, JobRequest request, ConfigRenderer renderer, Job job) {
        this.session = Objects.requireNonNull(session);
        this.recorder = Objects.requireNonNull(recorder);
        this.request = request;
        this.renderer = renderer == null ? ConfigRenderer.PLACEHOLDERS : renderer;
        this.job = job;
    }

    public ClusterSession session() {
        return session;
    }

    public JobRecorder recorder() {
        return recorder;
    }

    /** The creation request (null when the context was made for an existing job). */
    public JobRequest request() {
        return request;
    }

    public ConfigRenderer renderer() {
        return renderer;
    }

    /** The current job record (null before the create step). */
    public Job job() {
        return job;
    }

    /** Replaces the job held by the context without persisting (used by the create step after inserting). */
    public void setJob(Job job) {
        this.job = job;
    }

    /** Persists {@code updated} (locally and in job_info.json) and makes it the current job. */
    public Job transition(Job updated, String reason, String source, IProgressMonitor monitor) throws ClusterException {
        job = recorder.record(updated, reason, source, session, monitor);
        return job;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    public String parameter(String name, String defaultValue) {
        return parameters.getOrDefault(name, defaultValue);
    }

    public int intParameter(String name, int defaultValue) {
        String v = parameters.get(name);
        return v == null ? defaultValue : Integer.parseInt(v.strip());
    }

    /** Values steps hand to each other (e.g. the parsed NAMD log under {@code "namdLog"}). */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** Where logs and results are downloaded. */
    public Path localResultsDir() {
        Object o = attributes.get("localResultsDir");
        if (o instanceof Path p) {
            return p;
        }
        return request == null ? null : request.localResultsDir();
    }
}

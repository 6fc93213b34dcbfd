package org.namdrunner.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.namdrunner.cluster.ResourceRequest;

/**
 * What to create: a first-stage or standalone job (inputs uploaded, template rendered), or — with
 * {@link #parentJobId} — a child that continues or restarts its parent (inputs copied on the cluster, restart
 * files wired). Fluent, mutable; null fields take defaults (for children: the parent's).
 */
public final class JobSpec {
    /** Fixed id (for crash-safe re-creation), or null for a new random id. */
    public String id;
    public String name;
    public String templateId;
    /** Template text; for a child null means "the parent's rendered config". */
    public String templateText;
    public Map<String, String> values = new LinkedHashMap<>();
    public String configFile;
    public List<Path> inputs = new ArrayList<>();
    public ResourceRequest resources;
    public String module;
    public Map<String, String> environment = new LinkedHashMap<>();
    public Path localResultsDir;
    public int priority;
    public String groupId;
    /** afterok dependencies (besides the parent). */
    public List<String> dependsOn = new ArrayList<>();
    /** Parent to continue/restart from (its outputs become this job's inputs). */
    public String parentJobId;
    public RestartWiring.Mode mode = RestartWiring.Mode.CONTINUE;
    /** Automatic continuation on TIMEOUT until this total step count (0: off). */
    public long totalSteps;
    /** Cap on attempts of the automatic continuation (first job included); default 5. */
    public int maxAttempts = 5;
    /**
     * An existing job whose input files (its {@code input/} folder but its config) are copied on the cluster into this
     * job's before the local {@link #inputs} are uploaded ("duplicate": nothing is sent again); null: none.
     */
    public String inputsFromJobId;
    /** Put into the submission queue right away. */
    public boolean submit = true;
    public String runId;
    public String stepId;
    /** Renders this job's template (null: the engine's renderer); used when the job is created, not stored. */
    public transient org.namdrunner.automation.ConfigRenderer renderer;

    public static JobSpec named(String name) {
        JobSpec s = new JobSpec();
        s.name = name;
        return s;
    }

    public JobSpec id(String v) { id = v; return this; }
    public JobSpec template(String id, String text) { templateId = id; templateText = text; return this; }
    public JobSpec values(Map<String, String> v) { values = new LinkedHashMap<>(v); return this; }
    public JobSpec value(String k, String v) { values.put(k, v); return this; }
    public JobSpec configFile(String v) { configFile = v; return this; }
    public JobSpec inputs(List<Path> v) { inputs = new ArrayList<>(v); return this; }
    public JobSpec resources(ResourceRequest v) { resources = v; return this; }
    public JobSpec module(String v) { module = v; return this; }
    public JobSpec environment(Map<String, String> v) { environment = new LinkedHashMap<>(v); return this; }
    public JobSpec localResultsDir(Path v) { localResultsDir = v; return this; }
    public JobSpec priority(int v) { priority = v; return this; }
    public JobSpec groupId(String v) { groupId = v; return this; }
    public JobSpec dependsOn(String jobId) { dependsOn.add(jobId); return this; }
    public JobSpec parent(String jobId, RestartWiring.Mode m) { parentJobId = jobId; mode = m; return this; }
    public JobSpec autoContinue(long total, int cap) { totalSteps = total; maxAttempts = cap; return this; }
    public JobSpec submit(boolean v) { submit = v; return this; }
    public JobSpec inputsFrom(String jobId) { inputsFromJobId = jobId; return this; }
    public JobSpec renderer(org.namdrunner.automation.ConfigRenderer v) { renderer = v; return this; }
    public JobSpec run(String runId, String stepId) { this.runId = runId; this.stepId = stepId; return this; }
}

package org.namdrunner.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.namdrunner.store.Store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * Workflow state in the local store: one JSON document per job node and per automation run, in the settings
 * table (key prefixes {@value #PREFIX} and {@value #RUN_PREFIX}). Every write is one transaction, and the engine
 * writes intent before acting, so a process killed at any point resumes from what is stored.
 */
public final class WorkflowStore {
    public static final String PREFIX = "workflow.node.";
    public static final String RUN_PREFIX = "workflow.run.";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final Store store;

    public WorkflowStore(Store store) {
        this.store = store;
    }

    public Store store() {
        return store;
    }

    public Optional<WorkflowNode> node(String jobId) {
        return store.settings().get(PREFIX + jobId).map(s -> GSON.fromJson(s, WorkflowNode.class));
    }

    /** The nodes of the given jobs that have one, by job id (one query per 1,000 jobs). */
    public Map<String, WorkflowNode> nodes(java.util.Collection<String> jobIds) {
        Map<String, WorkflowNode> out = new java.util.HashMap<>();
        store.settings().get(jobIds.stream().map(id -> PREFIX + id).toList())
                .forEach((k, v) -> out.put(k.substring(PREFIX.length()), GSON.fromJson(v, WorkflowNode.class)));
        return out;
    }

    public void put(WorkflowNode n) {
        store.settings().put(PREFIX + n.jobId, GSON.toJson(n));
    }

    /** A node as the JSON object written into job_info.json ({@code "workflow"}). */
    public static String toJson(WorkflowNode n) {
        return GSON.toJson(n);
    }

    /**
     * Restores a node from the facts of a job_info.json (rebuild from cluster); an existing node is kept. A job that
     * has ended counts as finished: a rebuild never downloads old results again.
     *
     * @return whether a node was restored
     */
    public boolean restore(String jobId, String json, boolean ended) {
        if (node(jobId).isPresent()) {
            return false;
        }
        WorkflowNode n = GSON.fromJson(json, WorkflowNode.class);
        n.jobId = jobId;
        n.finished |= ended;
        put(n);
        return true;
    }

    public void remove(String jobId) {
        store.settings().remove(PREFIX + jobId);
    }

    public List<WorkflowNode> nodes() {
        List<WorkflowNode> out = new ArrayList<>();
        for (Map.Entry<String, String> e : store.settings().all(PREFIX).entrySet()) {
            out.add(GSON.fromJson(e.getValue(), WorkflowNode.class));
        }
        return out;
    }

    /** Automation run record: step id → job id, written before the job is created. */
    public static final class RunRecord {
        public String runId;
        public String automationId;
        public String profileId;
        public Map<String, String> jobsByStep = new java.util.LinkedHashMap<>();
        /** Contributed (non-stage) steps of the run: step id → its stage, type and parameters, and what became of it. */
        public Map<String, ContributedStep> contributedSteps = new java.util.LinkedHashMap<>();
    }

    /** A contributed step of a run: runs once after its stage completed, on that stage's (last) job. */
    public static final class ContributedStep {
        public String afterStage;
        public String type;
        public Map<String, String> parameters = new java.util.LinkedHashMap<>();
        /** null while waiting; "done", "failed: …" or "skipped: …" once settled. */
        public String outcome;
    }

    public Optional<RunRecord> run(String runId) {
        return store.settings().get(RUN_PREFIX + runId).map(s -> GSON.fromJson(s, RunRecord.class));
    }

    public void put(RunRecord r) {
        store.settings().put(RUN_PREFIX + r.runId, GSON.toJson(r));
    }
}

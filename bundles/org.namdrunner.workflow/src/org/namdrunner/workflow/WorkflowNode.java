package org.namdrunner.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the workflow engine knows about one job beyond its store record: dependencies, whether it inherits its
 * parent's outputs, the chain policy, and what the job script needs at (deferred) submission. Persisted as JSON
 * in the store's settings table under {@value WorkflowStore#PREFIX}{@code <jobId>} (mutable bean for Gson).
 */
public final class WorkflowNode {
    /** The job. */
    public String jobId;
    /** Jobs this one waits for (afterok). */
    public List<String> dependsOn = new ArrayList<>();
    /** Parent whose restart files and inputs become this job's inputs (one of {@link #dependsOn}), or null. */
    public String inheritFrom;
    /** CONTINUE (next stage) or RESTART (same stage) when {@link #inheritFrom} is set. */
    public RestartWiring.Mode mode;
    /** Template text of this job's config (null: the parent's rendered config is reused). */
    public String templateText;
    /** Template values. */
    public Map<String, String> values = new LinkedHashMap<>();
    /** Config file name in {@code input/}. */
    public String configFile = "run.namd";
    /** NAMD module (null: the profile's default). */
    public String module;
    /** GPUs per node the job asked for (0: none) and their type (null: any); kept for deferred submission. */
    public int gpus;
    public String gpuType;
    /** Extra environment of the job script. */
    public Map<String, String> environment = new LinkedHashMap<>();
    /** Local results directory (downloads), or null. */
    public String localResultsDir;
    /** Files, directories and the config are in place in the job directory. */
    public boolean prepared;
    /** The user asked to submit: the job is in the client-side queue until released. */
    public boolean submitRequested;
    /** Automatic continuation: total step count to reach (0: off). */
    public long totalSteps;
    /** Automatic continuation: maximum number of jobs in this chain of attempts (first one included). */
    public int maxAttempts;
    /** This job's attempt number in its chain of restarts (1 for the first). */
    public int attempt = 1;
    /** The restart job that continues this one (after TIMEOUT or a retry), or null. */
    public String continuedBy;
    /** The chain reached its total step count (no more continuation needed). */
    public boolean reachedTotal;
    /** Local input files uploaded into input/ (kept so an interrupted creation can finish). */
    public List<String> inputs = new ArrayList<>();
    /** A job whose input files are copied on the cluster into this job's (duplicate); null: none. */
    public String inputsFrom;
    /** Ended and finished: output copied back to the project, logs and results downloaded, scratch removed. */
    public boolean finished;
    /** Failed attempts to finish (the engine gives up after three and says so). */
    public int finishAttempts;
    /** Automation run and step this job belongs to, or null. */
    public String runId;
    public String stepId;

    public WorkflowNode() {
    }

    public WorkflowNode(String jobId) {
        this.jobId = jobId;
    }
}

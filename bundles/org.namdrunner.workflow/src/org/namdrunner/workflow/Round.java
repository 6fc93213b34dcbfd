package org.namdrunner.workflow;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.ConfigRenderer;
import org.namdrunner.automation.JobLifecycle;
import org.namdrunner.automation.JobRecorder;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.automation.StatusSync;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.StepException;
import org.namdrunner.automation.steps.FinalizeStep;
import org.namdrunner.automation.steps.Steps;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.JobFiles;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.ResourceValidator;
import org.namdrunner.cluster.Resources;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.Store;

/**
 * One scheduling round of the workflow engine ({@link Workflows#tick}), apart from the creation of jobs, chains and
 * sweeps: status sync, finishing of ended jobs, automatic continuation, repointing of dependants to continuations,
 * BLOCKED propagation and unblocking, preparation of children whose parent finished, and release from the
 * client-side submission queue. Works on the engine's store and state; made per round.
 */
final class Round {
    private final Workflows wf;
    private final Store store;
    private final WorkflowStore state;
    private final JobRecorder recorder;
    private final JobLifecycle lifecycle;
    private final ConfigRenderer renderer;

    Round(Workflows wf) {
        this.wf = wf;
        this.store = wf.store;
        this.state = wf.state;
        this.recorder = wf.recorder;
        this.lifecycle = wf.lifecycle;
        this.renderer = wf.renderer;
    }

    /**
     * One scheduling round for the session's profile: syncs statuses (one round trip), creates automatic
     * continuations of timed-out jobs, hands dependants of continued jobs to the continuation, marks dependants of
     * failed jobs BLOCKED (cancelling them on the cluster if queued there), prepares children whose parent finished,
     * and releases queued jobs — highest priority first, within the profile's cap. Safe to call again after a crash.
     */
    Workflows.TickResult tick(ClusterSession s, boolean force, IProgressMonitor monitor) throws WorkflowException {
        monitor = monitor == null ? new NullProgressMonitor() : monitor;
        List<String> problems = new ArrayList<>();
        StatusSync.Result sync;
        try {
            sync = StatusSync.sync(s, recorder, force, monitor);
        } catch (ClusterException e) {
            throw new WorkflowException("Status sync failed: " + e.getMessage(), e);
        }
        String profile = s.profile().id();
        int progressed = sync.fromCache() || sync.tracked() == 0 ? 0 : refreshProgress(s, monitor);
        finishEnded(s, problems, monitor);
        List<Job> continued = new ArrayList<>();
        // automatic continuation
        for (WorkflowNode n : state.nodes()) {
            Job j = store.jobs().find(n.jobId).orElse(null);
            if (j == null || !profile.equals(j.profileId()) || j.state() != JobState.TIMEOUT || n.totalSteps <= 0 || n.reachedTotal) {
                continue;
            }
            if (n.continuedBy != null && store.jobs().find(n.continuedBy).isPresent()) {
                continue;
            }
            if (n.attempt >= wf.maxAttempts(n) && n.continuedBy == null) {
                continue; // cap reached: dead, dependants get blocked below
            }
            try {
                if (n.continuedBy == null) {
                    if (reachedTotal(s, j, n, monitor)) {
                        n.reachedTotal = true;
                        state.put(n);
                        continue;
                    }
                    n.continuedBy = UUID.randomUUID().toString();
                    state.put(n); // intent first
                }
                // the steps left at the measured speed, within the partition's maximum (else the parent's wall time)
                continued.add(wf.createChild(s, JobSpec.named(baseName(j.name()) + "-cont" + (n.attempt + 1)).id(n.continuedBy)
                        .parent(j.id(), RestartWiring.Mode.RESTART).resources(wf.measuredResources(s, j, RestartWiring.Mode.RESTART)),
                        monitor));
            } catch (WorkflowException e) {
                problems.add(e.getMessage());
            }
        }
        List<Job> unblocked = repoint(s, monitor);
        List<Job> blocked = propagate(s, monitor);
        unblocked.addAll(unblockResolved(monitor));
        // prepare children whose parent finished
        Map<String, WorkflowNode> nodes = wf.nodeMap();
        for (WorkflowNode n : nodes.values()) {
            if (n.prepared || n.inheritFrom == null) {
                continue;
            }
            Job j = store.jobs().find(n.jobId).orElse(null);
            Job p = store.jobs().find(n.inheritFrom).orElse(null);
            if (j == null || p == null || !profile.equals(j.profileId()) || j.state() == JobState.BLOCKED || !wf.canInherit(p, n)) {
                continue;
            }
            try {
                wf.prepareFromParent(s, n, p, monitor);
            } catch (WorkflowException e) {
                problems.add(e.getMessage());
                fail(s, j, e.getMessage(), monitor);
            }
        }
        List<Job> released = release(s, problems, monitor);
        return new Workflows.TickResult(sync.tracked(), sync.changed(), released, blocked, unblocked, continued, problems,
                progressed);
    }

    /**
     * Progress facts of the profile's running jobs from their NAMD logs: one more round trip for all of them, only
     * after a status query that reached the cluster (so within the profile's etiquette). Best effort: a failure
     * leaves the facts as they were and is no problem of the round.
     */
    private int refreshProgress(ClusterSession s, IProgressMonitor monitor) {
        org.namdrunner.store.JobQuery q = org.namdrunner.store.JobQuery.all().withStates(java.util.EnumSet.of(JobState.RUNNING));
        q = new org.namdrunner.store.JobQuery(q.text(), q.states(), null, null, s.profile().id(), null, null, q.sort(), true, 0,
                org.namdrunner.store.JobQuery.MAX_LIMIT);
        Map<String, WorkflowNode> nodes = wf.nodeMap();
        try {
            return org.namdrunner.automation.ProgressSync.refresh(s, store, store.jobs().list(q), j -> {
                WorkflowNode n = nodes.get(j.id());
                return n == null ? null : n.configFile;
            }, j -> {
                WorkflowNode n = nodes.get(j.id());
                return n == null ? null : n.gpus;
            }, monitor).size();
        } catch (ClusterException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Finishes the profile's ended jobs that asked for it (a local results folder): output copied back from scratch
     * when the job script could not, logs and results downloaded, scratch removed — once per job, so the automatic
     * sync alone takes a job from the queue to downloaded results.
     */
    private void finishEnded(ClusterSession s, List<String> problems, IProgressMonitor monitor) {
        String profile = s.profile().id();
        for (WorkflowNode n : state.nodes()) {
            if (n.finished || n.localResultsDir == null || n.finishAttempts >= Workflows.FINISH_ATTEMPTS || monitor.isCanceled()) {
                continue;
            }
            Job j = store.jobs().find(n.jobId).orElse(null);
            if (j == null || !profile.equals(j.profileId()) || !j.state().isTerminal() || j.slurmJobId() == null) {
                continue;
            }
            JobRequest req = new JobRequest(j.name(), j.templateId(), null, j.templateValues(), n.configFile, List.of(),
                    null, n.module, n.environment, Path.of(n.localResultsDir));
            StepContext ctx = new StepContext(s, recorder, req, renderer, j);
            try {
                lifecycle.run(ctx, List.of(Steps.FINALIZE, Steps.DOWNLOAD, Steps.CLEANUP), monitor);
                n.finished = true;
                recordFinalProgress(j, n, ctx);
            } catch (StepException e) {
                if (e.getKind() == ClusterException.Kind.CANCELLED) {
                    return;
                }
                n.finishAttempts++;
                problems.add("Finishing '" + j.name() + "' failed" + (n.finishAttempts >= Workflows.FINISH_ATTEMPTS ? " " + Workflows.FINISH_ATTEMPTS
                        + " times; download its results from the job editor" : "") + ": " + e.getMessage());
            }
            state.put(n);
        }
    }

    /** The ended job's speed from its whole downloaded log (also for a job too short to be seen running twice). */
    private void recordFinalProgress(Job j, WorkflowNode n, StepContext ctx) {
        if (ctx.attributes().get(Steps.ATTR_NAMD_LOG) instanceof org.namdrunner.automation.namdlog.NamdLog log) {
            try {
                org.namdrunner.core.model.JobProgress p = org.namdrunner.automation.ProgressSync.atEnd(j,
                        store.jobs().progress(j.id()).orElse(null), log, n.gpus, Instant.now());
                if (p != null) {
                    store.jobs().putProgress(p);
                }
            } catch (RuntimeException e) {
                // best effort: the job is finished either way
            }
        }
    }

    private static String baseName(String name) {
        return name.replaceAll("-cont[0-9]+$", "");
    }

    private boolean reachedTotal(ClusterSession s, Job j, WorkflowNode n, IProgressMonitor monitor) {
        try {
            WorkflowNode jn = state.node(j.id()).orElse(null);
            String cfg = new String(s.files().read(RemotePaths.join(wf.dir(j, JobScriptSpec.INPUT_DIR),
                    jn != null && jn.configFile != null ? jn.configFile : "run.namd"), monitor), StandardCharsets.UTF_8);
            Optional<RestartFiles> rf = RestartFiles.detect(s.files().list(wf.dir(j, JobScriptSpec.OUTPUT_DIR), monitor),
                    s.files().list(wf.dir(j, JobScriptSpec.INPUT_DIR), monitor), RestartFiles.outputName(cfg));
            if (rf.isPresent() && rf.get().xsc() != null) {
                var st = RestartFiles.stepOfXsc(new String(s.files().read(RemotePaths.join(wf.dir(j, JobScriptSpec.OUTPUT_DIR),
                        rf.get().xsc()), monitor), StandardCharsets.UTF_8));
                return st.present() && st.step() >= n.totalSteps;
            }
        } catch (ClusterException e) {
            return false;
        }
        return false;
    }

    private void fail(ClusterSession s, Job j, String reason, IProgressMonitor monitor) {
        try {
            recorder.record(j.toBuilder().state(JobState.FAILED).reason(reason).endedAt(Instant.now()).build(), reason, "workflow", s, monitor);
        } catch (ClusterException e) {
            recorder.recordLocally(j.toBuilder().state(JobState.FAILED).reason(reason).endedAt(Instant.now()).build(), reason, "workflow");
        }
    }

    /** Dependants of continued jobs wait for the continuation instead; those the cluster dropped are reset. */
    List<Job> repoint(ClusterSession s, IProgressMonitor monitor) throws WorkflowException {
        Map<String, WorkflowNode> nodes = wf.nodeMap();
        List<Job> unblocked = new ArrayList<>();
        for (WorkflowNode n : nodes.values()) {
            boolean changed = false;
            boolean lostDependency = false;
            for (int i = 0; i < n.dependsOn.size(); i++) {
                String d = n.dependsOn.get(i);
                String last = d;
                for (int guard = 0; guard < 10_000; guard++) {
                    WorkflowNode dn = nodes.get(last);
                    if (dn == null || dn.continuedBy == null || !store.jobs().find(dn.continuedBy).isPresent()) {
                        break;
                    }
                    last = dn.continuedBy;
                }
                if (!last.equals(d) && !n.jobId.equals(last)) {
                    n.dependsOn.set(i, last);
                    if (d.equals(n.inheritFrom) && n.mode == RestartWiring.Mode.CONTINUE) {
                        n.inheritFrom = last;
                    }
                    changed = true;
                    lostDependency = true;
                }
            }
            if (!changed) {
                continue;
            }
            state.put(n);
            Job j = store.jobs().find(n.jobId).orElse(null);
            if (j != null && lostDependency && needsReset(j)) {
                unblocked.add(reset(s, j, "dependency continued: waiting for " + wf.label(n.dependsOn.get(0)), monitor));
            }
        }
        return unblocked;
    }

    /** A dependant that the cluster dropped (or that waits there on the old job) and must be submitted again. */
    private boolean needsReset(Job j) {
        return j.state() == JobState.BLOCKED || cancelledForDependency(j) || j.slurmJobId() != null && j.state() == JobState.PENDING;
    }

    /**
     * Cancelled by the scheduler because a dependency can never be satisfied: Slurm with {@code kill_invalid_depend}
     * cancels such a job at once (sacct then reports no reason), so besides a dependency reason, a cancelled job
     * that never ran and that nobody cancelled through NAMDRunner counts too.
     */
    private boolean cancelledForDependency(Job j) {
        if (j.state() != JobState.CANCELLED) {
            return false;
        }
        if (Workflows.isDependencyReason(j.reason())) {
            return true;
        }
        return store.jobs().history(j.id()).stream()
                .noneMatch(h -> h.to() == JobState.RUNNING || h.to() == JobState.COMPLETING || "user".equals(h.source()));
    }

    private Job reset(ClusterSession s, Job j, String reason, IProgressMonitor monitor) throws WorkflowException {
        try {
            if (j.slurmJobId() != null && j.state().isActive()) {
                s.cancel(List.of(j.slurmJobId()), monitor);
            }
            return recorder.record(j.toBuilder().state(JobState.CREATED).slurmJobId(null).submittedAt(null).startedAt(null)
                    .endedAt(null).exitCode(null).submitIntentToken(null).reason(reason).build(), reason, "workflow", s, monitor);
        } catch (ClusterException e) {
            throw new WorkflowException("Resetting '" + j.name() + "' failed: " + e.getMessage(), e);
        }
    }

    /** Every job waiting on a dead job becomes BLOCKED, with the reason; queued on the cluster ones are cancelled. */
    private List<Job> propagate(ClusterSession s, IProgressMonitor monitor) throws WorkflowException {
        List<Job> blocked = new ArrayList<>();
        boolean again = true;
        while (again) {
            again = false;
            Map<String, WorkflowNode> nodes = wf.nodeMap();
            for (WorkflowNode n : nodes.values()) {
                Job j = store.jobs().find(n.jobId).orElse(null);
                if (j == null || j.state() == JobState.BLOCKED || j.state() == JobState.RUNNING || j.state() == JobState.COMPLETING
                        || j.state().isTerminal() && !cancelledForDependency(j)) {
                    continue;
                }
                for (String d : n.dependsOn) {
                    Job dj = store.jobs().find(d).orElse(null);
                    if (dj != null && wf.dead(dj, nodes)) {
                        String reason = "dependency '" + dj.name() + "' " + (dj.state() == JobState.BLOCKED || cancelledForDependency(dj) ? "is blocked"
                                : "ended " + dj.state().label().toLowerCase(Locale.ROOT)) + "; retry it to unblock";
                        try {
                            if (j.slurmJobId() != null && j.state().isActive()) {
                                s.cancel(List.of(j.slurmJobId()), monitor);
                            }
                            blocked.add(recorder.record(j.toBuilder().state(JobState.BLOCKED).reason(reason).build(), reason, "workflow", s, monitor));
                        } catch (ClusterException e) {
                            throw new WorkflowException("Blocking '" + j.name() + "' failed: " + e.getMessage(), e);
                        }
                        again = true;
                        break;
                    }
                }
            }
        }
        return blocked;
    }

    /** BLOCKED jobs none of whose dependencies is dead any more (after a retry) go back to the queue. */
    private List<Job> unblockResolved(IProgressMonitor monitor) {
        List<Job> out = new ArrayList<>();
        Map<String, WorkflowNode> nodes = wf.nodeMap();
        for (WorkflowNode n : nodes.values()) {
            Job j = store.jobs().find(n.jobId).orElse(null);
            if (j == null || j.state() != JobState.BLOCKED) {
                continue;
            }
            boolean anyDead = false;
            for (String d : n.dependsOn) {
                Job dj = store.jobs().find(d).orElse(null);
                anyDead |= dj == null || wf.dead(dj, nodes);
            }
            if (!anyDead) {
                Job r = j.toBuilder().state(JobState.CREATED).slurmJobId(null).submittedAt(null).submitIntentToken(null)
                        .reason("unblocked").build();
                recorder.recordLocally(r, "unblocked: its dependencies were retried", "workflow");
                out.add(r);
            }
        }
        return out;
    }

    private boolean schedulerDependencies(ClusterSession s) {
        String p = s.profile().property(Workflows.SCHEDULER_DEPS_PROPERTY);
        if (p != null && !p.isBlank()) {
            return Boolean.parseBoolean(p.strip());
        }
        return s.supportsDependencies();
    }

    private List<Job> release(ClusterSession s, List<String> problems, IProgressMonitor monitor) {
        String profile = s.profile().id();
        boolean schedDeps = schedulerDependencies(s);
        List<Job> ready = new ArrayList<>();
        Map<String, String> dependency = new HashMap<>();
        for (WorkflowNode n : state.nodes()) {
            if (!n.submitRequested || !n.prepared) {
                continue;
            }
            Job j = store.jobs().find(n.jobId).orElse(null);
            if (j == null || !profile.equals(j.profileId()) || j.slurmJobId() != null || !Workflows.UNSUBMITTED.contains(j.state())) {
                continue;
            }
            boolean ok = true;
            List<String> schedIds = new ArrayList<>();
            for (String d : n.dependsOn) {
                Job dj = store.jobs().find(d).orElse(null);
                if (dj == null) {
                    ok = false;
                    break;
                }
                if (wf.satisfied(dj) || d.equals(n.inheritFrom) && n.mode == RestartWiring.Mode.RESTART && dj.state().isTerminal()) {
                    continue; // a restart (retry, automatic continuation) runs once its parent has ended, whatever the end
                }
                if (schedDeps && !d.equals(n.inheritFrom) && profile.equals(dj.profileId()) && dj.slurmJobId() != null
                        && dj.state().isActive() && dj.state() != JobState.SUBMITTING) {
                    schedIds.add(dj.slurmJobId());
                    continue;
                }
                ok = false;
                break;
            }
            if (ok || j.state() == JobState.SUBMITTING) {
                ready.add(j);
                if (!schedIds.isEmpty()) {
                    dependency.put(j.id(), "afterok:" + String.join(":", schedIds));
                }
            }
        }
        int cap = wf.cap(s.profile());
        int inQueue = wf.inQueue(profile);
        List<Job> released = new ArrayList<>();
        for (Job j : SubmissionQueue.release(ready, inQueue, cap)) {
            if (monitor.isCanceled()) {
                break;
            }
            try {
                released.add(submitNow(s, j, dependency.get(j.id()), monitor));
            } catch (WorkflowException e) {
                problems.add(e.getMessage());
            }
        }
        return released;
    }

    private Job submitNow(ClusterSession s, Job j, String dependency, IProgressMonitor monitor) throws WorkflowException {
        WorkflowNode n = state.node(j.id()).orElseThrow();
        JobRequest req = new JobRequest(j.name(), j.templateId(), null, j.templateValues(), n.configFile, List.of(),
                new ResourceRequest(j.partition(), j.qos(), j.cores(), j.nodes(), j.memoryMb(), j.wallTimeMinutes(), null,
                        n.gpus, n.gpuType),
                n.module, n.environment, n.localResultsDir == null ? null : Path.of(n.localResultsDir));
        StepContext ctx = new StepContext(s, recorder, req, renderer, j);
        if (dependency != null) {
            ctx.attributes().put(Steps.ATTR_DEPENDENCY, dependency);
        }
        try {
            lifecycle.run(ctx, List.of(Steps.SCRIPT, Steps.SUBMIT), monitor);
            return ctx.job();
        } catch (StepException e) {
            throw new WorkflowException("Submitting '" + j.name() + "' failed: " + e.getMessage(), e);
        }
    }
}

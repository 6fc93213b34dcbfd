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
 * The workflow engine: chains (continue / restart as one mechanism), dependencies with cycle refusal, failure
 * propagation (BLOCKED) and unblocking by retry, automatic continuation on TIMEOUT, the per-cluster client-side
 * submission queue (priority first, per-profile cap) and sweeps. All state is in the store (jobs + workflow
 * nodes) and every action writes its intent first, so {@link #tick} can be called again after a crash and carries
 * on: no job is lost and none is submitted twice (submission goes through the lifecycle's intent-token submit).
 *
 * <p>Not thread-safe per instance: one driver (UI job or CLI loop) calls {@link #tick} for a profile at a time.
 */
public final class Workflows {
    /** Restart files get these names in the child's {@code input/}. */
    public static final String RESTART_BASE = "restart";
    /** Profile property overriding whether scheduler dependencies are used ("true"/"false"). */
    public static final String SCHEDULER_DEPS_PROPERTY = "workflow.schedulerDependencies";

    final Store store;
    final WorkflowStore state;
    final JobRecorder recorder;
    final JobLifecycle lifecycle;
    final ConfigRenderer renderer;

    public Workflows(Store store, AutomationStepRegistry registry, ConfigRenderer renderer) {
        this.store = store;
        this.state = new WorkflowStore(store);
        this.recorder = new JobRecorder(store);
        this.recorder.workflowFacts(id -> state.node(id).map(WorkflowStore::toJson).orElse(null));
        this.lifecycle = new JobLifecycle(registry);
        this.renderer = renderer == null ? ConfigRenderer.PLACEHOLDERS : renderer;
    }

    public WorkflowStore state() {
        return state;
    }

    public Store store() {
        return store;
    }

    public JobRecorder recorder() {
        return recorder;
    }

    Job job(String id) throws WorkflowException {
        return store.jobs().find(id).orElseThrow(() -> new WorkflowException("No job with id " + id));
    }

    String label(String id) {
        return store.jobs().find(id).map(j -> "'" + j.name() + "'").orElse(id);
    }

    // ------------------------------------------------------------------ creation

    /**
     * Creates a job (or, with {@link JobSpec#parentJobId}, a child of it). Idempotent for a fixed {@link JobSpec#id}:
     * calling it again after a crash completes what was not done. The job is queued when {@link JobSpec#submit};
     * {@link #tick} releases it.
     */
    public Job create(ClusterSession s, JobSpec spec, IProgressMonitor monitor) throws WorkflowException {
        if (spec.parentJobId != null) {
            return createChild(s, spec, monitor);
        }
        String id = spec.id != null ? spec.id : UUID.randomUUID().toString();
        try {
            Optional<Job> existing = store.jobs().find(id);
            WorkflowNode n = state.node(id).orElse(null);
            if (existing.isEmpty()) {
                Names.requireJobName(spec.name);
                String config = spec.configFile == null ? "run.namd" : spec.configFile;
                Names.requireFileName(config);
                for (Path p : spec.inputs) {
                    Names.requireFileName(p.getFileName().toString());
                }
                if (spec.templateText == null) {
                    throw new WorkflowException("Job '" + spec.name + "' needs a template (or a parent to continue from)");
                }
                checkNewDependencies(id, spec.dependsOn);
                Resources r = ResourceValidator.resolve(s.profile(), spec.resources);
                // values are checked (defaults, declared types) before anything is recorded or created
                (spec.renderer != null ? spec.renderer : renderer).render(spec.templateText, spec.values);
                n = new WorkflowNode(id);
                n.dependsOn.addAll(spec.dependsOn);
                n.templateText = spec.templateText;
                n.values.putAll(spec.values);
                n.configFile = config;
                n.module = spec.module;
                n.gpus = r.gpus();
                n.gpuType = r.gpuType();
                n.environment.putAll(spec.environment);
                n.localResultsDir = spec.localResultsDir == null ? null : spec.localResultsDir.toString();
                n.submitRequested = spec.submit;
                n.totalSteps = spec.totalSteps;
                n.maxAttempts = spec.maxAttempts;
                n.runId = spec.runId;
                n.stepId = spec.stepId;
                n.inputs = spec.inputs.stream().map(Path::toString).toList();
                if (spec.inputsFromJobId != null) {
                    job(spec.inputsFromJobId); // it exists
                    n.inputsFrom = spec.inputsFromJobId;
                }
                state.put(n); // intent first
                Job job = newJob(s, id, spec.name, r, spec.templateId, recorder.templateRevision(spec.templateId, spec.templateText),
                        spec.values, null, spec.groupId, spec.priority);
                recorder.insert(job, "created");
            } else if (n == null) {
                throw new WorkflowException("Job " + id + " exists but is not managed by workflows");
            }
            Job job = job(id);
            if (!n.prepared) {
                prepareNode(s, job, n, spec.renderer != null ? spec.renderer : renderer, monitor);
            }
            return job;
        } catch (ClusterException e) {
            throw new WorkflowException("Creating job '" + spec.name + "' failed: " + e.getMessage(), e);
        } catch (StepException e) {
            throw new WorkflowException("Rendering the config of '" + spec.name + "' failed: " + e.getMessage(), e);
        }
    }

    /** The job's folders, its inputs (shared on the cluster: each content sent once, SharedInputs), config and job_info.json. */
    private void prepareNode(ClusterSession s, Job job, WorkflowNode n, ConfigRenderer r, IProgressMonitor monitor)
            throws ClusterException, StepException {
        JobFiles f = s.files();
        f.mkdirs(monitor, dir(job, JobScriptSpec.INPUT_DIR), dir(job, JobScriptSpec.LOG_DIR), dir(job, JobScriptSpec.OUTPUT_DIR));
        if (n.inputsFrom != null) {
            Job source = store.jobs().find(n.inputsFrom).orElseThrow(() -> new ClusterException(
                    ClusterException.Kind.INVALID_REQUEST, "The job whose inputs '" + job.name() + "' copies was deleted"));
            copyInputsOf(s, source, job, monitor);
        }
        f.uploadInputs(n.inputs.stream().map(Path::of).toList(), dir(job, JobScriptSpec.INPUT_DIR), monitor);
        String config = r.render(n.templateText, n.values);
        f.write(RemotePaths.join(dir(job, JobScriptSpec.INPUT_DIR), n.configFile), config.getBytes(StandardCharsets.UTF_8), monitor);
        recorder.writeJobInfo(job, s, monitor);
        n.prepared = true;
        state.put(n);
    }

    /**
     * Finishes preparing a job whose creation was interrupted (a cut connection, a killed process) from what its node
     * recorded (inputs, template text, values, config name), so that Submit can release it instead of leaving it
     * "waiting: its inputs are being prepared". A prepared job is returned as it is; a chain child whose preparation
     * was interrupted is prepared again by {@link #create} with its spec.
     */
    public Job prepare(ClusterSession s, String jobId, IProgressMonitor monitor) throws WorkflowException {
        Job job = job(jobId);
        WorkflowNode n = state.node(jobId).orElseThrow(() -> new WorkflowException("Job '" + job.name() + "' is not managed by workflows"));
        if (n.prepared) {
            return job;
        }
        if (n.inheritFrom != null || n.templateText == null) {
            throw new WorkflowException("Job '" + job.name() + "' continues another job and was not completely created: continue the "
                    + "other job again");
        }
        try {
            prepareNode(s, job, n, renderer, monitor);
            return job(jobId);
        } catch (ClusterException e) {
            throw new WorkflowException("Preparing job '" + job.name() + "' failed: " + e.getMessage(), e);
        } catch (StepException e) {
            throw new WorkflowException("Rendering the config of '" + job.name() + "' failed: " + e.getMessage(), e);
        }
    }

    /** A new job record; {@code templateRevision}: the user-template revision its config comes from (null: none). */
    private Job newJob(ClusterSession s, String id, String name, Resources r, String templateId, Integer templateRevision,
            Map<String, String> values, String parent, String group, int priority) {
        String dirName = Names.slug(name) + "-" + id.substring(0, 8);
        String project = RemotePaths.join(s.projectRoot(), dirName);
        String scratch = s.scratchRoot().isEmpty() ? null : RemotePaths.join(s.scratchRoot(), dirName);
        return Job.builder().id(id).name(name).profileId(s.profile().id()).templateId(templateId)
                .templateRevision(templateRevision).state(JobState.CREATED).partition(r.partition()).qos(r.qos())
                .cores(r.cores()).nodes(r.nodes()).memoryMb(r.memoryMb())
                .wallTimeMinutes(r.wallTimeMinutes()).templateValues(values).remoteProjectDir(project).remoteScratchDir(scratch)
                .parentJobId(parent).groupId(group).priority(priority).build();
    }

    static String dir(Job job, String sub) {
        return RemotePaths.join(job.remoteProjectDir(), sub);
    }

    /**
     * A child of {@code spec.parentJobId}: "continue" (next stage, own template or the parent's) or "restart" (the
     * same stage again after TIMEOUT or a failure). Its inputs are the parent's inputs plus its restart files, copied
     * on the cluster into the child's own directory when the parent has finished; the restart keywords are wired into
     * the child's config.
     */
    public Job createChild(ClusterSession s, JobSpec spec, IProgressMonitor monitor) throws WorkflowException {
        Job parent = job(spec.parentJobId);
        WorkflowNode pn = state.node(parent.id()).orElse(null);
        String id = spec.id != null ? spec.id : UUID.randomUUID().toString();
        try {
            WorkflowNode n = state.node(id).orElse(null);
            if (store.jobs().find(id).isEmpty()) {
                String name = spec.name != null ? spec.name
                        : parent.name() + (spec.mode == RestartWiring.Mode.RESTART ? "-restart" : "-next");
                Names.requireJobName(name);
                List<String> deps = new ArrayList<>();
                deps.add(parent.id());
                spec.dependsOn.stream().filter(d -> !deps.contains(d)).forEach(deps::add);
                checkNewDependencies(id, deps);
                ResourceRequest rr = spec.resources != null ? spec.resources
                        : new ResourceRequest(parent.partition(), parent.qos(), parent.cores(), parent.nodes(), parent.memoryMb(),
                                parent.wallTimeMinutes(), null, pn == null ? null : pn.gpus, pn == null ? null : pn.gpuType);
                Resources r = ResourceValidator.resolve(s.profile(), rr);
                if (n == null && spec.templateText != null) {
                    try {
                        renderer.render(spec.templateText, spec.values);
                    } catch (StepException e) {
                        throw new WorkflowException("Rendering the config of '" + name + "' failed: " + e.getMessage(), e);
                    }
                }
                if (n == null) {
                    n = new WorkflowNode(id);
                    n.dependsOn.addAll(deps);
                    n.inheritFrom = parent.id();
                    n.mode = spec.mode;
                    n.templateText = spec.templateText;
                    n.values.putAll(spec.templateText == null && spec.values.isEmpty() ? parent.templateValues() : spec.values);
                    n.configFile = spec.configFile != null ? spec.configFile : pn != null ? pn.configFile : "run.namd";
                    n.module = spec.module != null ? spec.module : pn == null ? null : pn.module;
                    n.gpus = r.gpus();
                    n.gpuType = r.gpuType();
                    n.environment.putAll(!spec.environment.isEmpty() || pn == null ? spec.environment : pn.environment);
                    n.localResultsDir = spec.localResultsDir != null ? spec.localResultsDir.toString() : null;
                    n.submitRequested = spec.submit;
                    n.totalSteps = spec.totalSteps > 0 ? spec.totalSteps
                            : spec.mode == RestartWiring.Mode.RESTART && pn != null ? pn.totalSteps : 0;
                    n.maxAttempts = spec.totalSteps > 0 ? spec.maxAttempts : pn != null ? pn.maxAttempts : spec.maxAttempts;
                    n.attempt = spec.mode == RestartWiring.Mode.RESTART && pn != null ? pn.attempt + 1 : 1;
                    n.runId = spec.runId != null ? spec.runId : pn == null ? null : pn.runId;
                    n.stepId = spec.stepId != null ? spec.stepId : pn == null ? null : pn.stepId;
                    n.inputs = spec.inputs.stream().map(Path::toString).toList();
                    state.put(n); // intent first
                }
                String templateId = spec.templateId != null ? spec.templateId : parent.templateId();
                // a child rendering its own text names that text's revision; one continuing the parent's config keeps the parent's
                Integer revision = spec.templateText != null ? recorder.templateRevision(templateId, spec.templateText)
                        : parent.templateRevision();
                Job job = newJob(s, id, name, r, templateId, revision, n.values,
                        parent.id(), spec.groupId != null ? spec.groupId : parent.groupId(), spec.priority != 0 ? spec.priority : parent.priority());
                recorder.insert(job, (spec.mode == RestartWiring.Mode.RESTART ? "restart" : "continuation") + " of " + parent.name());
            }
            Job job = job(id);
            n = state.node(id).orElseThrow();
            s.files().mkdirs(monitor, dir(job, JobScriptSpec.INPUT_DIR), dir(job, JobScriptSpec.LOG_DIR), dir(job, JobScriptSpec.OUTPUT_DIR));
            recorder.writeJobInfo(job, s, monitor);
            if (!n.prepared && canInherit(parent, n)) {
                prepareFromParent(s, n, parent, monitor);
            }
            return job(id);
        } catch (ClusterException e) {
            throw new WorkflowException("Creating the child of '" + parent.name() + "' failed: " + e.getMessage(), e);
        }
    }

    boolean canInherit(Job parent, WorkflowNode child) {
        return child.mode == RestartWiring.Mode.RESTART ? parent.state().isTerminal() : satisfied(parent);
    }

    /**
     * The resources of a continuation or restart of {@code parent} (the user's or the automatic one after a
     * TIMEOUT): the parent's, with the wall time its steps need at the parent's measured speed
     * ({@link #proposedWallMinutes}, within the partition's maximum); null when there is no measured speed or the
     * proposal is the parent's own wall time (then the child keeps the parent's resources).
     */
    public ResourceRequest measuredResources(ClusterSession s, Job parent, RestartWiring.Mode mode) {
        Integer max = parent.partition() == null ? null
                : s.profile().partition(parent.partition()).map(org.namdrunner.cluster.PartitionSpec::maxWallMinutes).orElse(null);
        Integer wall = proposedWallMinutes(parent, store.jobs().progress(parent.id()).orElse(null), mode, max);
        if (wall == null || wall.equals(parent.wallTimeMinutes())) {
            return null;
        }
        WorkflowNode n = state.node(parent.id()).orElse(null);
        return new ResourceRequest(parent.partition(), parent.qos(), parent.cores(), parent.nodes(), parent.memoryMb(), wall,
                null, n == null ? null : n.gpus, n == null ? null : n.gpuType);
    }

    /**
     * The wall time for a continuation or restart of {@code parent} from its measured speed: the steps the child runs
     * (a continuation: the parent's steps again; a restart: the steps the parent had left) at the parent's seconds per
     * step on the same resources, plus {@link org.namdrunner.automation.draft.RunEstimate#MARGIN}, rounded up to 5
     * minutes, at most {@code maxMinutes} (the partition's maximum; null: none). Null when the speed or the steps are
     * not known: then the parent's wall time is kept.
     */
    public static Integer proposedWallMinutes(Job parent, org.namdrunner.core.model.JobProgress p, RestartWiring.Mode mode,
            Integer maxMinutes) {
        if (p == null || p.secondsPerStep() == null || p.totalSteps() == null) {
            return null;
        }
        long steps = mode == RestartWiring.Mode.RESTART ? p.totalSteps() - p.stepsDone() : p.totalSteps();
        if (steps <= 0) {
            return null;
        }
        int gpus = p.gpus() == null ? 0 : p.gpus();
        org.namdrunner.automation.draft.RunEstimate e = org.namdrunner.automation.draft.RunEstimate.of(parent.cores(),
                parent.nodes(), gpus, parent.wallTimeMinutes(), steps,
                new org.namdrunner.automation.draft.RunEstimate.Speed(p.secondsPerStep(), parent.cores(), gpus, parent.name()));
        return e.proposedMinutes(maxMinutes);
    }

    /** Copies {@code source}'s input files (not its config) into {@code target}'s input/ on the cluster. */
    private void copyInputsOf(ClusterSession s, Job source, Job target, IProgressMonitor monitor) throws ClusterException {
        JobFiles f = s.files();
        String from = dir(source, JobScriptSpec.INPUT_DIR);
        String to = dir(target, JobScriptSpec.INPUT_DIR);
        String sourceConfig = state.node(source.id()).map(x -> x.configFile).orElse("run.namd");
        Map<String, String> copies = new LinkedHashMap<>();
        Set<String> subdirs = new LinkedHashSet<>();
        for (String in : f.list(from, monitor)) {
            if (in.equals(sourceConfig)) {
                continue; // the new job's config is rendered from its own values
            }
            if (in.contains("/")) {
                subdirs.add(RemotePaths.join(to, in.substring(0, in.lastIndexOf('/'))));
            }
            copies.put(RemotePaths.join(from, in), RemotePaths.join(to, in));
        }
        if (!subdirs.isEmpty()) {
            f.mkdirs(monitor, subdirs.toArray(String[]::new));
        }
        f.copyFiles(copies, monitor);
    }

    /**
     * What made {@code jobId}, as a spec for a new job with the same template text, values, config name, resources,
     * module, environment and priority (not its group or chain: the new job stands alone), whose inputs are copied from it on the cluster ("duplicate"). The
     * caller names it and may change any of it. A job the engine did not create (imported by a rebuild) has its config
     * read from the cluster as the template.
     */
    public JobSpec recipe(ClusterSession s, String jobId, IProgressMonitor monitor) throws WorkflowException {
        Job j = job(jobId);
        WorkflowNode n = state.node(jobId).orElse(null);
        JobSpec spec = JobSpec.named(j.name()).values(j.templateValues()).inputsFrom(jobId).priority(j.priority());
        spec.resources = new ResourceRequest(j.partition(), j.qos(), j.cores(), j.nodes(), j.memoryMb(), j.wallTimeMinutes(),
                null, n != null && n.gpus > 0 ? n.gpus : null, n != null ? n.gpuType : null);
        if (n != null && n.templateText != null) {
            spec.template(j.templateId(), n.templateText).configFile(n.configFile).module(n.module).environment(n.environment);
            spec.values(n.values);
            return spec;
        }
        String config = n != null && n.configFile != null ? n.configFile : "run.namd";
        try {
            String text = new String(s.files().read(RemotePaths.join(dir(j, JobScriptSpec.INPUT_DIR), config), monitor),
                    StandardCharsets.UTF_8);
            return spec.template(j.templateId(), text).configFile(config).module(n != null ? n.module : null);
        } catch (ClusterException e) {
            throw new WorkflowException("The config of '" + j.name() + "' cannot be read from the cluster to duplicate it: "
                    + e.getMessage(), e);
        }
    }

    /** Copies the parent's inputs and restart files into the child's input/ on the cluster and writes the wired config. */
    void prepareFromParent(ClusterSession s, WorkflowNode n, Job parent, IProgressMonitor monitor) throws WorkflowException {
        Job child = job(n.jobId);
        WorkflowNode pn = state.node(parent.id()).orElse(null);
        String parentConfigName = pn != null ? pn.configFile : "run.namd";
        try {
            JobFiles f = s.files();
            // a job killed before its script copied results back: copy scratch -> output first
            StepContext pctx = new StepContext(s, recorder, null, renderer, parent);
            try {
                new FinalizeStep().execute(pctx, monitor);
            } catch (StepException e) {
                throw new WorkflowException("Collecting the results of '" + parent.name() + "' failed: " + e.getMessage(), e);
            }
            String pin = dir(parent, JobScriptSpec.INPUT_DIR);
            String pout = dir(parent, JobScriptSpec.OUTPUT_DIR);
            String cin = dir(child, JobScriptSpec.INPUT_DIR);
            List<String> inputs = f.list(pin, monitor);
            List<String> outputs = f.list(pout, monitor);
            String parentConfig = new String(f.read(RemotePaths.join(pin, parentConfigName), monitor), StandardCharsets.UTF_8);
            Optional<RestartFiles> restart = RestartFiles.detect(outputs, inputs, RestartFiles.outputName(parentConfig));
            if (restart.isEmpty() && n.mode != RestartWiring.Mode.RESTART) {
                throw new WorkflowException("'" + parent.name() + "' left no restart files (<name>.coor/.vel/.xsc) in "
                        + pout + ": nothing to continue from");
            }
            Map<String, String> copies = new LinkedHashMap<>();
            Set<String> subdirs = new LinkedHashSet<>();
            for (String in : inputs) {
                if (in.contains("/")) {
                    subdirs.add(RemotePaths.join(cin, in.substring(0, in.lastIndexOf('/'))));
                }
                copies.put(RemotePaths.join(pin, in), RemotePaths.join(cin, in));
            }
            String coor = null;
            String vel = null;
            String xsc = null;
            if (restart.isPresent()) {
                RestartFiles rf = restart.get();
                coor = RESTART_BASE + ".coor";
                copies.put(RemotePaths.join(pout, rf.coor()), RemotePaths.join(cin, coor));
                if (rf.vel() != null) {
                    vel = RESTART_BASE + ".vel";
                    copies.put(RemotePaths.join(pout, rf.vel()), RemotePaths.join(cin, vel));
                }
                if (rf.xsc() != null) {
                    xsc = RESTART_BASE + ".xsc";
                    copies.put(RemotePaths.join(pout, rf.xsc()), RemotePaths.join(cin, xsc));
                }
            }
            if (!subdirs.isEmpty()) {
                f.mkdirs(monitor, subdirs.toArray(String[]::new));
            }
            f.copyFiles(copies, monitor);
            f.uploadInputs(n.inputs.stream().map(Path::of).toList(), cin, monitor);
            String config = n.templateText != null ? renderer.render(n.templateText, n.values) : parentConfig;
            if (restart.isPresent()) {
                long first = 0;
                if (restart.get().xsc() != null) {
                    var st = RestartFiles.stepOfXsc(new String(f.read(RemotePaths.join(pout, restart.get().xsc()), monitor), StandardCharsets.UTF_8));
                    first = st.present() ? st.step() : 0;
                } else {
                    first = RestartWiring.totalSteps(parentConfig).orElse(0);
                }
                long remaining = 0;
                if (n.mode == RestartWiring.Mode.RESTART) {
                    long total = n.totalSteps > 0 ? n.totalSteps : RestartWiring.totalSteps(parentConfig).orElse(-1);
                    if (total < 0) {
                        throw new WorkflowException("Cannot tell how many steps '" + parent.name() + "' still has to run: its "
                                + "run/minimize counts are not plain numbers; give the total number of steps");
                    }
                    remaining = total - first;
                    if (remaining <= 0) {
                        throw new WorkflowException("'" + parent.name() + "' already reached step " + first + " of " + total
                                + ": nothing left to restart");
                    }
                }
                config = RestartWiring.wire(config, coor, vel, xsc, first, n.mode, remaining);
            }
            f.write(RemotePaths.join(cin, n.configFile), config.getBytes(StandardCharsets.UTF_8), monitor);
            n.prepared = true;
            state.put(n);
        } catch (ClusterException e) {
            throw new WorkflowException("Preparing '" + child.name() + "' from '" + parent.name() + "' failed: " + e.getMessage(), e);
        } catch (StepException e) {
            throw new WorkflowException("Rendering the config of '" + child.name() + "' failed: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ dependencies

    DependencyGraph graph() {
        DependencyGraph g = new DependencyGraph();
        for (WorkflowNode n : state.nodes()) {
            g.addNode(n.jobId);
            for (String d : n.dependsOn) {
                g.add(n.jobId, d);
            }
        }
        return g;
    }

    private void checkNewDependencies(String jobId, Collection<String> deps) throws WorkflowException {
        DependencyGraph g = graph();
        for (String d : deps) {
            if (store.jobs().find(d).isEmpty()) {
                throw new WorkflowException("Cannot depend on job " + d + ": no such job");
            }
            Optional<List<String>> c = g.cycleIfAdded(jobId, d);
            if (c.isPresent()) {
                throw new WorkflowException("Refused: the dependency would form a cycle " + DependencyGraph.describe(c.get(), this::label));
            }
            g.add(jobId, d);
        }
    }

    /**
     * Makes {@code jobId} wait for {@code dependsOnId} (afterok). Refused, naming the cycle, when
     * {@code dependsOnId} already (transitively) waits for {@code jobId}; refused once the job was submitted.
     */
    public void addDependency(String jobId, String dependsOnId) throws WorkflowException {
        Job j = job(jobId);
        WorkflowNode n = state.node(jobId).orElseThrow(() -> new WorkflowException("Job '" + j.name() + "' is not managed by workflows"));
        if (n.dependsOn.contains(dependsOnId)) {
            return;
        }
        if (j.slurmJobId() != null || j.state() != JobState.CREATED && j.state() != JobState.BLOCKED) {
            throw new WorkflowException("Job '" + j.name() + "' was already submitted (" + j.state().label() + "): it cannot get new dependencies");
        }
        checkNewDependencies(jobId, List.of(dependsOnId));
        n.dependsOn.add(dependsOnId);
        state.put(n);
    }

    /** Puts a created job into the submission queue (released by {@link #tick}). */
    public void submit(String jobId) throws WorkflowException {
        Job j = job(jobId);
        WorkflowNode n = state.node(jobId).orElseThrow(() -> new WorkflowException("Job '" + j.name() + "' is not managed by workflows"));
        n.submitRequested = true;
        state.put(n);
    }

    /** True when the job counts as done for its dependants: COMPLETED, or reached its total after a TIMEOUT. */
    boolean satisfied(Job j) {
        if (j.state() == JobState.COMPLETED) {
            return true;
        }
        return j.state() == JobState.TIMEOUT && state.node(j.id()).map(n -> n.reachedTotal).orElse(false);
    }

    /** Failed for good (no continuation pending) or blocked: its dependants cannot run. */
    boolean dead(Job j, Map<String, WorkflowNode> nodes) {
        if (j.state() == JobState.BLOCKED) {
            return true;
        }
        if (!j.state().isFailure() || satisfied(j)) {
            return false;
        }
        WorkflowNode n = nodes.get(j.id());
        return n == null || n.continuedBy == null && !continuationPending(j, n);
    }

    static boolean continuationPending(Job j, WorkflowNode n) {
        return j.state() == JobState.TIMEOUT && n.totalSteps > 0 && !n.reachedTotal && n.attempt < maxAttempts(n);
    }

    static int maxAttempts(WorkflowNode n) {
        return n.maxAttempts > 0 ? n.maxAttempts : 5;
    }

    /**
     * Retries a failed (or cancelled, timed-out) job: creates a restart child of it (its restart files wired when it
     * left any, otherwise its inputs and config again) and hands its dependants to the child, which unblocks them.
     */
    public Job retry(ClusterSession s, String failedJobId, IProgressMonitor monitor) throws WorkflowException {
        return retry(s, failedJobId, null, monitor);
    }

    /** {@link #retry(ClusterSession, String, IProgressMonitor)} with other resources (null: the failed job's). */
    public Job retry(ClusterSession s, String failedJobId, ResourceRequest resources, IProgressMonitor monitor) throws WorkflowException {
        Job f = job(failedJobId);
        if (!f.state().isFailure()) {
            throw new WorkflowException("Only a failed, cancelled or timed-out job can be retried; '" + f.name() + "' is " + f.state().label());
        }
        WorkflowNode fn = state.node(f.id()).orElseGet(() -> {
            WorkflowNode x = new WorkflowNode(f.id());
            x.prepared = true;
            return x;
        });
        if (fn.continuedBy != null && store.jobs().find(fn.continuedBy).isPresent()) {
            return job(fn.continuedBy);
        }
        String childId = fn.continuedBy != null ? fn.continuedBy : UUID.randomUUID().toString();
        fn.continuedBy = childId; // intent first
        state.put(fn);
        Job child = createChild(s, JobSpec.named(f.name() + "-retry" + (fn.attempt + 1)).id(childId).parent(f.id(), RestartWiring.Mode.RESTART)
                .resources(resources), monitor);
        new Round(this).repoint(s, monitor);
        return child;
    }

    // ------------------------------------------------------------------ the driver

    /**
     * What one {@link #tick} did: jobs whose status was queried ({@code synced}), of which {@code changed} changed state,
     * and what the engine did after the query.
     */
    public record TickResult(int synced, int changed, List<Job> released, List<Job> blocked, List<Job> unblocked,
            List<Job> continued, List<String> problems, int progressed) {
        /** A round that read no progress facts. */
        public TickResult(int synced, int changed, List<Job> released, List<Job> blocked, List<Job> unblocked,
                List<Job> continued, List<String> problems) {
            this(synced, changed, released, blocked, unblocked, continued, problems, 0);
        }
    }

    /**
     * One scheduling round for the session's profile: syncs statuses (one round trip), finishes ended jobs, creates
     * automatic continuations of timed-out jobs, hands dependants of continued jobs to the continuation, marks
     * dependants of failed jobs BLOCKED (cancelling them on the cluster if queued there), prepares children whose
     * parent finished, and releases queued jobs — highest priority first, within the profile's cap. Safe to call
     * again after a crash. The round itself is {@link Round}, apart from the creation of jobs, chains and sweeps.
     */
    public TickResult tick(ClusterSession s, boolean force, IProgressMonitor monitor) throws WorkflowException {
        return new Round(this).tick(s, force, monitor);
    }
    /** Failed attempts to finish a job before the engine gives up on it (and says so). */
    static final int FINISH_ATTEMPTS = 3;

    /** Where a job waits in the client-side submission queue, and why. */
    public record Queued(Job job, int position, String reason) {
    }

    /**
     * The profile's submission queue in release order: jobs the user asked to submit that are not on the cluster
     * yet, each with its position and the reason it waits (dependencies, the profile's cap, the next sync).
     */
    public List<Queued> queue(org.namdrunner.cluster.ProfileConfig p) {
        List<Job> waiting = new ArrayList<>();
        Map<String, String> why = new HashMap<>();
        for (WorkflowNode n : submitRequested(p.id())) {
            Job j = store.jobs().find(n.jobId).orElse(null);
            if (j == null || j.slurmJobId() != null) {
                continue;
            }
            waiting.add(j);
            List<String> open = new ArrayList<>();
            for (String d : n.dependsOn) {
                Job dj = store.jobs().find(d).orElse(null);
                if (dj == null || !satisfied(dj) && !(d.equals(n.inheritFrom) && n.mode == RestartWiring.Mode.RESTART
                        && dj.state().isTerminal())) {
                    open.add(dj == null ? d : "'" + dj.name() + "' (" + dj.state().label() + ")");
                }
            }
            if (!n.prepared && open.isEmpty()) {
                why.put(j.id(), "waiting: its inputs are being prepared");
            } else if (!open.isEmpty()) {
                why.put(j.id(), "waiting for " + String.join(", ", open));
            }
        }
        waiting.sort(SubmissionQueue.ORDER);
        int cap = cap(p);
        int inQueue = inQueue(p.id());
        List<Queued> out = new ArrayList<>();
        int position = 0;
        for (Job j : waiting) {
            position++;
            String reason = why.get(j.id());
            if (reason == null) {
                reason = cap > 0 && inQueue >= cap ? "waiting: cap " + inQueue + " of " + cap + " in the queue on " + p.name()
                        : "waiting for the next sync of " + p.name();
            }
            out.add(new Queued(j, position, reason));
        }
        return out;
    }

    /**
     * The nodes of the profile's not-yet-submitted jobs that asked to be submitted: the ids of those jobs from an index
     * alone, then their nodes in one query — never all nodes, never every candidate's row.
     */
    private List<WorkflowNode> submitRequested(String profileId) {
        List<String> candidates = store.jobs().ids(profileId, UNSUBMITTED);
        Map<String, WorkflowNode> nodes = state.nodes(candidates);
        List<WorkflowNode> out = new ArrayList<>();
        for (String id : candidates) {
            WorkflowNode n = nodes.get(id);
            if (n != null && n.submitRequested) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * Whether a round of the engine has work for the profile besides following tracked jobs: a submission or
     * preparation that was interrupted (STAGING, SUBMITTING), a job waiting in the submission queue, or an ended job
     * whose results are still to be fetched. A workbench started again after a crash syncs a profile on this computer
     * for these too; without them nothing is tracked and nothing would resume until the user pressed Sync.
     */
    public boolean hasWork(String profileId) {
        if (!store.jobs().ids(profileId, EnumSet.of(JobState.STAGING, JobState.SUBMITTING)).isEmpty()) {
            return true;
        }
        List<String> waiting = submitRequested(profileId).stream().map(n -> n.jobId).toList();
        JobQuery ofProfile = JobQuery.all().withProfileId(profileId).page(0, JobQuery.MAX_LIMIT);
        if (!waiting.isEmpty() && store.jobs().list(ofProfile.withStates(UNSUBMITTED), waiting).stream()
                .anyMatch(j -> j.slurmJobId() == null)) {
            return true;
        }
        List<String> finishing = new ArrayList<>();
        for (WorkflowNode n : state.nodes()) {
            if (!n.finished && n.localResultsDir != null && n.finishAttempts < FINISH_ATTEMPTS) {
                finishing.add(n.jobId);
            }
        }
        return !finishing.isEmpty() && store.jobs().list(ofProfile, finishing).stream()
                .anyMatch(j -> j.state().isTerminal() && j.slurmJobId() != null);
    }

    /** Changes the priority of a job (higher is released first); recorded in its history. */
    public Job setPriority(String jobId, int priority) throws WorkflowException {
        Job j = job(jobId);
        Job updated = j.toBuilder().priority(priority).build();
        store.jobs().update(updated, "priority " + j.priority() + " \u2192 " + priority, "user");
        return updated;
    }

    /** Takes a job that waits in the submission queue out of it (it stays CREATED and can be submitted again). */
    public void withdraw(String jobId) throws WorkflowException {
        Job j = job(jobId);
        WorkflowNode n = state.node(jobId).orElseThrow(() -> new WorkflowException("Job '" + j.name() + "' is not in the submission queue"));
        if (j.slurmJobId() != null || !UNSUBMITTED.contains(j.state())) {
            throw new WorkflowException("Job '" + j.name() + "' has left the submission queue already (" + j.state().label() + ")");
        }
        n.submitRequested = false;
        state.put(n);
    }

    static int cap(org.namdrunner.cluster.ProfileConfig p) {
        String capText = p.property(SubmissionQueue.CAP_PROPERTY);
        try {
            return capText == null || capText.isBlank() ? 0 : Integer.parseInt(capText.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    int inQueue(String profile) {
        return (int) store.jobs().countWithSchedulerId(profile, ON_CLUSTER);
    }

    Map<String, WorkflowNode> nodeMap() {
        Map<String, WorkflowNode> m = new LinkedHashMap<>();
        for (WorkflowNode n : state.nodes()) {
            m.put(n.jobId, n);
        }
        return m;
    }

    static boolean isDependencyReason(String reason) {
        return reason != null && reason.toLowerCase(Locale.ROOT).contains("dependenc");
    }

    static final Set<JobState> UNSUBMITTED = EnumSet.of(JobState.CREATED, JobState.STAGING, JobState.SUBMITTING);
    /** States of a job that counts against the profile's cap once it has a scheduler id. */
    static final Set<JobState> ON_CLUSTER = EnumSet.of(JobState.SUBMITTING, JobState.PENDING, JobState.RUNNING,
            JobState.SUSPENDED, JobState.COMPLETING, JobState.REQUEUED);

    // ------------------------------------------------------------------ queries for views and drivers

    /** The job that finally stands for {@code jobId}: follows its continuations (restarts) to the last one. */
    public Job latest(String jobId) throws WorkflowException {
        String id = jobId;
        for (int guard = 0; guard < 10_000; guard++) {
            Optional<WorkflowNode> n = state.node(id);
            if (n.isEmpty() || n.get().continuedBy == null || store.jobs().find(n.get().continuedBy).isEmpty()) {
                break;
            }
            id = n.get().continuedBy;
        }
        return job(id);
    }

    /** True when the job (followed through its continuations) will not change any more without the user. */
    public boolean settled(String jobId) throws WorkflowException {
        Job j = latest(jobId);
        if (j.state() == JobState.BLOCKED || satisfied(j)) {
            return true;
        }
        if (!j.state().isTerminal()) {
            return false;
        }
        WorkflowNode n = state.node(j.id()).orElse(null);
        return n == null || !continuationPending(j, n);
    }

    /** The whole chain a job belongs to (ancestors by parent link, then all descendants), oldest first. */
    public List<Job> chain(String jobId) throws WorkflowException {
        Job root = job(jobId);
        for (int guard = 0; root.parentJobId() != null && guard < 10_000; guard++) {
            Optional<Job> p = store.jobs().find(root.parentJobId());
            if (p.isEmpty()) {
                break;
            }
            root = p.get();
        }
        List<Job> out = new ArrayList<>();
        List<Job> todo = new ArrayList<>(List.of(root));
        Set<String> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            Job j = todo.remove(0);
            if (!seen.add(j.id())) {
                continue;
            }
            out.add(j);
            todo.addAll(store.jobs().list(JobQuery.all().withParentJobId(j.id()).sortedBy(org.namdrunner.store.JobSort.CREATED, true)
                    .page(0, JobQuery.MAX_LIMIT)));
        }
        return out;
    }

    /** Direct dependencies of a job (afterok), as stored. */
    public List<String> dependencies(String jobId) {
        return state.node(jobId).map(n -> List.copyOf(n.dependsOn)).orElse(List.of());
    }

    /**
     * Creates the jobs of a sweep (one group id, systematic names) from a template and grid/list values; all are
     * queued when {@code spec.submit}. Returns them in sweep order.
     */
    public List<Job> createSweep(ClusterSession s, JobSpec base, Map<String, List<String>> variables, Sweep.Mode mode,
            IProgressMonitor monitor) throws WorkflowException {
        List<Sweep.Point> points;
        try {
            points = Sweep.expand(base.name, base.values, variables, mode);
        } catch (IllegalArgumentException e) {
            throw new WorkflowException(e.getMessage(), e);
        }
        String group = base.groupId != null ? base.groupId : "sweep-" + Names.slug(base.name) + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<Job> jobs = new ArrayList<>();
        for (Sweep.Point p : points) {
            if (monitor != null && monitor.isCanceled()) {
                throw new org.eclipse.core.runtime.OperationCanceledException(); // the jobs created so far stay
            }
            JobSpec js = JobSpec.named(p.name()).template(base.templateId, base.templateText).values(p.values())
                    .configFile(base.configFile).inputs(base.inputs).resources(base.resources).module(base.module)
                    .environment(base.environment).priority(base.priority).groupId(group).submit(base.submit)
                    .autoContinue(base.totalSteps, base.maxAttempts);
            js.dependsOn.addAll(base.dependsOn);
            js.localResultsDir = base.localResultsDir == null ? null : base.localResultsDir.resolve(Names.slug(p.name()));
            jobs.add(create(s, js, monitor));
        }
        return jobs;
    }
}

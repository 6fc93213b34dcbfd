package org.namdrunner.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.emf.ecore.EObject;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.automation.StepContext;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.core.model.Job;
import org.namdrunner.template.render.TemplateValues;
import org.namdrunner.workflow.model.AutomationModel;
import org.namdrunner.workflow.model.AutomationValidator;

/**
 * Runs a saved automation: one job per stage (first stages from the run's input files, later ones continuing the
 * stage they depend on), all queued, then {@link Workflows#tick} until every stage has settled. The run record
 * (step → job id) is written before each job is created, so running the same run id again after a crash resumes
 * it: existing jobs are reused, missing ones created, nothing is submitted twice.
 */
public final class AutomationRunner {
    /** Finds a template's text by reference (built-in id or file). */
    @FunctionalInterface
    public interface TemplateResolver {
        String resolve(String reference) throws WorkflowException;
    }

    /** Outcome of a run. */
    public record Outcome(String runId, Map<String, Job> finalJobs, boolean allCompleted, List<String> problems) {
    }

    private final Workflows workflows;
    private final AutomationStepRegistry registry;
    private final TemplateResolver templates;

    /** One scheduling round of the engine for a session's profile. */
    @FunctionalInterface
    public interface Ticker {
        Workflows.TickResult tick(ClusterSession s, IProgressMonitor monitor) throws WorkflowException;
    }

    private Ticker ticker;
    private Runnable afterTick = () -> { };

    public AutomationRunner(Workflows workflows, AutomationStepRegistry registry, TemplateResolver templates) {
        this.workflows = workflows;
        this.registry = registry;
        this.templates = templates;
        this.ticker = (s, m) -> workflows.tick(s, false, m);
    }

    private boolean filesOnCluster;

    /**
     * Files that the first stages (those without dependencies, which get the input folder's files) read through a
     * {@code File} variable of their template and that the input folder does not hold, as "stage 'x': …" lines.
     * Later stages read their parents' outputs, which only the cluster can check.
     */
    static List<String> missingInputs(Map<String, EObject> steps, Map<String, String> templateTexts,
            Map<String, Map<String, String>> stageValues, Path inputDir) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : templateTexts.entrySet()) {
            EObject st = steps.get(e.getKey());
            if (st == null || !AutomationModel.dependsOn(st).isEmpty()) {
                continue;
            }
            org.namdrunner.automation.draft.JobDraft d = new org.namdrunner.automation.draft.JobDraft()
                    .template(new org.namdrunner.automation.draft.TemplateChoice(e.getKey(), e.getKey(), false, e.getValue()));
            stageValues.getOrDefault(e.getKey(), Map.of()).forEach(d::value);
            for (org.namdrunner.template.model.Declaration decl : d.declarations()) {
                String v = d.value(decl.name()).strip();
                if (decl.type() == org.namdrunner.template.model.VariableType.FILE && inputDir != null && !v.isEmpty()) {
                    try {
                        Path f = inputDir.resolve(v);
                        if (Files.isRegularFile(f)) {
                            d.file(decl.name(), f);
                        }
                    } catch (RuntimeException ignored) {
                        // not a file name: reported below as not uploaded
                    }
                }
            }
            d.unuploadedFiles().forEach((label, file) -> out.add("stage '" + e.getKey() + "' (" + label + "): '" + file + "'"));
        }
        return out;
    }

    /**
     * The first stages' input files read against each other as each stage's config uses them (atom counts, parameter
     * files, restart set, cell: {@link org.namdrunner.automation.InputContents}), as "stage 'x': …" lines of errors.
     */
    static List<String> mismatchedInputs(Map<String, EObject> steps, Map<String, String> templateTexts,
            Map<String, Map<String, String>> stageValues, Path inputDir) {
        List<String> out = new ArrayList<>();
        if (inputDir == null || !Files.isDirectory(inputDir)) {
            return out;
        }
        List<Path> files = new ArrayList<>();
        try (java.util.stream.Stream<Path> l = Files.list(inputDir)) {
            l.filter(Files::isRegularFile).sorted().forEach(files::add);
        } catch (java.io.IOException e) {
            return out; // reported by the upload
        }
        org.namdrunner.automation.ConfigRenderer renderer = new org.namdrunner.automation.TemplateConfigRenderer("stage");
        for (Map.Entry<String, String> e : templateTexts.entrySet()) {
            EObject st = steps.get(e.getKey());
            if (st == null || !AutomationModel.dependsOn(st).isEmpty()) {
                continue;
            }
            // a stage that does not render: its creation says why
            org.namdrunner.automation.InputContents.check(renderer, e.getValue(), stageValues.getOrDefault(e.getKey(), Map.of()), files)
                    .errors().forEach(m -> out.add("stage '" + e.getKey() + "': " + m));
        }
        return out;
    }

    /**
     * Makes {@link #await} run each round through {@code ticker} (the jobs layer's, which honours the profile's rule
     * and its minimum query interval across the process) and call {@code afterTick} after it (e.g. to refresh
     * views); returns this runner. By default a round is {@code workflows.tick(s, false, m)}: the session's cache
     * keeps status queries to the profile's minimum interval.
     */
    /**
     * {@code true}: files the first stages read that are not in the input folder are taken to be on the cluster
     * already (the explicit "submit anyway"); by default such a run is refused before anything is created.
     */
    public AutomationRunner filesOnCluster(boolean v) {
        this.filesOnCluster = v;
        return this;
    }

    public AutomationRunner coordinate(Ticker ticker, Runnable afterTick) {
        this.ticker = java.util.Objects.requireNonNull(ticker);
        this.afterTick = java.util.Objects.requireNonNull(afterTick);
        return this;
    }

    /**
     * Creates (or, for an existing run id, completes) the jobs of a run and queues them.
     *
     * @param runId     run id (null: a new one)
     * @param runName   prefix of the job names
     * @param inputDir  local directory whose files are the first stages' inputs (may be null)
     * @param overrides template values for every stage ({@code name}) or one stage ({@code stepId.name})
     */
    public WorkflowStore.RunRecord start(ClusterSession s, EObject automation, String runId, String runName, Path inputDir,
            Map<String, String> overrides, IProgressMonitor monitor) throws WorkflowException {
        List<String> problems = AutomationValidator.validate(automation, registry);
        if (!problems.isEmpty()) {
            throw new WorkflowException("The automation is not valid:\n  " + String.join("\n  ", problems));
        }
        String aid = AutomationModel.string(automation, AutomationModel.AUTOMATION_ID);
        Map<String, EObject> byId = new LinkedHashMap<>();
        DependencyGraph g = new DependencyGraph();
        for (EObject st : AutomationModel.steps(automation)) {
            String sid = AutomationModel.string(st, AutomationModel.STEP_ID);
            byId.put(sid, st);
            g.addNode(sid);
            AutomationModel.dependsOn(st).forEach(d -> g.add(sid, d));
        }
        // templates and values of every stage, checked before anything is recorded
        Map<String, String> templateTexts = new LinkedHashMap<>();
        Map<String, Map<String, String>> stageValues = new LinkedHashMap<>();
        for (Map.Entry<String, EObject> e : byId.entrySet()) {
            if (!StageStep.ID.equals(AutomationModel.string(e.getValue(), AutomationModel.STEP_TYPE))) {
                continue;
            }
            templateTexts.put(e.getKey(), templates.resolve(AutomationModel.parameters(e.getValue()).get("template")));
            stageValues.put(e.getKey(), new LinkedHashMap<>(AutomationModel.values(e.getValue())));
        }
        applyOverrides(overrides, templateTexts, stageValues);
        if (!filesOnCluster && (runId == null || workflows.state().run(runId).isEmpty())) {
            // a first stage that reads a file nobody uploads fails in the queue ("UNABLE TO OPEN PSF FILE"): refuse now
            List<String> missing = missingInputs(byId, templateTexts, stageValues, inputDir);
            if (!missing.isEmpty()) {
                throw new WorkflowException("Nothing was created: the first stages read files that are not in the input folder"
                        + (inputDir == null ? " (none was given)" : " " + inputDir) + ":\n  " + String.join("\n  ", missing)
                        + "\nAdd them to the input folder, or say that they are on the cluster already.");
            }
            List<String> mismatched = mismatchedInputs(byId, templateTexts, stageValues, inputDir);
            if (!mismatched.isEmpty()) {
                throw new WorkflowException("Nothing was created: the input files of the first stages do not belong together:\n  "
                        + String.join("\n  ", mismatched));
            }
        }
        String id = runId != null ? runId : aid + "-" + UUID.randomUUID().toString().substring(0, 8);
        WorkflowStore.RunRecord run = workflows.state().run(id).orElseGet(() -> {
            WorkflowStore.RunRecord r = new WorkflowStore.RunRecord();
            r.runId = id;
            r.automationId = aid;
            r.profileId = s.profile().id();
            return r;
        });
        List<Path> runInputs = new ArrayList<>();
        if (inputDir != null) {
            try (Stream<Path> files = Files.list(inputDir)) {
                files.filter(Files::isRegularFile).sorted().forEach(runInputs::add);
            } catch (IOException e) {
                throw new WorkflowException("Cannot read the input directory " + inputDir + ": " + e.getMessage(), e);
            }
        }
        // contributed steps run after a stage, on its job; a stage never waits for one
        for (Map.Entry<String, EObject> e : byId.entrySet()) {
            String type = AutomationModel.string(e.getValue(), AutomationModel.STEP_TYPE);
            if (StageStep.ID.equals(type)) {
                for (String d : AutomationModel.dependsOn(e.getValue())) {
                    if (!StageStep.ID.equals(AutomationModel.string(byId.get(d), AutomationModel.STEP_TYPE))) {
                        throw new WorkflowException("Stage '" + e.getKey() + "' depends on step '" + d + "', which is not a stage: "
                                + "contributed steps run after a stage, so a stage cannot wait for one");
                    }
                }
                continue;
            }
            List<String> deps = AutomationModel.dependsOn(e.getValue());
            if (deps.isEmpty()) {
                throw new WorkflowException("Step '" + e.getKey() + "' (" + type + ") runs after a stage: give it the stage in "
                        + "dependsOn");
            }
            WorkflowStore.ContributedStep cs = run.contributedSteps.get(e.getKey());
            if (cs == null) {
                cs = new WorkflowStore.ContributedStep();
                cs.afterStage = deps.get(0);
                cs.type = type;
                cs.parameters.putAll(AutomationModel.parameters(e.getValue()));
                run.contributedSteps.put(e.getKey(), cs);
            }
        }
        workflows.state().put(run);
        for (String sid : g.topologicalOrder(x -> x)) {
            EObject st = byId.get(sid);
            if (!StageStep.ID.equals(AutomationModel.string(st, AutomationModel.STEP_TYPE))) {
                continue; // a contributed step: run by await() after its stage
            }
            String jobId = run.jobsByStep.get(sid);
            if (jobId == null) {
                jobId = UUID.randomUUID().toString();
                run.jobsByStep.put(sid, jobId);
                workflows.state().put(run); // intent first
            }
            Map<String, String> p = AutomationModel.parameters(st);
            Map<String, String> values = stageValues.get(sid);
            String stepName = AutomationModel.string(st, AutomationModel.STEP_NAME);
            JobSpec spec = JobSpec.named(runName + "-" + (stepName == null || stepName.isBlank() ? sid : stepName)).id(jobId)
                    .template(p.get("template"), templateTexts.get(sid)).values(values)
                    .configFile(p.getOrDefault("configFile", "run.namd")).priority(intOf(p, "priority", 0))
                    .module(p.get("module")).run(id, sid).groupId(id);
            spec.resources = new ResourceRequest(p.get("partition"), null, p.containsKey("cores") ? intOf(p, "cores", 1) : null, null,
                    p.containsKey("memoryMb") ? Long.parseLong(p.get("memoryMb").strip()) : null,
                    p.containsKey("wallTimeMinutes") ? intOf(p, "wallTimeMinutes", 0) : null, null);
            long total = Long.parseLong(p.getOrDefault("totalSteps", "0").strip());
            spec.autoContinue(total, intOf(p, "maxAttempts", 5));
            List<Path> extra = new ArrayList<>();
            if (p.get("inputs") != null && inputDir != null) {
                for (String f : p.get("inputs").split(",")) {
                    if (!f.isBlank()) {
                        extra.add(inputDir.resolve(f.strip()));
                    }
                }
            }
            List<String> deps = AutomationModel.dependsOn(st);
            if (deps.isEmpty()) {
                spec.inputs(runInputs);
            } else {
                spec.inputs(extra);
                spec.parent(run.jobsByStep.get(deps.get(0)), "restart".equalsIgnoreCase(p.get("mode"))
                        ? RestartWiring.Mode.RESTART : RestartWiring.Mode.CONTINUE);
                for (String d : deps.subList(1, deps.size())) {
                    spec.dependsOn(run.jobsByStep.get(d));
                }
            }
            workflows.create(s, spec, monitor);
        }
        return run;
    }

    /**
     * Applies overrides: {@code stepId.name} to that stage (the stage's template must have the variable), a plain
     * {@code name} to every stage whose template has it (at least one must). Stage-specific ones win.
     */
    static void applyOverrides(Map<String, String> overrides, Map<String, String> templateTexts,
            Map<String, Map<String, String>> stageValues) throws WorkflowException {
        Map<String, Set<String>> vars = new LinkedHashMap<>();
        templateTexts.forEach((sid, t) -> vars.put(sid, TemplateValues.variables(t)));
        List<String> problems = new ArrayList<>();
        Map<String, String> perStage = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            String k = o.getKey();
            String stage = vars.keySet().stream().filter(sid -> k.startsWith(sid + ".")).findFirst().orElse(null);
            if (stage != null) {
                String name = k.substring(stage.length() + 1);
                if (!vars.get(stage).contains(name)) {
                    problems.add("'" + k + "': the template of stage '" + stage + "' has no variable '" + name + "' (it has: "
                            + String.join(", ", vars.get(stage)) + ")");
                } else {
                    perStage.put(k, o.getValue());
                }
                continue;
            }
            boolean used = false;
            for (Map.Entry<String, Set<String>> v : vars.entrySet()) {
                if (v.getValue().contains(k)) {
                    stageValues.get(v.getKey()).put(k, o.getValue());
                    used = true;
                }
            }
            if (!used) {
                problems.add("'" + k + "': no stage's template has a variable of that name (stages: " + String.join(", ", vars.keySet())
                        + "; use STAGE.name for one stage)");
            }
        }
        perStage.forEach((k, v) -> {
            String stage = vars.keySet().stream().filter(sid -> k.startsWith(sid + ".")).findFirst().orElseThrow();
            stageValues.get(stage).put(k.substring(stage.length() + 1), v);
        });
        if (!problems.isEmpty()) {
            throw new WorkflowException("Cannot apply the values given for the run:\n  " + String.join("\n  ", problems));
        }
    }

    /** Seconds a contributed step may take (parameter {@code timeoutSeconds}) before it is reported as hung. */
    static final long DEFAULT_STEP_TIMEOUT_SECONDS = 600;

    /**
     * Runs each contributed step whose stage completed, once, on the stage's last job: the job's logs are fetched and
     * parsed first (finalize) into the run's local folder, then the step runs with the parameters the automation gives
     * it, in its own thread under a time limit. A step that throws, hangs or is not installed is reported with its
     * plugin's name and settles as failed; a step whose stage failed for good is skipped.
     */
    private void runContributedSteps(ClusterSession s, WorkflowStore.RunRecord run, List<String> problems, IProgressMonitor monitor)
            throws WorkflowException {
        for (Map.Entry<String, WorkflowStore.ContributedStep> e : run.contributedSteps.entrySet()) {
            WorkflowStore.ContributedStep cs = e.getValue();
            if (cs.outcome != null || monitor.isCanceled()) {
                continue;
            }
            String stageJob = run.jobsByStep.get(cs.afterStage);
            if (stageJob == null || !workflows.settled(stageJob)) {
                continue;
            }
            Job j = workflows.latest(stageJob);
            if (!workflows.satisfied(j)) {
                cs.outcome = "skipped: stage '" + cs.afterStage + "' did not complete (" + j.state().label() + ")";
            } else {
                cs.outcome = runStep(s, e.getKey(), cs, j, monitor);
            }
            if (!"done".equals(cs.outcome)) {
                problems.add("Step '" + e.getKey() + "': " + cs.outcome);
            }
            workflows.state().put(run);
        }
    }

    private String runStep(ClusterSession s, String stepId, WorkflowStore.ContributedStep cs, Job j, IProgressMonitor monitor) {
        var descriptor = registry.find(cs.type).orElse(null);
        if (descriptor == null) {
            return "failed: no installed plugin provides step type '" + cs.type + "'";
        }
        String plugin = "'" + descriptor.name() + "' (" + cs.type + ")";
        WorkflowNode n = workflows.state().node(j.id()).orElse(null);
        Path local = n != null && n.localResultsDir != null ? Path.of(n.localResultsDir)
                : workflows.store().directory().resolve("cache").resolve("runs").resolve(j.id());
        JobRequest req = new JobRequest(j.name(), j.templateId(), null, j.templateValues(), n == null ? null : n.configFile,
                List.of(), null, null, Map.of(), local);
        StepContext ctx = new StepContext(s, workflows.recorder(), req, null, j);
        ctx.parameters().putAll(cs.parameters);
        long timeout = cs.parameters.containsKey("timeoutSeconds") ? Long.parseLong(cs.parameters.get("timeoutSeconds").strip())
                : DEFAULT_STEP_TIMEOUT_SECONDS;
        java.util.concurrent.ExecutorService exec = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "NAMDRunner step " + stepId);
            t.setDaemon(true);
            return t;
        });
        try {
            java.util.concurrent.Future<?> f = exec.submit(() -> {
                new org.namdrunner.automation.steps.FinalizeStep().execute(ctx, monitor);
                descriptor.factory().get().execute(ctx, monitor);
                return null;
            });
            try {
                f.get(timeout, java.util.concurrent.TimeUnit.SECONDS);
                return "done";
            } catch (java.util.concurrent.TimeoutException ex) {
                f.cancel(true);
                return "failed: the step of plugin " + plugin + " did not finish within " + timeout + " s and was stopped";
            } catch (java.util.concurrent.ExecutionException ex) {
                Throwable c = ex.getCause();
                return "failed in plugin " + plugin + ": " + (c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName());
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "failed: interrupted";
        } catch (RuntimeException | LinkageError ex) {
            return "failed in plugin " + plugin + ": " + ex;
        } finally {
            exec.shutdownNow();
        }
    }

    private static int intOf(Map<String, String> p, String k, int dflt) {
        String v = p.get(k);
        return v == null || v.isBlank() ? dflt : Integer.parseInt(v.strip());
    }

    /**
     * Ticks until every stage of the run has settled (completed, failed for good or blocked), the monitor is
     * cancelled or {@code timeoutMillis} passed (0: no limit).
     */
    public Outcome await(ClusterSession s, String runId, long pollMillis, long timeoutMillis, IProgressMonitor monitor)
            throws WorkflowException {
        WorkflowStore.RunRecord run = workflows.state().run(runId).orElseThrow(() -> new WorkflowException("No automation run " + runId));
        long deadline = timeoutMillis > 0 ? System.currentTimeMillis() + timeoutMillis : Long.MAX_VALUE;
        List<String> problems = new ArrayList<>();
        while (true) {
            Workflows.TickResult t = ticker.tick(s, monitor);
            afterTick.run();
            problems.addAll(t.problems());
            runContributedSteps(s, run, problems, monitor);
            boolean settled = true;
            for (String jobId : run.jobsByStep.values()) {
                settled &= workflows.settled(jobId);
            }
            for (WorkflowStore.ContributedStep cs : run.contributedSteps.values()) {
                settled &= cs.outcome != null;
            }
            if (settled) {
                break;
            }
            if (monitor.isCanceled() || System.currentTimeMillis() > deadline) {
                break;
            }
            try {
                // in slices, so a cancel is seen within 0.2 s whatever the poll interval
                long wake = System.currentTimeMillis() + pollMillis;
                for (long left = pollMillis; left > 0 && !monitor.isCanceled(); left = wake - System.currentTimeMillis()) {
                    Thread.sleep(Math.min(200, left));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Map<String, Job> last = new HashMap<>();
        boolean all = true;
        Map<String, Job> everyJob = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : run.jobsByStep.entrySet()) {
            Job j = workflows.latest(e.getValue());
            last.put(e.getKey(), j);
            all &= workflows.satisfied(j);
            workflows.chain(e.getValue()).forEach(c -> everyJob.put(c.id(), c));
        }
        for (Map.Entry<String, WorkflowStore.ContributedStep> e : run.contributedSteps.entrySet()) {
            all &= "done".equals(e.getValue().outcome);
        }
        // A driver killed between storing a change and rewriting job_info.json left that file one change behind; the
        // store is the reference: rewrite the run's job_info.json files once (one round trip) so both sides agree.
        try {
            workflows.recorder().writeJobInfos(List.copyOf(everyJob.values()), s, monitor);
        } catch (org.namdrunner.cluster.ClusterException e) {
            problems.add("Rewriting job_info.json of the run's jobs failed (the local records are complete): " + e.getMessage());
        }
        return new Outcome(runId, last, all, problems);
    }
}

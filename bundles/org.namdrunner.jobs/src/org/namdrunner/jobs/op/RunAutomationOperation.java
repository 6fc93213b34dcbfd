package org.namdrunner.jobs.op;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.emf.ecore.EObject;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.Rules;
import org.namdrunner.workflow.AutomationRunner;
import org.namdrunner.workflow.WorkflowStore;
import org.namdrunner.workflow.model.AutomationModel;

/**
 * Runs an automation — the workbench's Run… and {@code namdrunner automation run}: checks that the profile can start
 * NAMD and that the first stages' input files are there (nothing is created otherwise), creates the run's jobs
 * (holding the profile's rule only while creating them), then drives the run through the jobs layer's engine rounds
 * until every stage has settled, the monitor is cancelled or the time-out passes. Running it again with the same run
 * id resumes the run: nothing is created or submitted twice.
 */
public final class RunAutomationOperation extends JobOperation {

    /** What to run where. {@code inputs} and {@code runId} may be null; {@code values} override template values. */
    public record Request(EObject automation, String profileId, String runId, String runName, Path inputs,
            Map<String, String> values, boolean filesOnCluster) {
        public Request {
            values = Map.copyOf(new LinkedHashMap<>(values));
        }
    }

    private final Request request;
    private final AutomationRunner.TemplateResolver templates;
    private final long pollMillis;
    private final long timeoutMillis;
    private final Runnable afterRound;
    private volatile WorkflowStore.RunRecord run;
    private volatile AutomationRunner.Outcome result;

    /**
     * @param pollMillis    time between engine rounds (≤ 0: the profile's minimum seconds between status queries)
     * @param timeoutMillis give up after this long (0: never)
     * @param afterRound    called after every engine round (e.g. to refresh views)
     */
    public RunAutomationOperation(JobService service, Request request, AutomationRunner.TemplateResolver templates,
            long pollMillis, long timeoutMillis, Runnable afterRound) {
        super(service);
        this.request = request;
        this.templates = templates;
        this.pollMillis = pollMillis;
        this.timeoutMillis = timeoutMillis;
        this.afterRound = afterRound == null ? () -> { } : afterRound;
    }

    @Override
    public String name() {
        return "Automation '" + request.runName() + "'";
    }

    /** None for the whole run (it may last days): the profile's rule is held while the jobs are created. */
    @Override
    public ISchedulingRule rule() {
        return null;
    }

    /** The run once its jobs were created (null before). */
    public WorkflowStore.RunRecord runRecord() {
        return run;
    }

    /** How the run ended (null before it settled or stopped). */
    public AutomationRunner.Outcome result() {
        return result;
    }

    @Override
    protected Outcome execute(SubMonitor m) throws Exception {
        ProfileConfig profile = service.sessions().profile(request.profileId());
        m.subTask("Connecting to " + profile.name());
        ClusterSession s = service.sessions().session(profile.id(), m.split(10));
        List<String> modules = new ArrayList<>();
        for (EObject st : AutomationModel.steps(request.automation())) {
            String module = AutomationModel.parameters(st).get("module");
            if (!modules.contains(module)) {
                modules.add(module);
            }
        }
        requireNamd(s, modules, "Nothing was created", m.split(2));
        AutomationRunner runner = new AutomationRunner(service.workflows(), service.steps(), templates)
                .filesOnCluster(request.filesOnCluster())
                .coordinate((session, mon) -> service.tick(session, false, mon), () -> {
                    service.events().fireAll();
                    afterRound.run();
                });
        m.subTask("Creating the stages' jobs and uploading their inputs");
        run = JobService.exclusive(Rules.profile(profile.id()), m, () -> runner.start(s, request.automation(), request.runId(),
                request.runName(), request.inputs(), request.values(), m.split(20)));
        service.events().fireAll();
        afterRound.run();
        m.subTask("Following " + run.jobsByStep.size() + " stages on " + profile.name());
        long poll = pollMillis > 0 ? pollMillis : Math.max(1, profile.statusMinIntervalSeconds()) * 1000L;
        AutomationRunner.Outcome o = runner.await(s, run.runId, poll, timeoutMillis, m.split(70));
        result = o;
        if (o.allCompleted()) {
            return Outcome.ok(name() + " completed (run " + run.runId + ")");
        }
        return new Outcome(Status.error(name() + " did not complete (run " + run.runId + "): " + String.join("; ", lines(o))),
                List.of());
    }

    /** One line per stage that did not complete, with its state and the reason from its logs, then the problems. */
    public static List<String> lines(AutomationRunner.Outcome o) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Job> e : o.finalJobs().entrySet()) {
            Job j = e.getValue();
            if (j != null && j.state() != org.namdrunner.core.JobState.COMPLETED) {
                out.add(e.getKey() + ": " + j.state().label() + (j.reason() == null ? "" : " (" + j.reason() + ")"));
            }
        }
        out.addAll(o.problems());
        return out;
    }

    /** The stages that failed (their jobs can be restarted; dependants blocked by them then go on). */
    public static List<Job> failedStages(AutomationRunner.Outcome o) {
        return o.finalJobs().values().stream().filter(j -> j != null && j.state().isFailure()).toList();
    }
}

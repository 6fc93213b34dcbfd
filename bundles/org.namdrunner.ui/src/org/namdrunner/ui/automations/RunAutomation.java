package org.namdrunner.ui.automations;

import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.Rules;
import org.namdrunner.ui.jobs.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.emf.ecore.EObject;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.TemplateRecord;
import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.remote.WorkbenchSessions;
import org.namdrunner.workflow.AutomationRunner;
import org.namdrunner.workflow.WorkflowException;
import org.namdrunner.workflow.WorkflowStore;

/**
 * Runs an automation from the workbench: one cancellable Eclipse job that creates the run's jobs on a profile
 * (uploading the input folder's files to the first stages) and then drives it — submits each stage when the stages
 * it depends on have completed, follows the jobs, continues chains — until every stage has settled, as
 * {@code namdrunner automation run} does. The jobs show in the Jobs view as they change. Cancelling stops the
 * driving only: jobs already submitted keep running, and the run can be continued with
 * {@code namdrunner automation run --run-id}.
 */
public final class RunAutomation {

    /** What to run where. {@code inputs} may be null; {@code values} override template values of every stage. */
    public record Request(String automationId, EObject automation, String profileId, String runName, Path inputs,
            Map<String, String> values) {
        public Request {
            values = Map.copyOf(new LinkedHashMap<>(values));
        }
    }

    /** Family of the run jobs (for tests and the Progress view). */
    public static final Object FAMILY = RunAutomation.class;

    private RunAutomation() {
    }

    /** Schedules the run; returns the Eclipse job. */
    public static org.eclipse.core.runtime.jobs.Job schedule(Request r) {
        String title = "Automation '" + r.runName() + "'";
        org.eclipse.core.runtime.jobs.Job job = new org.eclipse.core.runtime.jobs.Job(title) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    return drive(r, title, monitor);
                } catch (OperationCanceledException e) {
                    return Status.CANCEL_STATUS;
                } catch (Exception e) {
                    if (monitor.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    NamdRunnerUi.log(IStatus.WARNING, title + " failed", e);
                    return new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, title + " failed: " + NamdRunnerUi.message(e));
                } finally {
                    NamdRunnerUi.fireJobsChanged();
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setUser(true);
        job.schedule();
        return job;
    }

    private static IStatus drive(Request r, String title, IProgressMonitor monitor) throws Exception {
        SubMonitor sub = SubMonitor.convert(monitor, title, 100);
        ProfileConfig profile = WorkbenchSessions.registry().get(r.profileId());
        sub.subTask("Connecting to " + profile.name());
        ClusterSession s = Engine.service().sessions().session(r.profileId(), sub.split(10));
        AutomationRunner runner = new AutomationRunner(Engine.service().workflows(), Automations.registry(),
                ref -> template(ref, r.inputs())).coordinate((session, m) -> Engine.service().tick(session, false, m),
                        NamdRunnerUi::fireJobsChanged);
        WorkflowStore.RunRecord run;
        sub.subTask("Creating the stages' jobs and uploading their inputs");
        run = JobService.exclusive(Rules.profile(r.profileId()), sub,
                () -> runner.start(s, r.automation(), null, r.runName(), r.inputs(), r.values(), sub.split(20)));
        NamdRunnerUi.fireJobsChanged();
        sub.subTask("Following " + run.jobsByStep.size() + " stages on " + profile.name());
        long poll = Math.max(2_000, profile.statusMinIntervalSeconds() * 1000L);
        AutomationRunner.Outcome o = runner.await(s, run.runId, poll, 0, sub.split(70));
        if (monitor.isCanceled()) {
            return Status.CANCEL_STATUS;
        }
        if (o.allCompleted()) {
            return Status.OK_STATUS;
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Job> e : o.finalJobs().entrySet()) {
            Job j = e.getValue();
            lines.add(e.getKey() + ": " + j.state().label() + (j.reason() == null ? "" : " (" + j.reason() + ")"));
        }
        lines.addAll(o.problems());
        return new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, title + " did not complete (run " + run.runId + "): "
                + String.join("; ", lines));
    }

    /**
     * The text of a stage's template: a built-in template id, a template of the Templates view (by id or name), or
     * a file (absolute, or relative to the input folder).
     */
    static String template(String ref, Path inputs) throws WorkflowException {
        if (BuiltInTemplates.ids().contains(ref)) {
            return BuiltInTemplates.text(ref);
        }
        for (TemplateRecord t : NamdRunnerUi.store().templates().list()) {
            if (t.id().equals(ref) || t.name().equals(ref)) {
                return t.text();
            }
        }
        Path f = Path.of(ref);
        if (!f.isAbsolute() && inputs != null) {
            f = inputs.resolve(ref);
        }
        try {
            return Files.readString(f);
        } catch (IOException | RuntimeException e) {
            throw new WorkflowException("Template '" + ref + "' is not a built-in template, not in the Templates view and "
                    + "not a readable file (" + f + ")");
        }
    }
}

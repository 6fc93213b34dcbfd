package org.namdrunner.ui.automations;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.namdrunner.jobs.op.ContinueOperation;
import org.namdrunner.jobs.op.JobOperation;
import org.namdrunner.jobs.op.RunAutomationOperation;
import org.namdrunner.ui.jobs.Engine;
import org.namdrunner.workflow.RestartWiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.emf.ecore.EObject;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.TemplateRecord;
import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.workflow.AutomationRunner;
import org.namdrunner.workflow.WorkflowException;

/**
 * Runs an automation from the workbench: one cancellable Eclipse job around the jobs layer's
 * {@link RunAutomationOperation} (the same one {@code namdrunner automation run} calls) — checks, creates the run's
 * jobs, drives them until every stage has settled. The jobs show in the Jobs view as they change. Cancelling stops
 * the driving only: jobs already submitted keep running, and the run can be continued with
 * {@code namdrunner automation run --run-id}. When stages failed, a dialog names them with the reason from their logs
 * and offers to restart them and go on with the run.
 */
public final class RunAutomation {

    /** What to run where. {@code inputs} may be null; {@code values} override template values of every stage. */
    public record Request(String automationId, EObject automation, String profileId, String runName, Path inputs,
            Map<String, String> values, boolean filesOnCluster, String runId) {
        public Request {
            values = Map.copyOf(new LinkedHashMap<>(values));
        }

        public Request(String automationId, EObject automation, String profileId, String runName, Path inputs,
                Map<String, String> values) {
            this(automationId, automation, profileId, runName, inputs, values, false, null);
        }

        Request resumed(String id) {
            return new Request(automationId, automation, profileId, runName, inputs, values, true, id);
        }
    }

    /** Family of the run jobs (for tests and the Progress view). */
    public static final Object FAMILY = RunAutomation.class;
    /** Title of the dialog after a run whose stages did not all complete. */
    public static final String INCOMPLETE_TITLE = "Automation Run Did Not Complete";
    public static final String RESTART_BUTTON = "Restart Failed Stages";

    private RunAutomation() {
    }

    /** Schedules the run; returns the Eclipse job. */
    public static org.eclipse.core.runtime.jobs.Job schedule(Request r) {
        RunAutomationOperation op = new RunAutomationOperation(Engine.service(),
                new RunAutomationOperation.Request(r.automation(), r.profileId(), r.runId(), r.runName(), r.inputs(), r.values(),
                        r.filesOnCluster()),
                ref -> template(ref, r.inputs()), 0, 0, NamdRunnerUi::fireJobsChanged);
        // no quotes in the name: the platform's own messages quote it ("'Automation run x' has encountered a problem")
        return userJob("Automation run " + r.runName(), monitor -> {
            JobOperation.Outcome out = op.run(monitor);
            AutomationRunner.Outcome o = op.result();
            if (out.status().getSeverity() == IStatus.ERROR && o != null) {
                offerRestart(r, op, o);
                // the dialog above tells it; the job's own status stays a warning (no second, generic dialog)
                return new Status(IStatus.WARNING, NamdRunnerUi.PLUGIN_ID, out.status().getMessage());
            }
            return out.status().getSeverity() == IStatus.ERROR
                    ? new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, out.status().getMessage()) : Status.OK_STATUS;
        });
    }

    private interface Body {
        IStatus run(IProgressMonitor monitor) throws org.eclipse.core.runtime.CoreException;
    }

    /** A user job of this family whose operations' failures become its status (never a stack trace). */
    private static org.eclipse.core.runtime.jobs.Job userJob(String name, Body body) {
        org.eclipse.core.runtime.jobs.Job job = new org.eclipse.core.runtime.jobs.Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    return body.run(monitor);
                } catch (OperationCanceledException e) {
                    return Status.CANCEL_STATUS;
                } catch (org.eclipse.core.runtime.CoreException e) {
                    return monitor.isCanceled() ? Status.CANCEL_STATUS
                            : new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, e.getStatus().getMessage());
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

    /**
     * After a run that did not complete: names each stage that did not, with the reason from its logs; when stages
     * failed, "Restart Failed Stages" restarts them (their blocked dependants are handed over) and resumes the run.
     */
    private static void offerRestart(Request r, RunAutomationOperation op, AutomationRunner.Outcome o) {
        List<Job> failed = RunAutomationOperation.failedStages(o);
        String text = "The run " + op.runRecord().runId + " stopped with stages that did not complete:\n\n  "
                + String.join("\n  ", RunAutomationOperation.lines(o))
                + (failed.isEmpty() ? "" : "\n\n" + RESTART_BUTTON + " runs each failed stage again from its last restart "
                        + "files and follows the run on; stages waiting for it then start.");
        Display d = PlatformUI.getWorkbench().getDisplay();
        d.asyncExec(() -> {
            Shell parent = d.getActiveShell();
            String[] buttons = failed.isEmpty() ? new String[] {IDialogConstants.CLOSE_LABEL}
                    : new String[] {RESTART_BUTTON, IDialogConstants.CLOSE_LABEL};
            MessageDialog dialog = new MessageDialog(parent, INCOMPLETE_TITLE, null, text, MessageDialog.WARNING, 0, buttons);
            if (dialog.open() == 0 && !failed.isEmpty()) {
                restartAndResume(r.resumed(op.runRecord().runId), failed);
            }
        });
    }

    /** Restarts the failed stages' jobs (one operation each), then resumes the run with the same id. */
    static org.eclipse.core.runtime.jobs.Job restartAndResume(Request resumed, List<Job> failed) {
        return userJob("Restarting failed stages of " + resumed.runName(), monitor -> {
            for (Job j : failed) {
                new ContinueOperation(Engine.service(), j, RestartWiring.Mode.RESTART).run(monitor);
            }
            RunAutomation.schedule(resumed);
            return Status.OK_STATUS;
        });
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

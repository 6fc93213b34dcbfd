package org.namdrunner.ui.wizards;

import java.nio.file.Path;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.namdrunner.automation.ConfigRenderer;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.jobs.op.CreateJobOperation;
import org.namdrunner.jobs.op.JobOperation;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.jobs.Engine;

/**
 * Finish of the Create Job wizard, as a cancellable user job in the Progress view with the profile's scheduling rule:
 * runs the jobs layer's {@link CreateJobOperation} (connect when needed, create, upload, render, queue with the
 * chosen priority, one engine round that releases it within the profile's cap). From then on the engine's rounds —
 * the automatic sync, F5 — follow the job and, when it ends, download its logs and results into
 * {@code <results folder>/<job name>-<id>}. A failure is shown in a dialog at once.
 */
public class SubmitJob extends Job {

    /** Family of the submit jobs (for tests and shutdown). */
    public static final Object FAMILY = SubmitJob.class;

    /** Title of the dialog that reports a failed submit. */
    public static final String ERROR_TITLE = "Job Not Submitted";

    private final CreateJobOperation operation;
    private final String jobName;
    private volatile JobOperation.Outcome outcome;

    SubmitJob(ProfileConfig profile, JobRequest request, ConfigRenderer renderer, Path resultsRoot, int priority) {
        super("Creating job '" + request.name() + "' on " + profile.name());
        this.operation = new CreateJobOperation(Engine.service(), profile.id(), request, renderer, priority, true, resultsRoot);
        this.jobName = request.name();
        setRule(operation.rule());
        setUser(true);
    }

    /** Schedules the submit of a request on a profile; returns the scheduled job. */
    public static SubmitJob schedule(ProfileConfig profile, JobRequest request, ConfigRenderer renderer, Path resultsRoot,
            int priority) {
        SubmitJob j = new SubmitJob(profile, request, renderer, resultsRoot, priority);
        j.schedule();
        return j;
    }

    /** The NAMDRunner job once it was stored (null before). */
    public org.namdrunner.core.model.Job job() {
        return NamdRunnerUi.store().jobs().find(operation.jobId()).orElse(null);
    }

    /** What the operation said (submitted as / queued because), once done. */
    public JobOperation.Outcome outcome() {
        return outcome;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        try {
            outcome = operation.run(monitor);
            return outcome.status().getSeverity() == IStatus.WARNING
                    ? new Status(IStatus.WARNING, NamdRunnerUi.PLUGIN_ID, outcome.status().getMessage()) : Status.OK_STATUS;
        } catch (OperationCanceledException e) {
            return Status.CANCEL_STATUS;
        } catch (CoreException e) {
            return error(e.getStatus().getMessage());
        } catch (RuntimeException e) {
            NamdRunnerUi.log(IStatus.ERROR, "Creating job " + jobName + " failed", e);
            return error("Job '" + jobName + "' was not created:\n" + NamdRunnerUi.message(e));
        }
    }

    /** The error status, also shown at once in a dialog (the Progress view keeps it too). */
    private IStatus error(String message) {
        IStatus status = new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, message);
        setProperty(org.eclipse.ui.progress.IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
        setProperty(org.eclipse.ui.progress.IProgressConstants.KEEP_PROPERTY, Boolean.TRUE);
        if (org.eclipse.ui.PlatformUI.isWorkbenchRunning()) {
            org.eclipse.swt.widgets.Display display = org.eclipse.ui.PlatformUI.getWorkbench().getDisplay();
            display.asyncExec(() -> {
                org.eclipse.ui.IWorkbenchWindow w = org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow();
                org.eclipse.jface.dialogs.MessageDialog.openError(w == null ? null : w.getShell(), ERROR_TITLE,
                        status.getMessage());
            });
        }
        return status;
    }
}

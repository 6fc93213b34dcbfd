package org.namdrunner.ui.handlers;

import java.util.List;

import jakarta.inject.Named;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.views.JobsView;

/**
 * Edit > Delete (Del) in the Jobs view: after confirmation, removes the selected jobs' local records and history
 * as a cancellable background job. Files on the cluster are not touched.
 */
public class DeleteJobsHandler {

    public static final String COMMAND_ID = "org.eclipse.ui.edit.delete";
    public static final String DIALOG_TITLE = "Delete Jobs";

    private final JobsView view;

    public DeleteJobsHandler(JobsView view) {
        this.view = view;
    }

    @CanExecute
    public boolean canExecute() {
        return view.hasSelection();
    }

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        List<org.namdrunner.core.model.Job> jobs = view.selectedJobs();
        if (jobs.isEmpty()) {
            return;
        }
        String what = jobs.size() == 1 ? "job '" + jobs.get(0).name() + "'" : jobs.size() + " jobs";
        long active = jobs.stream().filter(j -> j.state().isActive()).count();
        // where the files are: on a cluster, or in this computer's job folder (Local and Demo profiles)
        boolean allHere = jobs.stream().allMatch(j -> {
            try {
                return !org.namdrunner.ui.remote.WorkbenchSessions.needsConnection(
                        org.namdrunner.ui.remote.WorkbenchSessions.registry().get(j.profileId()));
            } catch (org.namdrunner.cluster.ClusterException | RuntimeException e) {
                return false;
            }
        });
        String where = allHere ? "its job folder on this computer" : "the cluster";
        String warning = active == 0 ? "" : jobs.size() == 1
                ? "\n\nIt may still be queued or running: deleting the record does not cancel it."
                : "\n\n" + active + " of them may still be queued or running: deleting the record does not cancel them.";
        if (!MessageDialog.openConfirm(shell, DIALOG_TITLE, "Delete " + what + " from NAMDRunner?\n\n"
                + "This removes the local record and its history. Files in " + where + " are kept." + warning)) {
            return;
        }
        List<String> ids = jobs.stream().map(org.namdrunner.core.model.Job::id).toList();
        schedule(ids);
    }

    /** Deletes the jobs in a background job; returns it (scheduled). */
    public static Job schedule(List<String> ids) {
        Job job = new Job("Deleting " + ids.size() + (ids.size() == 1 ? " job" : " jobs")) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                SubMonitor sub = SubMonitor.convert(monitor, ids.size());
                int done = 0;
                try {
                    for (String id : ids) {
                        if (sub.isCanceled()) {
                            return Status.CANCEL_STATUS;
                        }
                        NamdRunnerUi.store().jobs().delete(id);
                        done++;
                        sub.worked(1);
                    }
                    return Status.OK_STATUS;
                } catch (RuntimeException e) {
                    return new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, "Deleted " + done + " of " + ids.size()
                            + " jobs, then: " + NamdRunnerUi.message(e));
                } finally {
                    NamdRunnerUi.fireJobsChanged();
                }
            }
        };
        job.setUser(true);
        job.schedule();
        return job;
    }
}

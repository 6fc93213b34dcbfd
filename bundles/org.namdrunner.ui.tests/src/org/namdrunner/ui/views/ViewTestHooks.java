package org.namdrunner.ui.views;

/**
 * Package-private accessors of the views (widgets, pages, diagnostics),
 * for UI tests in other packages: this fragment shares the package {@code org.namdrunner.ui.views} with its host, so the
 * accessors are no public API.
 */
public final class ViewTestHooks {

    private ViewTestHooks() {
    }

    public static org.eclipse.swt.widgets.Button getSyncButton(JobsView target) {
        return target.getSyncButton();
    }

    public static org.eclipse.swt.widgets.Label getStatusLabel(JobsView target) {
        return target.getStatusLabel();
    }

    public static org.eclipse.jface.action.Action getRenameAction(TemplatesView target) {
        return target.getRenameAction();
    }

    public static org.eclipse.jface.action.Action getHistoryAction(TemplatesView target) {
        return target.getHistoryAction();
    }

    public static String[] dragData(RemoteExplorerView target) {
        return target.dragData();
    }

    public static void previewSelected(RemoteExplorerView target) {
        target.previewSelected();
    }

    public static java.util.List<org.eclipse.core.runtime.jobs.Job> setPriorityOfSelected(JobsView target) {
        return target.setPriorityOfSelected();
    }

    public static java.util.List<org.eclipse.core.runtime.jobs.Job> withdrawSelected(JobsView target) {
        return target.withdrawSelected();
    }

    public static org.eclipse.core.runtime.jobs.Job cancelSelected(JobsView target) {
        return target.cancelSelected();
    }

    public static boolean saveWithComment(TemplatesView target) {
        return target.saveWithComment();
    }
}

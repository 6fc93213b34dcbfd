package org.namdrunner.ui.editors;

import java.util.function.BiFunction;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.namdrunner.automation.JobDocuments.LogKind;
import org.namdrunner.core.model.Job;

/**
 * The job editor's test seams and accessors, for UI tests in other packages: this fragment shares the package
 * {@code org.namdrunner.ui.editors} with its host, so it reaches the package-private seams and the editor's
 * package-private accessors (widgets, tab actions), which are no public API.
 * (Files and folders are asked through the FilePrompts service: {@code TestFilePrompts}.)
 */
public final class EditorTestHooks {

    private EditorTestHooks() {
    }

    /** Replaces the job delete dialog: 0 with files, 1 the record only, -1 cancelled. */
    public static void chooseDelete(BiFunction<Shell, Job, Integer> choice) {
        JobHeader.deleteChoice = choice;
    }

    /** Shortens the period of the Logs/Energy refresh of an active job. */
    public static void liveRefreshSeconds(int seconds) {
        JobEditor.liveRefreshSeconds = seconds;
    }

    /** Puts the dialog and the period back. */
    public static void reset() {
        JobHeader.deleteChoice = JobHeader.DELETE_DIALOG;
        JobEditor.liveRefreshSeconds = JobEditor.LIVE_REFRESH_SECONDS;
    }

    // the editor's package-private accessors, for tests in other packages

    public static void showTab(JobEditor editor, JobEditor.Tab tab) {
        editor.showTab(tab);
    }

    public static boolean downloadSelectedFiles(JobEditor editor) {
        return editor.downloadSelectedFiles();
    }

    public static void openSelectedFile(JobEditor editor) {
        editor.openSelectedFile();
    }

    public static boolean deleteSelectedFiles(JobEditor editor) {
        return editor.deleteSelectedFiles();
    }

    public static void showLog(JobEditor editor, LogKind kind) {
        editor.showLog(kind);
    }

    public static Label getStateLabel(JobEditor editor) {
        return editor.getStateLabel();
    }

    public static Label getMessageLabel(JobEditor editor) {
        return editor.getMessageLabel();
    }

    public static Button getActionItem(JobEditor editor, JobActions.Action a) {
        return editor.getActionItem(a);
    }

    public static TableViewer getHistoryViewer(JobEditor editor) {
        return editor.getHistoryViewer();
    }

    public static Label getMadeFromLabel(JobEditor editor) {
        return editor.getMadeFromLabel();
    }

    public static org.eclipse.swt.widgets.Link getTemplateChangesLink(JobEditor editor) {
        return editor.getTemplateChangesLink();
    }

    public static void showTemplateChanges(JobEditor editor) {
        editor.showTemplateChanges();
    }

    public static String getOverviewText(JobEditor editor) {
        return editor.getOverviewText();
    }

    public static ReadOnlyDocumentViewer getConfigurationViewer(JobEditor editor) {
        return editor.getConfigurationViewer();
    }

    public static ReadOnlyDocumentViewer getScriptViewer(JobEditor editor) {
        return editor.getScriptViewer();
    }

    public static ReadOnlyDocumentViewer getLogViewer(JobEditor editor) {
        return editor.getLogViewer();
    }

    public static TreeViewer getFilesViewer(JobEditor editor) {
        return editor.getFilesViewer();
    }

    public static EnergyChart getEnergyChart(JobEditor editor) {
        return editor.getEnergyChart();
    }

    public static TableViewer getChainViewer(JobEditor editor) {
        return editor.getChainViewer();
    }

    public static TableViewer getDependencyViewer(JobEditor editor) {
        return editor.getDependencyViewer();
    }

    public static String getStatusText(JobEditor editor, JobEditor.Tab tab) {
        return editor.getStatusText(tab);
    }

    public static boolean isBusy(JobEditor editor) {
        return editor.isBusy();
    }

    public static org.eclipse.core.runtime.jobs.Job run(JobEditor editor, JobActions.Action a) {
        return editor.run(a);
    }
}

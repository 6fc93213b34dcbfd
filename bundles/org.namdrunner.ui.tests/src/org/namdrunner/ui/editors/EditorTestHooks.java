package org.namdrunner.ui.editors;

import java.nio.file.Path;
import java.util.function.BiFunction;

import org.eclipse.swt.widgets.Shell;
import org.namdrunner.core.model.Job;

/**
 * The job editor's test seams, for UI tests in other packages: this fragment shares the package
 * {@code org.namdrunner.ui.editors} with its host, so it reaches the package-private seams that are no public API.
 */
public final class EditorTestHooks {

    private EditorTestHooks() {
    }

    /** Replaces the download folder dialog (job editor and Jobs view). */
    public static void chooseDownloadFolder(BiFunction<Shell, Path, Path> chooser) {
        DownloadFolder.chooser = chooser;
    }

    /** Replaces the job delete dialog: 0 with files, 1 the record only, -1 cancelled. */
    public static void chooseDelete(BiFunction<Shell, Job, Integer> choice) {
        JobHeader.deleteChoice = choice;
    }

    /** Shortens the period of the Logs/Energy refresh of an active job. */
    public static void liveRefreshSeconds(int seconds) {
        JobEditor.liveRefreshSeconds = seconds;
    }

    /** Puts the dialogs and the period back. */
    public static void reset() {
        DownloadFolder.chooser = DownloadFolder.DIALOG;
        JobHeader.deleteChoice = JobHeader.DELETE_DIALOG;
        JobEditor.liveRefreshSeconds = JobEditor.LIVE_REFRESH_SECONDS;
    }
}

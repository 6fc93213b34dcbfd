package org.namdrunner.ui.editors;

import java.nio.file.Path;

import org.eclipse.swt.widgets.Shell;
import org.namdrunner.ui.internal.FilePrompts;

/** Asks for the local folder of a download (the job editor's Download and Files tab, the Jobs view). */
public final class DownloadFolder {

    private DownloadFolder() {
    }

    /**
     * The folder to download into, asked through the FilePrompts service starting at {@code suggested} or its nearest
     * existing parent, or null when the user cancelled.
     */
    public static Path choose(Shell shell, Path suggested) {
        return FilePrompts.current().ask(shell,
                FilePrompts.Request.folder("Download to", "Choose the local folder for the download", suggested));
    }
}

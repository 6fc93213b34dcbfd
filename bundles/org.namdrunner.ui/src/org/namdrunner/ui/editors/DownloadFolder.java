package org.namdrunner.ui.editors;

import java.nio.file.Path;
import java.util.function.BiFunction;

import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;

/** Asks for the local folder of a download (the job editor's Download and Files tab, the Jobs view). */
public final class DownloadFolder {

    /** Asks with a directory dialog, starting at {@code suggested} or its nearest existing parent. */
    static final BiFunction<Shell, Path, Path> DIALOG = (shell, suggested) -> {
        DirectoryDialog d = new DirectoryDialog(shell);
        d.setText("Download to");
        d.setMessage("Choose the local folder for the download");
        java.io.File f = suggested.toFile();
        while (f != null && !f.exists()) {
            f = f.getParentFile();
        }
        if (f != null) {
            d.setFilterPath(f.getPath());
        }
        String chosen = d.open();
        return chosen == null ? null : Path.of(chosen);
    };

    /** How the folder is chosen: a seam for the UI tests (the test fragment shares this package). */
    static volatile BiFunction<Shell, Path, Path> chooser = DIALOG;

    private DownloadFolder() {
    }

    /** The folder to download into, or null when the user cancelled. */
    public static Path choose(Shell shell, Path suggested) {
        return chooser.apply(shell, suggested);
    }
}

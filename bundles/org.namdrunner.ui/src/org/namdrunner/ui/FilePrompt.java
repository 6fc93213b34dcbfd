package org.namdrunner.ui;

import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * Asks the user for a file to open or to save to. Screens keep theirs in a static field, so that UI tests can
 * answer without a native dialog (which they cannot drive).
 */
@FunctionalInterface
public interface FilePrompt {

    /** @return the file chosen, or null when the user cancelled */
    Path ask(Shell shell, boolean save, String suggestedName);

    /**
     * The native file dialog: titled {@code saveTitle} or {@code openTitle}, offering files that match
     * {@code extensions} (e.g. {@code "*.json"} or {@code "*.namd;*.conf"}, described as {@code description}) or all
     * files, asking before it overwrites a file.
     */
    static FilePrompt nativeDialog(String saveTitle, String openTitle, String extensions, String description) {
        return (shell, save, suggestedName) -> {
            FileDialog d = new FileDialog(shell, save ? SWT.SAVE : SWT.OPEN);
            d.setText(save ? saveTitle : openTitle);
            d.setFilterExtensions(new String[] {extensions, "*"});
            d.setFilterNames(new String[] {description, "All files"});
            if (suggestedName != null) {
                d.setFileName(suggestedName);
            }
            d.setOverwrite(save);
            String f = d.open();
            return f == null ? null : Path.of(f);
        };
    }
}

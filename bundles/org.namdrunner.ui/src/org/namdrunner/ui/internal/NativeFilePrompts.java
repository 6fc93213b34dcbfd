package org.namdrunner.ui.internal;

import java.io.File;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * The product's {@link FilePrompts}: SWT's native {@link FileDialog} and {@link DirectoryDialog}. Registered as a
 * declarative-services component ({@code OSGI-INF/org.namdrunner.ui.internal.NativeFilePrompts.xml}).
 */
public final class NativeFilePrompts implements FilePrompts {

    static final NativeFilePrompts INSTANCE = new NativeFilePrompts();

    @Override
    public Path ask(Shell shell, Request r) {
        String chosen;
        if (r.kind() == Kind.FOLDER) {
            DirectoryDialog d = new DirectoryDialog(shell);
            d.setText(r.title());
            if (r.description() != null) {
                d.setMessage(r.description());
            }
            String start = existing(r.folder());
            if (start != null) {
                d.setFilterPath(start);
            }
            chosen = d.open();
        } else {
            FileDialog d = new FileDialog(shell, r.save() ? SWT.SAVE : SWT.OPEN);
            d.setText(r.title());
            if (r.extensions() != null) {
                d.setFilterExtensions(new String[] {r.extensions(), "*"});
                d.setFilterNames(new String[] {r.description(), "All files"});
            }
            String start = existing(r.folder());
            if (start != null) {
                d.setFilterPath(start);
            }
            if (r.suggestedName() != null) {
                d.setFileName(r.suggestedName());
            }
            d.setOverwrite(r.save());
            chosen = d.open();
        }
        return chosen == null ? null : Path.of(chosen);
    }

    /** The folder or its nearest existing parent, or null. */
    private static String existing(Path folder) {
        File f = folder == null ? null : folder.toFile();
        while (f != null && !f.exists()) {
            f = f.getParentFile();
        }
        return f == null ? null : f.getPath();
    }
}

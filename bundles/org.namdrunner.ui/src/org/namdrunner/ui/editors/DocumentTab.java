package org.namdrunner.ui.editors;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** A tab showing one read-only document of the job with a status line and Refresh: Configuration and Script. */
abstract class DocumentTab extends JobEditorTab {

    private final ReadOnlyDocumentViewer.Language language;
    private ReadOnlyDocumentViewer viewer;
    private Label status;

    DocumentTab(JobEditor editor, JobEditor.Tab tab, ReadOnlyDocumentViewer.Language language) {
        super(editor, tab);
        this.language = language;
    }

    @Override
    int columns() {
        return 2;
    }

    @Override
    void create(Composite c) {
        status = status(c, 1);
        button(c, "Refresh", () -> load(true)).setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        viewer = new ReadOnlyDocumentViewer(c, language);
        viewer.getTextWidget().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
    }

    @Override
    Label status() {
        return status;
    }

    ReadOnlyDocumentViewer viewer() {
        return viewer;
    }

    /** Shows a read document, or why there is none. */
    void show(RemoteText text, String missing, Object problem) {
        viewer.setText(text == null ? "" : text.text());
        status.setText(text == null ? missing + problem : text.describe());
        status.getParent().layout();
    }
}

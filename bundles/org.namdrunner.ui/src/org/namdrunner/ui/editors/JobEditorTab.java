package org.namdrunner.ui.editors;

import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.namdrunner.ui.editors.JobEditor.Tab;

/**
 * One tab of the {@link JobEditor}: builds its page, loads its content (in the editor's background jobs) when it is
 * first shown and again after the job's state moved on, and may refresh itself while the job runs.
 */
abstract class JobEditorTab {

    final JobEditor editor;
    final Tab tab;

    JobEditorTab(JobEditor editor, Tab tab) {
        this.editor = editor;
        this.tab = tab;
    }

    /** Columns of the page's grid layout. */
    abstract int columns();

    /** Builds the tab's controls on its page. */
    abstract void create(Composite page);

    /** Loads what the tab shows; {@code again}: the job changed or the user asked, not the first showing. */
    abstract void load(boolean again);

    /** Reloads while the tab is shown and the job is active (every {@code JobEditor.liveRefreshSeconds}). */
    void liveRefresh() {
    }

    /** The tab's status line (what it read, and when). */
    abstract Label status();

    // ------------------------------------------------------------------ widgets the tabs share

    static Label status(Composite parent, int span) {
        Label l = new Label(parent, SWT.WRAP);
        l.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, span, 1));
        return l;
    }

    static Button button(Composite parent, String text, Runnable r) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> r.run());
        return b;
    }

    @SuppressWarnings("unchecked")
    static <T> void column(TableViewer viewer, String title, int width, Function<T, String> text, Function<T, Image> image) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((T) e);
            }

            @Override
            public Image getImage(Object e) {
                return image == null ? null : image.apply((T) e);
            }
        });
    }
}

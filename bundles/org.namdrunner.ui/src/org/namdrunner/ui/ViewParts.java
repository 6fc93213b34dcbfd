package org.namdrunner.ui;

import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;

/** Pieces the list views (Templates, Automations) build the same way: actions, their tool bar, text columns. */
public final class ViewParts {

    private ViewParts() {
    }

    /** An action running {@code run}, with a tooltip. */
    public static Action action(String text, String tip, Runnable run) {
        Action a = new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
        a.setToolTipText(tip);
        return a;
    }

    /** An action's text as a button label: without mnemonic, ellipsis and key hint. */
    public static String label(Action a) {
        return a.getText().replace("&", "").replace("\u2026", "").split("\t")[0];
    }

    /**
     * A flat tool bar (filling the width of a grid layout) with a push button per action; with
     * {@code followEnablement} the buttons are enabled and labelled as their actions are, as these change.
     */
    public static ToolBar toolBar(Composite parent, List<Action> actions, boolean followEnablement) {
        ToolBar bar = new ToolBar(parent, SWT.FLAT | SWT.RIGHT);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        for (Action a : actions) {
            ToolItem item = new ToolItem(bar, SWT.PUSH);
            item.setText(label(a));
            item.setToolTipText(a.getToolTipText());
            item.addListener(SWT.Selection, e -> a.run());
            item.setData(Action.class.getName(), a);
            if (followEnablement) {
                a.addPropertyChangeListener(e -> {
                    if (!item.isDisposed()) {
                        item.setEnabled(a.isEnabled());
                        item.setText(label(a));
                        bar.getParent().layout(true);
                    }
                });
            }
        }
        return bar;
    }

    /** A left-aligned text column of rows of type {@code E}, with an optional tooltip per row. */
    public static <E> TableViewerColumn textColumn(TableViewer viewer, Class<E> type, String header, int width,
            Function<E, String> text, Function<E, String> tip) {
        TableViewerColumn vc = new TableViewerColumn(viewer, SWT.LEFT);
        vc.getColumn().setText(header);
        vc.getColumn().setWidth(width);
        vc.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(type.cast(element));
            }

            @Override
            public String getToolTipText(Object element) {
                return tip == null ? null : tip.apply(type.cast(element));
            }
        });
        return vc;
    }
}

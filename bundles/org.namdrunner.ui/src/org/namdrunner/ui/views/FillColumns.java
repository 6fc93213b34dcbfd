package org.namdrunner.ui.views;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;

/**
 * Lets chosen columns of a table take the room a wider view gives (a maximised view, a larger window) and give it
 * back when the view shrinks, never below the width they had or the user dragged them to. The other columns keep
 * their widths.
 */
public final class FillColumns {

    private final Table table;
    private final TableColumn[] growing;
    private final int[] base;
    private boolean adjusting;

    private FillColumns(Table table, TableColumn[] growing) {
        this.table = table;
        this.growing = growing;
        this.base = new int[growing.length];
        for (int i = 0; i < growing.length; i++) {
            int k = i;
            base[i] = growing[i].getWidth();
            // a width the user drags to becomes the column's own (the share of free room is added on top of it)
            growing[i].addListener(SWT.Resize, e -> {
                if (!adjusting) {
                    base[k] = growing[k].getWidth();
                }
            });
        }
        table.addListener(SWT.Resize, e -> fit());
    }

    /** Makes {@code growing} share the free width of {@code table}; returns the installed helper. */
    public static FillColumns install(Table table, TableColumn... growing) {
        return new FillColumns(table, growing.clone());
    }

    /** Distributes the table's free width over the growing columns now. */
    public void fit() {
        if (table.isDisposed()) {
            return;
        }
        int others = 0;
        for (TableColumn c : table.getColumns()) {
            if (!isGrowing(c)) {
                others += c.getWidth();
            }
        }
        int baseSum = 0;
        for (int b : base) {
            baseSum += b;
        }
        int free = Math.max(0, table.getClientArea().width - others - baseSum);
        adjusting = true;
        try {
            for (int i = 0; i < growing.length; i++) {
                int share = free / growing.length + (i == 0 ? free % growing.length : 0);
                if (!growing[i].isDisposed() && growing[i].getWidth() != base[i] + share) {
                    growing[i].setWidth(base[i] + share);
                }
            }
        } finally {
            adjusting = false;
        }
    }

    private boolean isGrowing(TableColumn c) {
        for (TableColumn g : growing) {
            if (g == c) {
                return true;
            }
        }
        return false;
    }
}

package org.namdrunner.ui.jobs;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;

/**
 * Changes the row count of a virtual {@link Table} by tens of thousands of rows without blocking the UI for
 * seconds.
 * <p>
 * On GTK, SWT adds and removes the rows of a virtual table one at a time in the GtkListStore, and the attached
 * GtkTreeView handles each insertion or removal: 2–8 µs per row on a small machine, so 0.3–1.5 s when a filter
 * takes 100,000 rows to 40,000 (measured in benchmarks/ui). Whatever the widget does, it cannot be told "you now
 * have n rows" in one call. So a large change happens in steps: the first {@value #STEP} rows of a growth (or,
 * for a shrink, a clear of every row so the visible ones ask for their new data) happen at once — the rows on
 * screen are correct and painted within the user's action — and the rest of the rows are added or removed in
 * steps of {@value #STEP} from the event loop, between which the UI stays responsive. Rows past the new count
 * that still exist during a shrink show empty (the content provider has no data for them) and disappear within
 * a few hundred milliseconds; the scroll bar reaches its final range at the same time.
 * <p>
 * Changes of at most {@value #STEP} rows happen at once, keeping the scroll position and selection.
 */
public final class VirtualRows {

    /** Rows added or removed per step. */
    public static final int STEP = 10_000;
    private static final String TARGET = VirtualRows.class.getName() + ".target";
    private static volatile boolean progressive = true;

    private VirtualRows() {
    }

    /** Switches the stepwise path off (one plain setItemCount) or on; for the benchmark's side-by-side comparison. */
    public static void setProgressive(boolean on) {
        progressive = on;
    }

    /** Whether the table has reached the row count last asked for. */
    public static boolean isSettled(Table table) {
        return table.isDisposed() || table.getData(TARGET) == null;
    }

    /** The row count last asked for (it may still be on its way). */
    public static int targetCount(Table table) {
        Object t = table.getData(TARGET);
        return t instanceof Target target ? target.count() : table.getItemCount();
    }

    /**
     * Makes the table have {@code count} rows, all cleared (they ask for their data again when shown). Large
     * changes finish in steps from the event loop (see the class comment); a later call supersedes the steps of an
     * earlier one.
     *
     * @return true when the change continues in steps (the view was scrolled to the top)
     */
    public static boolean setItemCount(Table table, int count) {
        Target target = new Target(count);
        table.setData(TARGET, null);
        int old = table.getItemCount();
        if (Math.abs(count - old) <= STEP || !progressive) {
            if (count < old - 2_000 && count < old / 2) {
                // the plain path removes surplus rows one at a time; clearing the store is one call
                table.removeAll();
            }
            table.setItemCount(count);
            table.clearAll();
            return false;
        }
        table.deselectAll();
        table.clearAll();
        if (count > old) {
            table.setItemCount(old + STEP);
        }
        table.setTopIndex(0);
        table.setData(TARGET, target);
        schedule(table, target);
        return true;
    }

    /** Identity of one requested change: a newer request replaces the table's target and stops older steps. */
    private record Target(int count) {
    }

    private static void schedule(Table table, Target target) {
        Display d = table.getDisplay();
        d.asyncExec(() -> step(table, target));
    }

    private static void step(Table table, Target target) {
        if (table.isDisposed() || table.getData(TARGET) != target) {
            return;
        }
        int now = table.getItemCount();
        int count = target.count();
        if (now < count) {
            table.setItemCount(Math.min(count, now + STEP));
        } else if (now > count) {
            int from = Math.max(count, now - STEP);
            table.remove(from, now - 1);
        }
        if (table.getItemCount() == count) {
            table.setData(TARGET, null);
        } else {
            schedule(table, target);
        }
    }
}

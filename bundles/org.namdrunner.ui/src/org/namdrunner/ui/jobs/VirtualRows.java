package org.namdrunner.ui.jobs;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import org.eclipse.swt.SWT;
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
 * Removing rows one by one from an attached GtkTreeView is the slowest part (tens of µs per row): on GTK the
 * surplus rows of a shrink are removed in one step with the view detached from its list store
 * ({@code gtk_tree_view_set_model(view, NULL)}, called reflectively, as SWT itself does when it rebuilds the store
 * for a new column), so the view rebuilds its row tree once; when SWT's internals differ, the removal falls back to
 * steps of {@value #STEP} rows.
 * <p>
 * Changes of at most {@value #STEP} rows happen at once, keeping the scroll position and selection.
 */
public final class VirtualRows {

    /** Rows added or removed per step. */
    public static final int STEP = 10_000;
    private static final String TARGET = VirtualRows.class.getName() + ".target";
    private static volatile boolean progressive = true;

    private static final Field VIEW_HANDLE;
    private static final Field MODEL_HANDLE;
    private static final Method SET_MODEL;

    static {
        Field view = null;
        Field model = null;
        Method setModel = null;
        if ("gtk".equals(SWT.getPlatform())) {
            try {
                view = Table.class.getField("handle");
                model = Table.class.getDeclaredField("modelHandle");
                model.setAccessible(true);
                Class<?> gtk = Class.forName("org.eclipse.swt.internal.gtk.GTK", true, Table.class.getClassLoader());
                setModel = gtk.getMethod("gtk_tree_view_set_model", long.class, long.class);
                if (view.getType() != long.class || model.getType() != long.class) {
                    view = null;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                view = null;
            }
        }
        VIEW_HANDLE = view;
        MODEL_HANDLE = view == null ? null : model;
        SET_MODEL = view == null ? null : setModel;
    }

    private VirtualRows() {
    }

    /** Whether a shrink removes its surplus rows in one detached step (GTK with the SWT internals we expect). */
    public static boolean detachedRemovalAvailable() {
        return SET_MODEL != null;
    }

    /** Removes rows {@code from..to} with the GTK view detached; false when that is not possible here. */
    private static boolean removeDetached(Table table, int from, int to) {
        if (SET_MODEL == null) {
            return false;
        }
        long view;
        long model;
        try {
            view = VIEW_HANDLE.getLong(table);
            model = MODEL_HANDLE.getLong(table);
            SET_MODEL.invoke(null, view, 0L);
        } catch (ReflectiveOperationException e) {
            return false;
        }
        try {
            table.remove(from, to);
        } finally {
            try {
                SET_MODEL.invoke(null, view, model);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot attach the table's rows again", e);
            }
        }
        return true;
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
            if (count == 0) {
                table.removeAll();
            } else if (!removeDetached(table, count, now - 1)) {
                table.remove(Math.max(count, now - STEP), now - 1);
            }
        }
        if (table.getItemCount() == count) {
            table.setData(TARGET, null);
        } else {
            schedule(table, target);
        }
    }
}

package org.namdrunner.ui.jobs;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;

/**
 * Sets the row count of a virtual {@link Table} quickly when it changes by many rows.
 * <p>
 * On GTK, SWT adds and removes the rows of a virtual table one at a time in the GtkListStore, and the GtkTreeView
 * attached to it handles each insertion or removal (its row tree, its accessibility peer): tens of thousands of
 * rows take 0.3–1.5 s. Detaching the view from the list store while the rows change, and attaching it again
 * afterwards (what SWT itself does when it replaces the store for a new column), lets the view build its row tree
 * once: the same change then takes a fraction of that. Other platforms, or a GTK SWT whose internals differ, get
 * the plain {@link Table#setItemCount}.
 * <p>
 * Small changes keep the plain path, which leaves the scroll position and selection alone; a large change resets
 * them (it comes from a new filter or sort, where the first rows are what the user wants to see).
 */
public final class VirtualRows {

    /** Changes of at most this many rows use the plain SWT path. */
    public static final int SMALL_CHANGE = 2_000;

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
                if (model.getType() != long.class || view.getType() != long.class) {
                    view = null;
                    model = null;
                    setModel = null;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                view = null;
                model = null;
                setModel = null;
            }
        }
        VIEW_HANDLE = view;
        MODEL_HANDLE = model;
        SET_MODEL = setModel;
    }

    private static volatile boolean enabled = true;

    private VirtualRows() {
    }

    /** Whether large changes take the detached path on this platform. */
    public static boolean fastPathAvailable() {
        return VIEW_HANDLE != null && MODEL_HANDLE != null && SET_MODEL != null;
    }

    /** Switches the detached path off (plain SWT) or on; for the benchmark's side-by-side comparison. */
    public static void setFastPathEnabled(boolean on) {
        enabled = on;
    }

    /**
     * Makes the table have {@code count} rows, all cleared (they ask for their data again when shown).
     *
     * @return true when the view was detached for the change (scroll position and selection were reset)
     */
    public static boolean setItemCount(Table table, int count) {
        int old = table.getItemCount();
        if (Math.abs(count - old) <= SMALL_CHANGE || !fastPathAvailable() || !enabled) {
            if (count < old - SMALL_CHANGE) {
                // the plain path removes surplus rows one at a time; clearing the store is one call
                table.removeAll();
            }
            table.setItemCount(count);
            table.clearAll();
            return false;
        }
        long model;
        try {
            model = MODEL_HANDLE.getLong(table);
        } catch (IllegalAccessException e) {
            table.setItemCount(count);
            table.clearAll();
            return false;
        }
        table.deselectAll();
        detach(table, 0);
        try {
            if (count < old / 2) {
                table.removeAll();
            }
            table.setItemCount(count);
            table.clearAll();
        } finally {
            detach(table, model);
        }
        return true;
    }

    private static void detach(Table table, long model) {
        try {
            SET_MODEL.invoke(null, VIEW_HANDLE.getLong(table), model);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot " + (model == 0 ? "detach" : "attach") + " the table's rows", e);
        }
    }
}

package org.namdrunner.ui;

import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.namdrunner.store.Store;

/**
 * The workbench's access to the local store: opened on first use in the data directory
 * ({@link org.namdrunner.store.StoreLocation}), closed when the workbench shuts down. Screens that change the
 * database (delete, restore, reset, sync) call {@link #fireJobsChanged()} so every view showing jobs reloads.
 */
public final class NamdRunnerUi {

    public static final String PLUGIN_ID = "org.namdrunner.ui";

    private static volatile Store store;
    private static final CopyOnWriteArrayList<Runnable> JOB_LISTENERS = new CopyOnWriteArrayList<>();

    private NamdRunnerUi() {
    }

    /** The open store, opened now when needed. @throws org.namdrunner.store.StoreException when it cannot be opened */
    public static Store store() {
        Store s = store;
        if (s == null || s.isClosed()) {
            synchronized (NamdRunnerUi.class) {
                s = store;
                if (s == null || s.isClosed()) {
                    s = Store.openDefault();
                    store = s;
                }
            }
        }
        return s;
    }

    /** Closes the store (workbench shutdown). */
    public static synchronized void closeStore() {
        Store s = store;
        store = null;
        if (s != null) {
            s.close();
        }
    }

    /** Registers a listener called (in any thread) after jobs were changed through the workbench. */
    public static void addJobsListener(Runnable r) {
        JOB_LISTENERS.add(r);
    }

    public static void removeJobsListener(Runnable r) {
        JOB_LISTENERS.remove(r);
    }

    /** Tells every jobs listener that the stored jobs changed. */
    public static void fireJobsChanged() {
        for (Runnable r : JOB_LISTENERS) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log(IStatus.ERROR, "A jobs listener failed", e);
            }
        }
    }

    public static void log(int severity, String message, Throwable t) {
        ILog.of(NamdRunnerUi.class).log(new Status(severity, PLUGIN_ID, message, t));
    }

    /** A message for users from an exception: its own message, never a stack trace. */
    public static String message(Throwable t) {
        Throwable cur = t;
        while (cur.getMessage() == null && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur.getMessage() != null ? cur.getMessage() : cur.getClass().getSimpleName();
    }
}

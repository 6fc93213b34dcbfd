package org.namdrunner.ui.editors;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.namdrunner.core.model.Job;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * The background reads of one job editor: each runs in an Eclipse job (families: the editor and
 * {@code JobEditor.class}, cancelled when the editor closes) and hands its result to the UI thread; its progress and
 * failure show on the tab's status line.
 */
final class BackgroundLoads {

    /** A read of the cluster or the store, off the UI thread. */
    interface Work<T> {
        T run(Job job, IProgressMonitor monitor) throws Exception;
    }

    private final Object family;
    private final Supplier<Job> job;
    private final Supplier<Display> display;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean disposed;

    BackgroundLoads(Object family, Supplier<Job> job, Supplier<Display> display) {
        this.family = family;
        this.job = job;
        this.display = display;
    }

    /** True while a read runs. */
    boolean isBusy() {
        return running.get() > 0;
    }

    /** After this no result reaches the UI; the running reads are cancelled. */
    void dispose() {
        disposed = true;
        org.eclipse.core.runtime.jobs.Job.getJobManager().cancel(family);
    }

    /** Runs {@code work} in a background job, then {@code ui} on the UI thread (not when it failed). */
    <T> void run(String name, Label status, Work<T> work, Consumer<T> ui) {
        Job j = job.get();
        if (j == null) {
            return;
        }
        running.incrementAndGet();
        if (status != null && !status.isDisposed()) {
            status.setText(name + "\u2026");
        }
        org.eclipse.core.runtime.jobs.Job bg = new org.eclipse.core.runtime.jobs.Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                T result = null;
                String error = null;
                try {
                    result = work.run(j, monitor);
                } catch (Exception e) {
                    error = NamdRunnerUi.message(e);
                }
                T r = result;
                String err = error;
                Display d = display.get();
                if (d != null) {
                    d.asyncExec(() -> {
                        running.decrementAndGet();
                        if (disposed) {
                            return;
                        }
                        if (err != null) {
                            if (status != null && !status.isDisposed()) {
                                status.setText(name + " failed: " + err);
                                status.getParent().layout();
                            }
                        } else {
                            ui.accept(r);
                        }
                    });
                } else {
                    running.decrementAndGet();
                }
                return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object f) {
                return f == family || f == JobEditor.class;
            }
        };
        bg.setSystem(false);
        bg.schedule();
    }
}

package org.namdrunner.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * What a long command (submit with its uploads, sync, rebuild, an automation run) is doing, for a person at a terminal:
 * the task and step names the operations report to their {@link IProgressMonitor}, on standard error, one line each,
 * with the share done when the operation counts its work (at most one line per second for that). Nothing is printed
 * when standard input or output is not a terminal (scripts and pipes read only the commands' results).
 */
final class CliProgress extends NullProgressMonitor {
    private static final long MIN_GAP_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final LongSupplier clock;
    private String task = "";
    private String last = "";
    private int total = UNKNOWN;
    private double worked;
    private long lastPercentAt = Long.MIN_VALUE;
    private int lastPercent = -1;

    CliProgress(PrintStream err, LongSupplier nanoClock) {
        this.err = err;
        this.clock = nanoClock;
    }

    /** A monitor that reports to {@code err} when a person is at the terminal, else one that reports nothing. */
    static IProgressMonitor of(PrintStream err) {
        return System.console() != null ? new CliProgress(err, System::nanoTime) : new NullProgressMonitor();
    }

    @Override
    public void beginTask(String name, int totalWork) {
        total = totalWork;
        worked = 0;
        lastPercent = -1;
        if (name != null && !name.isBlank()) {
            task = name.strip();
            line(task);
        }
    }

    @Override
    public void setTaskName(String name) {
        if (name != null && !name.isBlank()) {
            task = name.strip();
            line(task);
        }
    }

    @Override
    public void subTask(String name) {
        if (name != null && !name.isBlank()) {
            line(task.isEmpty() ? name.strip() : task + ": " + name.strip());
        }
    }

    @Override
    public void worked(int work) {
        internalWorked(work);
    }

    @Override
    public void internalWorked(double work) {
        if (total <= 0 || work <= 0) {
            return;
        }
        worked += work;
        int percent = (int) Math.min(100, Math.floor(100 * worked / total));
        long now = clock.getAsLong();
        if (percent > lastPercent && (lastPercentAt == Long.MIN_VALUE || now - lastPercentAt >= MIN_GAP_NANOS || percent == 100)) {
            lastPercent = percent;
            lastPercentAt = now;
            err.println(String.format(Locale.ROOT, "  %3d %%  %s", percent, task));
        }
    }

    private void line(String text) {
        if (!text.equals(last)) {
            last = text;
            err.println(text + " \u2026");
        }
    }
}

package org.namdrunner.remote;

import java.util.Objects;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Exponential backoff for reconnecting: delays {@code initial, initial*factor, ...} capped at {@code max}, for
 * at most {@code maxAttempts} attempts. Waiting is cancellable through an {@link IProgressMonitor}; the sleep
 * function is injectable for tests.
 */
public final class Backoff {
    /** Sleeps for a number of milliseconds (may return early; must honour interruption). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;

        Sleeper SYSTEM = Thread::sleep;
    }

    private final long initialMillis;
    private final double factor;
    private final long maxMillis;
    private final int maxAttempts;
    private final Sleeper sleeper;

    public Backoff(long initialMillis, double factor, long maxMillis, int maxAttempts, Sleeper sleeper) {
        if (initialMillis < 0 || factor < 1.0 || maxMillis < initialMillis || maxAttempts < 1) {
            throw new IllegalArgumentException("Invalid backoff settings");
        }
        this.initialMillis = initialMillis;
        this.factor = factor;
        this.maxMillis = maxMillis;
        this.maxAttempts = maxAttempts;
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    /** 0.5 s, 1 s, 2 s, 4 s ... capped at 15 s, 6 attempts. */
    public static Backoff defaults() {
        return new Backoff(500, 2.0, 15_000, 6, Sleeper.SYSTEM);
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** Delay before attempt {@code attempt} (1-based; the first attempt has no delay). */
    public long delayBefore(int attempt) {
        if (attempt <= 1) {
            return 0;
        }
        double d = initialMillis * Math.pow(factor, attempt - 2);
        return (long) Math.min(maxMillis, d);
    }

    /**
     * Waits before attempt {@code attempt}, in slices of at most 100 ms so that cancellation is noticed.
     *
     * @throws RemoteException {@link RemoteErrorKind#CANCELLED} when the monitor is cancelled or the thread
     *                         interrupted
     */
    public void awaitAttempt(int attempt, IProgressMonitor monitor) throws RemoteException {
        long remaining = delayBefore(attempt);
        while (true) {
            if (monitor != null && monitor.isCanceled()) {
                throw new RemoteException(RemoteErrorKind.CANCELLED, "Cancelled by the user while reconnecting.");
            }
            if (remaining <= 0) {
                return;
            }
            long slice = Math.min(100, remaining);
            try {
                sleeper.sleep(slice);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteException(RemoteErrorKind.CANCELLED, "Interrupted while reconnecting.", e);
            }
            remaining -= slice;
        }
    }
}

package org.namdrunner.remote;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Front door for remote commands of one cluster connection:
 * <ul>
 * <li><b>token bucket</b>: at most {@code permitsPerSecond} requests start per second (bursts up to
 * {@code burst});</li>
 * <li><b>bounded queue</b>: requests that have to wait are queued; when {@code maxQueue} are already waiting,
 * a new request is refused at once with {@link RemoteErrorKind#TOO_MANY_REQUESTS} ("too many pending
 * requests") - never silently dropped;</li>
 * <li><b>coalescing</b>: a request whose key equals one already queued or running joins that execution and
 * gets the same result (one remote command for all of them);</li>
 * <li><b>concurrency bound</b>: at most {@code maxConcurrent} requests run at once (an sshd allows only a
 * limited number of channels per connection, OpenSSH's default MaxSessions is 10).</li>
 * </ul>
 * Time, delayed wake-ups and execution are injected ({@link Ticker}, {@link Scheduler}, {@link Executor}) so
 * that tests drive the limiter deterministically, without sleeping. Rate-limit, queue-full and coalescing
 * events are written to the {@link CommandLog}.
 */
public final class RateLimiter {
    /** Default permits per second. */
    public static final double DEFAULT_RATE = 5.0;
    /** Default number of requests allowed to wait. */
    public static final int DEFAULT_MAX_QUEUE = 20;
    /** Default number of requests running at the same time. */
    public static final int DEFAULT_MAX_CONCURRENT = 8;

    /** Monotonic time source in nanoseconds. */
    @FunctionalInterface
    public interface Ticker {
        long nanoTime();

        Ticker SYSTEM = System::nanoTime;
    }

    /** Runs a task after a delay. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    /** The work behind a request; {@code cancelled} turns true when every waiting caller has given up. */
    @FunctionalInterface
    public interface Task<T> {
        T run(BooleanSupplier cancelled) throws Exception;
    }

    private final class Entry {
        final String key;
        final Task<?> task;
        final CompletableFuture<Object> future = new CompletableFuture<>();
        int waiters = 1;
        boolean started;
        volatile boolean abandoned;

        Entry(String key, Task<?> task) {
            this.key = key;
            this.task = task;
        }
    }

    private final double permitsPerSecond;
    private final double burst;
    private final int maxQueue;
    private final int maxConcurrent;
    private final Ticker ticker;
    private final Scheduler scheduler;
    private final Executor executor;
    private final CommandLog log;
    private final String cluster;

    private final Deque<Entry> queue = new ArrayDeque<>();
    private final Map<String, Entry> inFlight = new HashMap<>();
    private double tokens;
    private long lastRefill;
    private int running;
    private boolean wakeupScheduled;
    private long executed;
    private long coalesced;
    private long rejected;

    /**
     * @param permitsPerSecond rate of the token bucket (&gt; 0)
     * @param burst            bucket capacity (&ge; 1): how many requests may start at once after a quiet time
     * @param maxQueue         how many requests may wait (&ge; 0)
     * @param maxConcurrent    how many requests may run at once (&ge; 1)
     */
    public RateLimiter(double permitsPerSecond, int burst, int maxQueue, int maxConcurrent, Ticker ticker,
            Scheduler scheduler, Executor executor, CommandLog log, String cluster) {
        if (!(permitsPerSecond > 0) || burst < 1 || maxQueue < 0 || maxConcurrent < 1) {
            throw new IllegalArgumentException("Invalid rate limiter settings: rate=" + permitsPerSecond + "/s, burst="
                    + burst + ", queue=" + maxQueue + ", concurrent=" + maxConcurrent);
        }
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.maxQueue = maxQueue;
        this.maxConcurrent = maxConcurrent;
        this.ticker = Objects.requireNonNull(ticker);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.executor = Objects.requireNonNull(executor);
        this.log = log;
        this.cluster = cluster;
        this.tokens = burst;
        this.lastRefill = ticker.nanoTime();
    }

    /**
     * A limiter with real time and daemon threads.
     */
    public static RateLimiter create(double permitsPerSecond, int maxQueue, CommandLog log, String cluster) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "namdrunner-ratelimit-timer");
            t.setDaemon(true);
            return t;
        });
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "namdrunner-remote-command");
            t.setDaemon(true);
            return t;
        });
        int burst = Math.max(1, (int) Math.ceil(permitsPerSecond));
        return new RateLimiter(permitsPerSecond, burst, maxQueue, DEFAULT_MAX_CONCURRENT, Ticker.SYSTEM,
                (task, delay) -> timer.schedule(task, delay, TimeUnit.NANOSECONDS), workers, log, cluster);
    }

    /**
     * Submits a request. {@code key} identifies identical requests (e.g. the command line); {@code null}
     * never coalesces.
     *
     * @throws RemoteException {@link RemoteErrorKind#TOO_MANY_REQUESTS} when the queue is full
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> submit(String key, Task<T> task) throws RemoteException {
        Objects.requireNonNull(task);
        List<Entry> toStart;
        CompletableFuture<Object> result;
        synchronized (this) {
            if (key != null) {
                Entry existing = inFlight.get(key);
                if (existing != null) {
                    existing.waiters++;
                    coalesced++;
                    logEvent(CommandLogEntry.Kind.COALESCED, "joined identical request in flight: " + key);
                    return (CompletableFuture<T>) (CompletableFuture<?>) existing.future;
                }
            }
            refill();
            boolean mustWait = !queue.isEmpty() || running >= maxConcurrent || tokens < 1.0;
            if (mustWait && queue.size() >= maxQueue) {
                rejected++;
                String what = key != null ? key : "request";
                logEvent(CommandLogEntry.Kind.QUEUE_FULL, "refused (" + queue.size() + " pending, limit " + maxQueue
                        + "): " + what);
                throw new RemoteException(RemoteErrorKind.TOO_MANY_REQUESTS, "Too many pending requests to " + cluster
                        + ": " + queue.size() + " are already waiting (limit " + maxQueue
                        + "). Try again in a moment or raise the queue limit in the connection settings.");
            }
            Entry e = new Entry(key, task);
            if (key != null) {
                inFlight.put(key, e);
            }
            queue.addLast(e);
            if (mustWait) {
                logEvent(CommandLogEntry.Kind.RATE_LIMITED, "waiting (" + queue.size() + " queued, limit "
                        + formatRate() + "): " + (key != null ? key : "request"));
            }
            toStart = takeStartable();
            result = e.future;
        }
        start(toStart);
        return (CompletableFuture<T>) (CompletableFuture<?>) result;
    }

    /**
     * Submits a request and waits for its result, honouring cancellation of {@code monitor}.
     */
    public <T> T call(String key, Task<T> task, IProgressMonitor monitor) throws RemoteException {
        CompletableFuture<T> f = submit(key, task);
        return await(key, f, monitor);
    }

    private <T> T await(String key, CompletableFuture<T> f, IProgressMonitor monitor) throws RemoteException {
        while (true) {
            if (monitor != null && monitor.isCanceled()) {
                abandon(key, f);
                throw new RemoteException(RemoteErrorKind.CANCELLED, "Cancelled by the user.");
            }
            try {
                return f.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon(key, f);
                throw new RemoteException(RemoteErrorKind.CANCELLED, "Interrupted.", e);
            } catch (CancellationException e) {
                throw new RemoteException(RemoteErrorKind.CANCELLED, "Cancelled by the user.", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RemoteException re) {
                    throw re;
                }
                throw new RemoteException(RemoteErrorKind.UNKNOWN, "Remote request failed: " + c, c);
            }
        }
    }

    private void abandon(String key, CompletableFuture<?> f) {
        List<Entry> toStart;
        synchronized (this) {
            Entry target = null;
            for (Entry e : queue) {
                if (e.future == f) {
                    target = e;
                }
            }
            if (target == null && key != null) {
                Entry e = inFlight.get(key);
                if (e != null && e.future == f) {
                    target = e;
                }
            }
            if (target == null) {
                return;
            }
            if (--target.waiters > 0) {
                return;
            }
            target.abandoned = true;
            if (!target.started) {
                queue.remove(target);
                if (target.key != null) {
                    inFlight.remove(target.key, target);
                }
                target.future.cancel(false);
            }
            toStart = takeStartable();
        }
        start(toStart);
    }

    private void refill() {
        long now = ticker.nanoTime();
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * permitsPerSecond / 1e9);
            lastRefill = now;
        }
    }

    /** Must hold the lock. Takes the entries that may start now and schedules a wake-up if needed. */
    private List<Entry> takeStartable() {
        refill();
        List<Entry> start = new ArrayList<>();
        while (!queue.isEmpty() && running < maxConcurrent && tokens >= 1.0) {
            tokens -= 1.0;
            Entry e = queue.pollFirst();
            e.started = true;
            running++;
            start.add(e);
        }
        if (!queue.isEmpty() && running < maxConcurrent && tokens < 1.0 && !wakeupScheduled) {
            long delay = (long) Math.ceil((1.0 - tokens) * 1e9 / permitsPerSecond);
            wakeupScheduled = true;
            scheduler.schedule(this::wakeup, Math.max(1, delay));
        }
        return start;
    }

    private void wakeup() {
        List<Entry> toStart;
        synchronized (this) {
            wakeupScheduled = false;
            toStart = takeStartable();
        }
        start(toStart);
    }

    private void start(List<Entry> entries) {
        for (Entry e : entries) {
            try {
                executor.execute(() -> runEntry(e));
            } catch (RuntimeException ex) {
                finish(e, null, ex);
            }
        }
    }

    private void runEntry(Entry e) {
        Object value = null;
        Throwable error = null;
        try {
            value = e.task.run(() -> e.abandoned);
        } catch (Throwable t) {
            error = t;
        }
        finish(e, value, error);
    }

    private void finish(Entry e, Object value, Throwable error) {
        List<Entry> toStart;
        synchronized (this) {
            running--;
            executed++;
            if (e.key != null) {
                inFlight.remove(e.key, e);
            }
            toStart = takeStartable();
        }
        if (error != null) {
            e.future.completeExceptionally(error);
        } else {
            e.future.complete(value);
        }
        start(toStart);
    }

    private void logEvent(CommandLogEntry.Kind kind, String text) {
        if (log != null) {
            log.event(cluster, kind, text);
        }
    }

    private String formatRate() {
        return (permitsPerSecond == Math.rint(permitsPerSecond) ? String.valueOf((long) permitsPerSecond)
                : String.valueOf(permitsPerSecond)) + "/s";
    }

    /** Requests waiting for a token or a free slot. */
    public synchronized int queuedCount() {
        return queue.size();
    }

    /** Requests executing now. */
    public synchronized int runningCount() {
        return running;
    }

    /** Executions finished (successfully or not) since creation. */
    public synchronized long executedCount() {
        return executed;
    }

    /** Requests that joined an identical request in flight. */
    public synchronized long coalescedCount() {
        return coalesced;
    }

    /** Requests refused because the queue was full. */
    public synchronized long rejectedCount() {
        return rejected;
    }

    public double getPermitsPerSecond() {
        return permitsPerSecond;
    }

    public int getMaxQueue() {
        return maxQueue;
    }

    public int getMaxConcurrent() {
        return maxConcurrent;
    }
}

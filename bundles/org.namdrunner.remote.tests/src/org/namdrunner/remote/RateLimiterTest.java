package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deterministic tests of the token bucket, the bounded queue and coalescing: time is a fake clock, delayed
 * wake-ups are recorded and fired by the test, and tasks run on a manual executor. No sleeping, no timing
 * thresholds.
 */
class RateLimiterTest {
    static final long MS = 1_000_000L;

    long now;
    /** Scheduled wake-ups: {due time, task}. */
    final List<Object[]> wakeups = new ArrayList<>();
    /** Tasks handed to the executor, not yet run. */
    final Deque<Runnable> ready = new ArrayDeque<>();
    /** Fake-clock times at which tasks started running. */
    final List<Long> startTimes = new ArrayList<>();
    CommandLog log;

    @BeforeEach
    void setUp() {
        now = 0;
        wakeups.clear();
        ready.clear();
        startTimes.clear();
        log = new CommandLog(100, 100, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new SecretRedactor());
    }

    RateLimiter limiter(double rate, int burst, int queue, int concurrent) {
        return new RateLimiter(rate, burst, queue, concurrent, () -> now,
                (task, delay) -> wakeups.add(new Object[] { now + delay, task }), ready::add, log, "test@cluster");
    }

    /** Advances the fake clock, firing due wake-ups in order. */
    void advance(long nanos) {
        long target = now + nanos;
        while (true) {
            Object[] next = null;
            for (Object[] w : wakeups) {
                if ((long) w[0] <= target && (next == null || (long) w[0] < (long) next[0])) {
                    next = w;
                }
            }
            if (next == null) {
                break;
            }
            wakeups.remove(next);
            now = Math.max(now, (long) next[0]);
            ((Runnable) next[1]).run();
        }
        now = target;
    }

    /** Runs every task handed to the executor (tasks may hand over more). */
    void runReady() {
        Runnable r;
        while ((r = ready.poll()) != null) {
            r.run();
        }
    }

    RateLimiter.Task<String> recording(String value) {
        return cancelled -> {
            startTimes.add(now);
            return value;
        };
    }

    @Test
    void burstStartsAtOnceThenOnePerInterval() throws Exception {
        RateLimiter rl = limiter(5, 5, 20, 100);
        List<CompletableFuture<String>> fs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fs.add(rl.submit(null, recording("r" + i)));
        }
        runReady();
        assertEquals(5, startTimes.size(), "the burst of 5 starts immediately");
        assertEquals(7, rl.queuedCount());
        assertEquals(1, wakeups.size());
        assertEquals(200 * MS, (long) wakeups.get(0)[0], "next token after 1/5 s");
        for (int i = 0; i < 7; i++) {
            advance(200 * MS);
            runReady();
        }
        assertEquals(12, startTimes.size());
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 200 * MS, 400 * MS, 600 * MS, 800 * MS, 1000 * MS, 1200 * MS, 1400 * MS),
                startTimes);
        for (int i = 0; i < 12; i++) {
            assertEquals("r" + i, fs.get(i).get(), "every request completes with its own result, in order");
        }
        assertEquals(0, rl.queuedCount());
        assertTrue(wakeups.isEmpty());
    }

    @Test
    void sustainedRateNeverExceedsTheConfiguredRate() throws Exception {
        RateLimiter rl = limiter(2, 1, 50, 100);
        for (int i = 0; i < 30; i++) {
            rl.submit(null, recording("x"));
        }
        for (int step = 0; step < 200; step++) {
            runReady();
            advance(100 * MS);
        }
        runReady();
        assertEquals(30, startTimes.size());
        // in every window of one second at most rate*1s + burst starts
        for (long t = 0; t <= startTimes.get(startTimes.size() - 1); t += 100 * MS) {
            long from = t;
            long count = startTimes.stream().filter(s -> s >= from && s < from + 1000 * MS).count();
            assertTrue(count <= 2, "window at " + t / MS + " ms had " + count + " starts");
        }
        assertEquals(29 * 500 * MS, (long) startTimes.get(29), "2/s means one start every 500 ms after the first");
    }

    @Test
    void tokensRefillWhileIdleUpToTheBurst() throws Exception {
        RateLimiter rl = limiter(5, 5, 20, 100);
        for (int i = 0; i < 5; i++) {
            rl.submit(null, recording("a"));
        }
        runReady();
        advance(10_000 * MS); // long idle: bucket refills, but only up to the burst of 5
        for (int i = 0; i < 7; i++) {
            rl.submit(null, recording("b"));
        }
        runReady();
        assertEquals(10, startTimes.size());
        assertEquals(2, rl.queuedCount());
    }

    @Test
    void fullQueueRefusesClearlyAndDropsNothing() throws Exception {
        RateLimiter rl = limiter(5, 1, 3, 100);
        List<CompletableFuture<String>> accepted = new ArrayList<>();
        accepted.add(rl.submit(null, recording("0"))); // takes the token
        for (int i = 1; i <= 3; i++) {
            accepted.add(rl.submit(null, recording(String.valueOf(i)))); // queued
        }
        assertEquals(3, rl.queuedCount());
        RemoteException e = assertThrows(RemoteException.class, () -> rl.submit(null, recording("refused")));
        assertEquals(RemoteErrorKind.TOO_MANY_REQUESTS, e.getKind());
        assertTrue(e.getMessage().contains("Too many pending requests"), e.getMessage());
        assertTrue(e.getMessage().contains("limit 3"), e.getMessage());
        assertEquals(1, rl.rejectedCount());
        assertTrue(log.entries().stream().anyMatch(x -> x.kind() == CommandLogEntry.Kind.QUEUE_FULL),
                "queue-full event in the command log");
        assertTrue(log.entries().stream().anyMatch(x -> x.kind() == CommandLogEntry.Kind.RATE_LIMITED),
                "rate-limit event in the command log");
        // every accepted request still runs
        for (int i = 0; i < 10; i++) {
            runReady();
            advance(200 * MS);
        }
        for (int i = 0; i < accepted.size(); i++) {
            assertEquals(String.valueOf(i), accepted.get(i).get());
        }
        // and once the queue drained, new requests are accepted again
        rl.submit(null, recording("later"));
        assertEquals(1, rl.rejectedCount());
    }

    @Test
    void identicalRequestsInFlightAreCoalescedIntoOneExecution() throws Exception {
        RateLimiter rl = limiter(5, 5, 20, 100);
        AtomicInteger executions = new AtomicInteger();
        RateLimiter.Task<String> squeue = c -> "jobs#" + executions.incrementAndGet();
        CompletableFuture<String> a = rl.submit("squeue -u nrtest", squeue);
        CompletableFuture<String> b = rl.submit("squeue -u nrtest", squeue);
        CompletableFuture<String> other = rl.submit("sinfo", c -> "nodes");
        assertSame(a, b);
        assertEquals(1, rl.coalescedCount());
        runReady();
        assertEquals("jobs#1", a.get());
        assertEquals("jobs#1", b.get());
        assertEquals("nodes", other.get());
        assertEquals(1, executions.get(), "one execution for both callers");
        assertTrue(log.entries().stream().anyMatch(x -> x.kind() == CommandLogEntry.Kind.COALESCED));
        // after completion the same request runs again
        CompletableFuture<String> c = rl.submit("squeue -u nrtest", squeue);
        runReady();
        assertEquals("jobs#2", c.get());
    }

    @Test
    void coalescedWaitersShareFailures() throws Exception {
        RateLimiter rl = limiter(5, 5, 20, 100);
        RateLimiter.Task<String> failing = c -> {
            throw new RemoteException(RemoteErrorKind.COMMAND_FAILED, "boom");
        };
        CompletableFuture<String> a = rl.submit("k", failing);
        CompletableFuture<String> b = rl.submit("k", failing);
        runReady();
        ExecutionException ea = assertThrows(ExecutionException.class, a::get);
        ExecutionException eb = assertThrows(ExecutionException.class, b::get);
        assertEquals(RemoteErrorKind.COMMAND_FAILED, ((RemoteException) ea.getCause()).getKind());
        assertSame(ea.getCause(), eb.getCause());
    }

    @Test
    void nullKeysAreNeverCoalesced() throws Exception {
        RateLimiter rl = limiter(5, 5, 20, 100);
        AtomicInteger n = new AtomicInteger();
        CompletableFuture<Integer> a = rl.submit(null, c -> n.incrementAndGet());
        CompletableFuture<Integer> b = rl.submit(null, c -> n.incrementAndGet());
        runReady();
        assertEquals(2, n.get());
        assertFalse(a.get().equals(b.get()));
    }

    @Test
    void concurrencyIsBounded() throws Exception {
        RateLimiter rl = limiter(1000, 1000, 20, 2);
        for (int i = 0; i < 5; i++) {
            rl.submit(null, recording("c"));
        }
        assertEquals(2, rl.runningCount());
        assertEquals(3, rl.queuedCount());
        assertEquals(2, ready.size());
        ready.poll().run(); // one finishes -> the next may start
        assertEquals(2, rl.runningCount());
        assertEquals(2, rl.queuedCount());
        runReady();
        assertEquals(0, rl.runningCount());
        assertEquals(5, rl.executedCount());
    }

    @Test
    void cancelledWaiterLeavesTheQueue() throws Exception {
        RateLimiter rl = limiter(5, 1, 20, 100);
        rl.submit(null, recording("first"));
        NullProgressMonitor cancelled = new NullProgressMonitor();
        cancelled.setCanceled(true);
        RemoteException e = assertThrows(RemoteException.class, () -> rl.call("slow", recording("never"), cancelled));
        assertEquals(RemoteErrorKind.CANCELLED, e.getKind());
        assertEquals(0, rl.queuedCount(), "the abandoned request does not run");
        runReady();
        advance(1000 * MS);
        runReady();
        assertEquals(List.of(0L), startTimes);
    }

    @Test
    void limitsAreConfigurableAndValidated() {
        RateLimiter rl = limiter(0.5, 1, 0, 1);
        assertEquals(0.5, rl.getPermitsPerSecond());
        assertEquals(0, rl.getMaxQueue());
        assertThrows(IllegalArgumentException.class, () -> limiter(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> limiter(1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> limiter(1, 1, -1, 1));
    }

    @Test
    void zeroQueueRejectsAnythingThatWouldWait() throws Exception {
        RateLimiter rl = limiter(0.5, 1, 0, 1);
        rl.submit(null, recording("a"));
        RemoteException e = assertThrows(RemoteException.class, () -> rl.submit(null, recording("b")));
        assertEquals(RemoteErrorKind.TOO_MANY_REQUESTS, e.getKind());
        runReady();
        advance(2000 * MS);
        rl.submit(null, recording("c"));
        runReady();
        assertEquals(List.of(0L, 2000 * MS), startTimes);
    }
}

package org.namdrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.namdrunner.workflow.Workflows;

/** The per-profile etiquette: rounds in flight are shared, an explicit sync goes early once per interval. */
class SyncGateTest {

    private static Workflows.TickResult result() {
        return new Workflows.TickResult(0, 0, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void requestsWhileARoundRunsShareIt() throws Exception {
        SyncGate gate = new SyncGate(Clock.systemUTC());
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Workflows.TickResult mine = result();
        Thread first = new Thread(() -> {
            try {
                gate.sync(false, Duration.ofSeconds(60), force -> {
                    rounds.incrementAndGet();
                    entered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return mine;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        first.start();
        entered.await();
        List<Thread> others = new ArrayList<>();
        List<Workflows.TickResult> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            boolean explicit = i % 2 == 0;
            Thread t = new Thread(() -> {
                try {
                    seen.add(gate.sync(explicit, Duration.ofSeconds(60), force -> {
                        rounds.incrementAndGet();
                        return result();
                    }));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            others.add(t);
            t.start();
        }
        Thread.sleep(200); // the others are waiting for the round in flight
        release.countDown();
        first.join();
        for (Thread t : others) {
            t.join();
        }
        assertEquals(1, rounds.get(), "one round for nine requests");
        assertEquals(8, seen.size());
        seen.forEach(r -> assertSame(mine, r));
    }

    @Test
    void explicitSyncGoesEarlyOncePerInterval() throws Exception {
        TestClock clock = new TestClock();
        SyncGate gate = new SyncGate(clock);
        List<Boolean> forced = new ArrayList<>();
        SyncGate.Round round = force -> {
            forced.add(force);
            return result();
        };
        gate.sync(true, Duration.ofSeconds(60), round);
        clock.now = clock.now.plusSeconds(2);
        gate.sync(true, Duration.ofSeconds(60), round);
        clock.now = clock.now.plusSeconds(2);
        gate.sync(false, Duration.ofSeconds(60), round);
        clock.now = clock.now.plusSeconds(60);
        gate.sync(true, Duration.ofSeconds(60), round);
        assertEquals(List.of(true, false, false, true), forced);
    }

    @Test
    void aRoundJustDoneAnswersTheNextRequest() throws Exception {
        TestClock clock = new TestClock();
        SyncGate gate = new SyncGate(clock);
        AtomicInteger rounds = new AtomicInteger();
        SyncGate.Round round = force -> {
            rounds.incrementAndGet();
            return result();
        };
        for (int i = 0; i < 1000; i++) {
            gate.sync(false, Duration.ofSeconds(60), round);
        }
        assertEquals(1, rounds.get(), "1,000 requests within the same instant: one round");
        clock.now = clock.now.plus(SyncGate.REUSE);
        gate.sync(false, Duration.ofSeconds(60), round);
        assertTrue(rounds.get() == 2, "a later request runs a round (the session's cache decides about the query)");
    }
}

package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLogTest {
    final SecretRedactor redactor = new SecretRedactor();
    final CommandLog log = new CommandLog(3, 10, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
            redactor);

    @Test
    void listenersSeeEveryEntryInOrder() {
        List<CommandLogEntry> seen = new ArrayList<>();
        CommandLogListener l = seen::add;
        log.addListener(l);
        log.command("u@h:22", "squeue -h", 0, Duration.ofMillis(12), "1|job|RUNNING");
        log.event("u@h:22", CommandLogEntry.Kind.RATE_LIMITED, "waiting");
        log.removeListener(l);
        log.event("u@h:22", CommandLogEntry.Kind.CONNECTION, "connected");
        assertEquals(2, seen.size());
        assertEquals("squeue -h", seen.get(0).command());
        assertEquals(0, seen.get(0).exitCode());
        assertEquals(Duration.ofMillis(12), seen.get(0).duration());
        assertEquals(CommandLogEntry.Kind.RATE_LIMITED, seen.get(1).kind());
        assertTrue(seen.get(0).sequence() < seen.get(1).sequence());
        assertEquals(3, log.entries().size());
    }

    @Test
    void outputIsTruncatedAndOldEntriesDropped() {
        log.command("c", "cat big", 0, Duration.ZERO, "0123456789abcdef");
        CommandLogEntry e = log.entries().get(0);
        assertEquals("0123456789", e.output());
        assertTrue(e.truncated());
        for (int i = 0; i < 5; i++) {
            log.event("c", CommandLogEntry.Kind.CONNECTION, "e" + i);
        }
        assertEquals(3, log.entries().size());
        assertEquals("e2", log.entries().get(0).command());
    }

    @Test
    void secretsNeverReachTheLogOrListeners() {
        redactor.register("hunter2-secret");
        List<String> seen = new ArrayList<>();
        log.addListener(e -> seen.add(e.command() + "|" + e.output() + "|" + e.cluster()));
        log.command("hunter2-secret@h", "echo hunter2-secret", 0, Duration.ZERO, "hunter2-secret");
        for (String s : seen) {
            assertFalse(s.contains("hunter2"), s);
        }
        for (CommandLogEntry e : log.entries()) {
            assertFalse(e.toString().contains("hunter2"), e.toString());
            assertFalse(e.output().contains("hunter2"));
        }
    }

    @Test
    void aFailingListenerDoesNotBreakLogging() {
        log.addListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        List<CommandLogEntry> seen = new ArrayList<>();
        log.addListener(seen::add);
        log.event("c", CommandLogEntry.Kind.CONNECTION, "x");
        assertEquals(1, seen.size());
    }

    @Test
    void shortSecretsAreNotRegistered() {
        SecretRedactor r = new SecretRedactor();
        r.register("ab");
        assertEquals("abc", r.redact("abc"));
        r.register("abc".toCharArray());
        assertEquals(SecretRedactor.MASK, r.redact("abc"));
    }
}

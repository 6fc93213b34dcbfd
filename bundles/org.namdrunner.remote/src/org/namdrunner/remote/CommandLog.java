package org.namdrunner.remote;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Observable, bounded log of every remote command (command line, exit code, duration, truncated output) and
 * of remote-layer events (rate limiting, queue full, coalescing, connection, transfer). The SSH console view
 * shows it. Every text passes through the {@link SecretRedactor} before it is stored, so a secret can never
 * reach listeners.
 */
public final class CommandLog {
    /** Default number of entries kept. */
    public static final int DEFAULT_CAPACITY = 2000;
    /** Default number of output characters kept per entry. */
    public static final int DEFAULT_MAX_OUTPUT = 4000;

    private final int capacity;
    private final int maxOutput;
    private final Clock clock;
    private final SecretRedactor redactor;
    private final Deque<CommandLogEntry> entries = new ArrayDeque<>();
    private final List<CommandLogListener> listeners = new CopyOnWriteArrayList<>();
    private long sequence;

    public CommandLog() {
        this(DEFAULT_CAPACITY, DEFAULT_MAX_OUTPUT, Clock.systemUTC(), SecretRedactor.global());
    }

    public CommandLog(int capacity, int maxOutput, Clock clock, SecretRedactor redactor) {
        if (capacity < 1 || maxOutput < 0) {
            throw new IllegalArgumentException("capacity must be >= 1 and maxOutput >= 0");
        }
        this.capacity = capacity;
        this.maxOutput = maxOutput;
        this.clock = Objects.requireNonNull(clock);
        this.redactor = Objects.requireNonNull(redactor);
    }

    public void addListener(CommandLogListener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    public void removeListener(CommandLogListener l) {
        listeners.remove(l);
    }

    /** Records a finished command. */
    public CommandLogEntry command(String cluster, String command, Integer exitCode, Duration duration, String output) {
        return add(cluster, CommandLogEntry.Kind.COMMAND, command, exitCode, duration, output);
    }

    /** Records an event (no exit code). */
    public CommandLogEntry event(String cluster, CommandLogEntry.Kind kind, String text) {
        return add(cluster, kind, text, null, Duration.ZERO, "");
    }

    /** Records an entry of any kind. */
    public CommandLogEntry add(String cluster, CommandLogEntry.Kind kind, String command, Integer exitCode,
            Duration duration, String output) {
        String cmd = redactor.redact(command == null ? "" : command);
        String out = redactor.redact(output == null ? "" : output);
        boolean truncated = out.length() > maxOutput;
        if (truncated) {
            out = out.substring(0, maxOutput);
        }
        CommandLogEntry e;
        synchronized (entries) {
            e = new CommandLogEntry(++sequence, clock.instant(), redactor.redact(String.valueOf(cluster)), kind, cmd,
                    exitCode, duration == null ? Duration.ZERO : duration, out, truncated);
            entries.addLast(e);
            while (entries.size() > capacity) {
                entries.removeFirst();
            }
        }
        for (CommandLogListener l : listeners) {
            try {
                l.entryAdded(e);
            } catch (RuntimeException ex) {
                // a broken listener must not break remote operations
            }
        }
        return e;
    }

    /** A snapshot of the kept entries, oldest first. */
    public List<CommandLogEntry> entries() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    public int getMaxOutput() {
        return maxOutput;
    }
}

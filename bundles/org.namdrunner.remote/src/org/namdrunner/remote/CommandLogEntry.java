package org.namdrunner.remote;

import java.time.Duration;
import java.time.Instant;

/**
 * One line of the {@link CommandLog}: a remote command with its result, or an event of the remote layer
 * (connection, rate limiting, transfer). All text is already redacted and truncated.
 *
 * @param sequence   monotonically increasing number within the log
 * @param time       when the entry was recorded
 * @param cluster    the connection's display name ({@code user@host:port})
 * @param kind       what this entry is
 * @param command    the command line (for {@link Kind#COMMAND}) or a short description of the event
 * @param exitCode   the exit code, or {@code null} when not applicable (events, commands that did not finish)
 * @param duration   how long it took (zero for events)
 * @param output     truncated stdout/stderr (may be empty)
 * @param truncated  whether {@code output} was cut
 */
public record CommandLogEntry(long sequence, Instant time, String cluster, Kind kind, String command, Integer exitCode,
        Duration duration, String output, boolean truncated) {

    /** What an entry describes. */
    public enum Kind {
        /** A remote command that was executed (exitCode set when it finished). */
        COMMAND,
        /** A command that could not run or was interrupted (error text in output). */
        COMMAND_ERROR,
        /** A request had to wait for the rate limiter. */
        RATE_LIMITED,
        /** A request was refused because the rate limiter's queue was full. */
        QUEUE_FULL,
        /** A request was answered by an identical request already in flight. */
        COALESCED,
        /** Connect, disconnect, reconnect attempts. */
        CONNECTION,
        /** File transfers (upload, download, resume, verification). */
        TRANSFER
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + time + " [" + cluster + "] " + kind + " " + command
                + (exitCode != null ? " -> exit " + exitCode : "") + " (" + duration.toMillis() + " ms)";
    }
}

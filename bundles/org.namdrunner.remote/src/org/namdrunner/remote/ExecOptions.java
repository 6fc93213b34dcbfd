package org.namdrunner.remote;

import java.time.Duration;

/**
 * Options of one remote command.
 *
 * @param coalesce     join an identical command already queued or running (default true; use false for
 *                     commands that must run once per call, e.g. {@code sbatch})
 * @param timeout      how long the command may run before it is abandoned ({@link RemoteErrorKind#TIMEOUT})
 * @param stdin        bytes fed to the command's standard input, or null
 * @param captureLimit bytes of stdout and of stderr kept in the {@link CommandResult}
 */
public record ExecOptions(boolean coalesce, Duration timeout, byte[] stdin, int captureLimit) {
    public static final ExecOptions DEFAULT = new ExecOptions(true, Duration.ofMinutes(10), null, 16 * 1024 * 1024);

    public ExecOptions withCoalesce(boolean value) {
        return new ExecOptions(value, timeout, stdin, captureLimit);
    }

    public ExecOptions withTimeout(Duration value) {
        return new ExecOptions(coalesce, value, stdin, captureLimit);
    }

    /** Feeding stdin implies no coalescing (the input is part of the request). */
    public ExecOptions withStdin(byte[] value) {
        return new ExecOptions(false, timeout, value, captureLimit);
    }

    public ExecOptions withCaptureLimit(int value) {
        return new ExecOptions(coalesce, timeout, stdin, value);
    }
}

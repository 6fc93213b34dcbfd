package org.namdrunner.remote;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Result of a remote command. {@code stdout}/{@code stderr} hold at most the capture limit of
 * {@link ExecOptions}; {@code stdoutTruncated}/{@code stderrTruncated} say whether more was produced.
 */
public record CommandResult(String command, int exitCode, byte[] stdoutBytes, byte[] stderrBytes, Duration duration,
        boolean stdoutTruncated, boolean stderrTruncated) {

    public String stdout() {
        return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    public String stderr() {
        return new String(stderrBytes, StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
        return exitCode == 0;
    }

    /**
     * Returns this result if the exit code is 0, else throws a classified {@link RemoteException}
     * ({@link RemoteErrorKind#DISK_FULL}, {@link RemoteErrorKind#PERMISSION_DENIED},
     * {@link RemoteErrorKind#NOT_FOUND} when stderr says so, else {@link RemoteErrorKind#COMMAND_FAILED}).
     */
    public CommandResult requireSuccess(String whatFailed) throws RemoteException {
        if (exitCode == 0) {
            return this;
        }
        String err = stderr().strip();
        String first = err.isEmpty() ? stdout().strip() : err;
        int nl = first.indexOf('\n');
        if (nl >= 0) {
            first = first.substring(0, nl);
        }
        if (first.length() > 300) {
            first = first.substring(0, 300) + "...";
        }
        first = SecretRedactor.global().redact(first);
        RemoteErrorKind kind = classifyStderr(err);
        String detail = first.isEmpty() ? "" : ": " + first;
        throw new RemoteException(kind, whatFailed + " failed on the cluster (exit code " + exitCode + ")" + detail);
    }

    static RemoteErrorKind classifyStderr(String err) {
        String e = err.toLowerCase(Locale.ROOT);
        if (e.contains("no space left on device") || e.contains("disk quota exceeded") || e.contains("quota exceeded")) {
            return RemoteErrorKind.DISK_FULL;
        }
        if (e.contains("permission denied") || e.contains("operation not permitted")) {
            return RemoteErrorKind.PERMISSION_DENIED;
        }
        if (e.contains("no such file or directory")) {
            return RemoteErrorKind.NOT_FOUND;
        }
        return RemoteErrorKind.COMMAND_FAILED;
    }
}

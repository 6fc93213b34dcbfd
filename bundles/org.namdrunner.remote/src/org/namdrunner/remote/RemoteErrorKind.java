package org.namdrunner.remote;

/**
 * Classification of everything that can go wrong in the remote layer. The UI maps these to user-facing
 * advice; {@link RemoteException#getMessage()} already carries a sentence a user understands.
 */
public enum RemoteErrorKind {
    /** The server refused the credentials (password, key, keyboard-interactive answers). */
    AUTH_FAILED(false),
    /** Host name unknown, connection refused, no route: nothing answered on the host/port. */
    HOST_UNREACHABLE(true),
    /** The connection or a command did not answer in time. */
    TIMEOUT(true),
    /** An established connection broke (network drop, server restart, killed proxy). */
    CONNECTION_LOST(true),
    /** The remote side refused access to a file or directory. */
    PERMISSION_DENIED(false),
    /** A remote file or directory does not exist. */
    NOT_FOUND(false),
    /** The remote file system is full or the quota is exceeded. */
    DISK_FULL(false),
    /** The server presented a host key different from the one recorded in known_hosts. */
    HOST_KEY_CHANGED(false),
    /** The server's host key is not known and the user (or policy) did not trust it. */
    HOST_KEY_REJECTED(false),
    /** A remote command ran but ended with a non-zero exit code. */
    COMMAND_FAILED(false),
    /** A remote path lies outside the configured job roots (or escapes them via .. or a symlink). */
    PATH_NOT_ALLOWED(false),
    /** The rate limiter's queue is full: too many pending requests. */
    TOO_MANY_REQUESTS(false),
    /** A transferred file does not have the same sha256 on both sides. */
    CHECKSUM_MISMATCH(false),
    /** The operation was cancelled by the user. */
    CANCELLED(false),
    /** The connection settings are incomplete or invalid (e.g. unreadable key file, bad ssh config). */
    CONFIGURATION(false),
    /** Anything else (protocol error, unexpected server answer). */
    UNKNOWN(false);

    private final boolean transientFailure;

    RemoteErrorKind(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    /** Whether retrying after a reconnect (with backoff) can help. */
    public boolean isTransient() {
        return transientFailure;
    }
}

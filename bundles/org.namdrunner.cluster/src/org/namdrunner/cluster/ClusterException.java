package org.namdrunner.cluster;

import java.util.Objects;

/**
 * The one checked exception of the cluster layer. The message is written for users (what failed and what to
 * change); {@link #getKind()} lets callers react (e.g. show a form field error for a limit, retry a lost
 * connection).
 */
public class ClusterException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is. */
    public enum Kind {
        /** The request itself is invalid (bad name, bad file name, missing value). */
        INVALID_REQUEST,
        /** The request exceeds a limit of the profile's partition (cores, memory, wall time, nodes). */
        LIMIT_EXCEEDED,
        /** sbatch rejected the job: the partition does not exist or is not usable. */
        INVALID_PARTITION,
        /** sbatch rejected the job: QoS unknown or not allowed. */
        INVALID_QOS,
        /** sbatch rejected the job: the requested time limit is not allowed. */
        TIME_LIMIT,
        /** sbatch rejected the job: account unknown or not allowed. */
        INVALID_ACCOUNT,
        /** sbatch rejected the job: memory request cannot be satisfied. */
        MEMORY,
        /** sbatch rejected the job: node/CPU configuration cannot be satisfied. */
        RESOURCES,
        /** sbatch rejected the job for another reason (message carries sbatch's text). */
        SUBMIT_REJECTED,
        /** Connecting to or talking to the cluster failed (network, auth, timeout). */
        CONNECTION,
        /** A remote command failed. */
        COMMAND_FAILED,
        /** A remote path lies outside the job roots. */
        PATH_NOT_ALLOWED,
        /** The answer of the cluster could not be understood. */
        PROTOCOL,
        /** The user cancelled the operation. */
        CANCELLED,
        /** The profile is not configured well enough for the operation. */
        CONFIGURATION
    }

    private final Kind kind;

    public ClusterException(Kind kind, String message) {
        this(kind, message, null);
    }

    public ClusterException(Kind kind, String message, Throwable cause) {
        super(Objects.requireNonNull(message), cause);
        this.kind = Objects.requireNonNull(kind);
    }

    public Kind getKind() {
        return kind;
    }

    @Override
    public String toString() {
        return "ClusterException[" + kind + "]: " + getMessage();
    }
}

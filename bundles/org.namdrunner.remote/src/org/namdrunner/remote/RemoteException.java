package org.namdrunner.remote;

import java.util.Objects;

/**
 * The one exception type of the remote layer. The message is written for users (what failed, where, and
 * what to check); it never contains passwords or passphrases. The {@link #getKind() kind} lets callers
 * decide (retry, ask for a new password, show a host-key warning ...).
 */
public class RemoteException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RemoteErrorKind kind;

    public RemoteException(RemoteErrorKind kind, String message) {
        this(kind, message, null);
    }

    public RemoteException(RemoteErrorKind kind, String message, Throwable cause) {
        super(Objects.requireNonNull(message), cause);
        this.kind = Objects.requireNonNull(kind);
    }

    public RemoteErrorKind getKind() {
        return kind;
    }

    public boolean isTransient() {
        return kind.isTransient();
    }

    @Override
    public String toString() {
        return "RemoteException[" + kind + "]: " + getMessage();
    }
}

package org.namdrunner.store;

/** A file offered for restore is not a usable NAMDRunner backup. The current database was not changed. */
public class InvalidBackupException extends StoreException {
    private static final long serialVersionUID = 1L;

    public InvalidBackupException(String message) {
        super(message);
    }

    public InvalidBackupException(String message, Throwable cause) {
        super(message, cause);
    }
}

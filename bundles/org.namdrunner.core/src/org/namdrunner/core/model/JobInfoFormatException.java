package org.namdrunner.core.model;

/** A {@code job_info.json} document that cannot be read: malformed, incomplete, or of an unsupported version. */
public class JobInfoFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobInfoFormatException(String message) {
        super(message);
    }

    public JobInfoFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

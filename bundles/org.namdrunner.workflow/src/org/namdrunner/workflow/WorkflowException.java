package org.namdrunner.workflow;

/** A workflow request that cannot be done (cycle, missing restart files, bad sweep ...); the message is for users. */
public class WorkflowException extends Exception {
    private static final long serialVersionUID = 1L;

    public WorkflowException(String message) {
        super(message);
    }

    public WorkflowException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.namdrunner.automation;

import org.namdrunner.cluster.ClusterException;

/** A step failed; the message is for users. */
public class StepException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String stepId;
    private final ClusterException.Kind kind;

    public StepException(String stepId, ClusterException.Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.stepId = stepId;
        this.kind = kind;
    }

    public StepException(String stepId, ClusterException e) {
        this(stepId, e.getKind(), e.getMessage(), e);
    }

    public static StepException cancelled(String stepId) {
        return new StepException(stepId, ClusterException.Kind.CANCELLED, "Cancelled during step '" + stepId + "'", null);
    }

    public String getStepId() {
        return stepId;
    }

    /** The cluster-layer kind of the failure (LIMIT_EXCEEDED, INVALID_PARTITION, CANCELLED ...). */
    public ClusterException.Kind getKind() {
        return kind;
    }
}

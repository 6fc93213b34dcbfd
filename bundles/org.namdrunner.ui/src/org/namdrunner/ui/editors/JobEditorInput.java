package org.namdrunner.ui.editors;

import java.util.Objects;

/** Editor input naming one stored job by id. */
public final class JobEditorInput extends NamedEditorInput {

    private final String jobId;

    public JobEditorInput(String jobId, String name) {
        super(name == null ? Objects.requireNonNull(jobId) : name);
        this.jobId = Objects.requireNonNull(jobId);
    }

    public String jobId() {
        return jobId;
    }

    @Override
    public String getToolTipText() {
        return "Job " + getName() + " (" + jobId + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobEditorInput other && other.jobId.equals(jobId);
    }

    @Override
    public int hashCode() {
        return jobId.hashCode();
    }
}

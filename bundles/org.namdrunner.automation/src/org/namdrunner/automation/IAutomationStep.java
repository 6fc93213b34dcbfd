package org.namdrunner.automation;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * One step of a job's lifecycle, contributed to {@code org.namdrunner.automation.automationSteps}. A step reads
 * and changes the job through its {@link StepContext}; every state change goes through
 * {@link StepContext#transition} so it is persisted locally and in {@code job_info.json} on the server. Steps
 * report progress on the monitor and stop with {@link StepException} (kind CANCELLED) when it is cancelled.
 */
public interface IAutomationStep {
    void execute(StepContext context, IProgressMonitor monitor) throws StepException;
}

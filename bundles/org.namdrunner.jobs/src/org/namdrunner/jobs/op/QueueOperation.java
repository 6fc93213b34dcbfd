package org.namdrunner.jobs.op;

import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.Rules;

/**
 * Changes to a waiting job's place in the submission queue: a new priority (higher is released first; the Jobs
 * view's Move Up/Down and the wizard's field set it), or taking it out of the queue (it stays CREATED). The change is
 * also written into the job's job_info.json at the next engine round that touches it.
 */
public final class QueueOperation extends JobOperation {

    private final Job job;
    private final Integer priority;

    private QueueOperation(JobService service, Job job, Integer priority) {
        super(service);
        this.job = job;
        this.priority = priority;
    }

    /** Sets the job's priority. */
    public static QueueOperation priority(JobService service, Job job, int priority) {
        return new QueueOperation(service, job, priority);
    }

    /** Takes the job out of the submission queue. */
    public static QueueOperation withdraw(JobService service, Job job) {
        return new QueueOperation(service, job, null);
    }

    @Override
    public String name() {
        return priority == null ? "Taking " + job.name() + " out of the queue" : "Setting the priority of " + job.name();
    }

    @Override
    public ISchedulingRule rule() {
        return Rules.profile(job.profileId());
    }

    @Override
    protected Outcome execute(SubMonitor m) throws Exception {
        if (priority == null) {
            service.workflows().withdraw(job.id());
            return Outcome.ok("'" + job.name() + "' was taken out of the submission queue");
        }
        service.workflows().setPriority(job.id(), priority);
        return Outcome.ok("Priority of '" + job.name() + "' is " + priority);
    }
}

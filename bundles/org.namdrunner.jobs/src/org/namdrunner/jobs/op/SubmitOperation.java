package org.namdrunner.jobs.op;

import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.Rules;
import org.namdrunner.workflow.Workflows;

/**
 * Puts a created job (or one taken out of the queue) back into the submission queue and runs one engine round; a job
 * whose creation was interrupted is prepared first (inputs, config, job_info.json).
 */
public final class SubmitOperation extends JobOperation {

    private final Job job;

    public SubmitOperation(JobService service, Job job) {
        super(service);
        this.job = job;
    }

    @Override
    public String name() {
        return "Submitting " + job.name();
    }

    @Override
    public ISchedulingRule rule() {
        return Rules.profile(job.profileId());
    }

    @Override
    protected Outcome execute(SubMonitor m) throws Exception {
        Workflows wf = service.workflows();
        if (wf.state().node(job.id()).isEmpty()) {
            throw new CoreException(Status.error("'" + job.name() + "' was not created through NAMDRunner's job queue (it was "
                    + "imported), so its inputs cannot be prepared again: create a new job (File > New Job)"));
        }
        ClusterSession s = service.sessions().session(job.profileId(), m.split(20));
        wf.prepare(s, job.id(), m.split(0)); // a creation that was cut off is finished first
        wf.submit(job.id());
        Workflows.TickResult t = wf.tick(s, false, m.split(80));
        Job now = reload(job.id());
        String message = now.slurmJobId() != null ? "Submitted as job " + now.slurmJobId()
                : wf.queue(s.profile()).stream().filter(q -> q.job().id().equals(now.id())).map(q -> "Queued: " + q.reason())
                        .findFirst().orElse("Queued for submission (" + now.state().label() + ")");
        return withProblems(t, message, List.of());
    }
}

package org.namdrunner.jobs.op;

import java.util.List;

import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobProgress;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.Rules;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.RestartWiring;
import org.namdrunner.workflow.Workflows;

/**
 * Continue (the next stage: a child wired to the job's restart files) or Restart (the same stage again from the
 * last restart files, its dependants handed over); the new job enters the submission queue and one engine round
 * releases it when it can run. When the parent's speed was measured from its log (the status sync's progress facts),
 * the new job asks for the wall time its steps need at that speed plus a margin, within the partition's maximum
 * ({@link #proposedWallMinutes}); otherwise it keeps the parent's.
 */
public final class ContinueOperation extends JobOperation {

    private final Job job;
    private final RestartWiring.Mode mode;

    public ContinueOperation(JobService service, Job job, RestartWiring.Mode mode) {
        super(service);
        this.job = job;
        this.mode = mode;
    }

    @Override
    public String name() {
        return (mode == RestartWiring.Mode.RESTART ? "Restarting " : "Continuing ") + job.name();
    }

    @Override
    public ISchedulingRule rule() {
        return Rules.profile(job.profileId());
    }

    @Override
    protected Outcome execute(SubMonitor m) throws Exception {
        ClusterSession s = service.sessions().session(job.profileId(), m.split(10));
        Workflows wf = service.workflows();
        ResourceRequest rr = wf.measuredResources(s, job, mode);
        Integer wall = rr == null ? null : rr.wallTimeMinutes();
        Job child;
        if (mode == RestartWiring.Mode.RESTART) {
            child = wf.retry(s, job.id(), rr, m.split(50));
            wf.submit(child.id());
        } else {
            child = wf.createChild(s, JobSpec.named(null).parent(job.id(), RestartWiring.Mode.CONTINUE).resources(rr).submit(true),
                    m.split(50));
        }
        Workflows.TickResult t = wf.tick(s, false, m.split(40));
        String wallNote = rr == null ? "" : ", wall time " + wall / 60 + ":" + String.format("%02d", wall % 60)
                + " from the measured speed of '" + job.name() + "'";
        return withProblems(t, "Created '" + child.name() + "', " + (mode == RestartWiring.Mode.RESTART ? "a restart" : "the next stage")
                + wallNote, List.of(reload(child.id())));
    }

    /** {@link Workflows#proposedWallMinutes}. */
    public static Integer proposedWallMinutes(Job parent, JobProgress p, RestartWiring.Mode mode, Integer maxMinutes) {
        return Workflows.proposedWallMinutes(parent, p, mode, maxMinutes);
    }
}

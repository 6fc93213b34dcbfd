package org.namdrunner.jobs.op;

import java.util.List;

import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.namdrunner.automation.draft.RunEstimate;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.PartitionSpec;
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
        Integer max = job.partition() == null ? null
                : s.profile().partition(job.partition()).map(PartitionSpec::maxWallMinutes).orElse(null);
        Integer wall = proposedWallMinutes(job, service.store().jobs().progress(job.id()).orElse(null), mode, max);
        ResourceRequest rr = wall == null || wall.equals(job.wallTimeMinutes()) ? null
                : new ResourceRequest(job.partition(), job.qos(), job.cores(), job.nodes(), job.memoryMb(), wall, null,
                        wf.state().node(job.id()).map(n -> n.gpus).orElse(null), wf.state().node(job.id()).map(n -> n.gpuType).orElse(null));
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

    /**
     * The wall time for a continuation or restart of {@code parent} from its measured speed: the steps the child runs
     * (a continuation: the parent's steps again; a restart: the steps the parent had left) at the parent's seconds per
     * step on the same resources, plus {@link RunEstimate#MARGIN}, rounded up to 5 minutes, at most
     * {@code maxMinutes} (the partition's maximum; null: none). Null when the speed or the steps are not known: then
     * the parent's wall time is kept.
     */
    public static Integer proposedWallMinutes(Job parent, JobProgress p, RestartWiring.Mode mode, Integer maxMinutes) {
        if (p == null || p.secondsPerStep() == null || p.totalSteps() == null) {
            return null;
        }
        long steps = mode == RestartWiring.Mode.RESTART ? p.totalSteps() - p.stepsDone() : p.totalSteps();
        if (steps <= 0) {
            return null;
        }
        RunEstimate e = RunEstimate.of(parent.cores(), parent.nodes(), p.gpus() == null ? 0 : p.gpus(), parent.wallTimeMinutes(), steps,
                new RunEstimate.Speed(p.secondsPerStep(), parent.cores(), p.gpus() == null ? 0 : p.gpus(), parent.name()));
        return e.proposedMinutes(maxMinutes);
    }
}

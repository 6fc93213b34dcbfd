package org.namdrunner.jobs.op;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.jobs.JobService;
import org.namdrunner.workflow.WorkflowException;
import org.namdrunner.workflow.Workflows;

/**
 * Sync — F5, the Sync button, the automatic sync, {@code namdrunner sync} and the editors' Sync: one engine round
 * ({@link JobService#tick}) for each profile: the status of all its active jobs in one query, then the queue
 * released within the cap, timed-out jobs continued, dependants of failed jobs BLOCKED, ended jobs finished
 * (downloads). Profiles are the given ones, or every profile reachable without connecting. One profile's failure does
 * not stop the others; all are reported together. The rule is taken per profile inside, one at a time.
 */
public final class SyncOperation extends JobOperation {

    /**
     * What a sync did, for the status line and tests.
     *
     * @param notReached names of profiles with active jobs that this sync could not reach (not connected): their jobs
     *                   were not synchronized
     */
    public record Summary(int profiles, int tracked, int changed, List<String> problems, List<String> notReached) {
    }

    private final List<String> profileIds;
    private final boolean explicit;
    private final boolean connect;
    private volatile Summary summary;

    /**
     * @param profileIds the profiles to sync (null: every reachable one, never connecting)
     * @param explicit   the user asked: the status query may go early, once per the profile's minimum interval
     * @param connect    connect to the given profiles when needed
     */
    public SyncOperation(JobService service, List<String> profileIds, boolean explicit, boolean connect) {
        super(service);
        this.profileIds = profileIds;
        this.explicit = explicit;
        this.connect = connect;
    }

    public Summary summary() {
        return summary;
    }

    @Override
    public String name() {
        return "Synchronizing jobs";
    }

    @Override
    public ISchedulingRule rule() {
        return null; // each profile's rule is taken by JobService.tick
    }

    @Override
    protected Outcome execute(SubMonitor monitor) throws Exception {
        List<ProfileConfig> profiles = new ArrayList<>();
        List<String> notReached = new ArrayList<>();
        if (profileIds == null) {
            profiles.addAll(service.sessions().reachableProfiles());
            notReached.addAll(unreachedWithActiveJobs(profiles));
        } else {
            for (String id : profileIds) {
                profiles.add(service.sessions().profile(id));
            }
        }
        monitor.setWorkRemaining(Math.max(1, profiles.size()));
        List<String> failures = new ArrayList<>();
        int tracked = 0;
        int changed = 0;
        int reached = 0;
        for (ProfileConfig p : profiles) {
            if (monitor.isCanceled()) {
                throw new OperationCanceledException();
            }
            monitor.subTask(p.name());
            SubMonitor one = monitor.split(1);
            try {
                ClusterSession s = connect ? service.sessions().session(p.id(), one) : service.sessions().reachable(p, one);
                if (s == null) {
                    continue;
                }
                Workflows.TickResult r = service.tick(s, explicit, one);
                tracked += r.synced();
                changed += r.changed() + r.released().size() + r.continued().size() + r.blocked().size();
                reached++;
                r.problems().forEach(problem -> failures.add(p.name() + ": " + problem));
            } catch (ClusterException e) {
                if (e.getKind() == ClusterException.Kind.CANCELLED) {
                    throw new OperationCanceledException();
                }
                failures.add(p.name() + ": " + e.getMessage());
            } catch (WorkflowException e) {
                if (e.getCause() instanceof ClusterException c && c.getKind() == ClusterException.Kind.CANCELLED) {
                    throw new OperationCanceledException();
                }
                failures.add(p.name() + ": " + e.getMessage());
            }
        }
        summary = new Summary(reached, tracked, changed, List.copyOf(failures), List.copyOf(notReached));
        String text = "Synchronized " + tracked + (tracked == 1 ? " job" : " jobs") + " on " + reached
                + (reached == 1 ? " profile" : " profiles") + (changed > 0 ? ", " + changed + " changed" : "")
                + (notReached.isEmpty() ? "" : "; not connected, not synchronized: " + String.join(", ", notReached));
        if (!failures.isEmpty()) {
            return new Outcome(Status.warning(text + "; " + String.join("; ", failures)), List.of());
        }
        return Outcome.ok(text);
    }

    /** Profiles other than {@code reached} that have jobs waiting or running: a sync without connecting skips them. */
    private List<String> unreachedWithActiveJobs(List<ProfileConfig> reached) {
        java.util.Set<String> reachedIds = new java.util.HashSet<>();
        reached.forEach(p -> reachedIds.add(p.id()));
        java.util.Set<org.namdrunner.core.JobState> active = java.util.EnumSet.noneOf(org.namdrunner.core.JobState.class);
        for (org.namdrunner.core.JobState s : org.namdrunner.core.JobState.values()) {
            if (s.isActive()) {
                active.add(s);
            }
        }
        List<String> out = new ArrayList<>();
        try {
            for (ProfileConfig p : service.sessions().registry().all()) {
                if (!reachedIds.contains(p.id())
                        && service.store().jobs().count(org.namdrunner.store.JobQuery.all().withStates(active).withProfileId(p.id())) > 0) {
                    out.add(p.name());
                }
            }
        } catch (RuntimeException e) {
            // only a hint for the status line: a failure to read it never fails the sync
        }
        return out;
    }
}

package org.namdrunner.ui.jobs;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.handlers.SyncHandler;
import org.namdrunner.ui.editors.JobSessions;
import org.namdrunner.ui.remote.WorkbenchSessions;
import org.namdrunner.workflow.WorkflowException;
import org.namdrunner.workflow.Workflows;

/**
 * The sync of the Jobs view (F5, Sync button, automatic sync): one {@link Workflows#tick} for every profile that can
 * be reached now (Local profiles always, cluster profiles while connected) — one status query per profile for all its
 * active jobs ({@link org.namdrunner.automation.StatusSync}), then the workflow engine's round: queued jobs released
 * within the profile's cap, timed-out jobs continued, dependants of failed jobs BLOCKED. So sweeps, chains and
 * automatic continuations advance with the automatic sync alone. A profile that fails does not stop the others; all
 * failures (and the engine's problems) are reported together.
 */
public final class ClusterStatusSync implements SyncHandler.Participant {

    /** What the last sync did, for the status line and tests. */
    public record Summary(int profiles, int tracked, int changed) {
    }

    private static volatile Summary last;

    public static Summary lastSummary() {
        return last;
    }

    @Override
    public void sync(IProgressMonitor monitor) {
        List<ProfileConfig> profiles = WorkbenchSessions.reachableProfiles();
        SubMonitor sub = SubMonitor.convert(monitor, "Synchronizing jobs", Math.max(1, profiles.size()));
        List<String> failures = new ArrayList<>();
        int tracked = 0;
        int changed = 0;
        int reached = 0;
        for (ProfileConfig p : profiles) {
            if (sub.isCanceled()) {
                throw new OperationCanceledException();
            }
            sub.subTask(p.name());
            try {
                ClusterSession s = WorkbenchSessions.syncSession(p, sub.split(1));
                if (s == null) {
                    continue;
                }
                Workflows.TickResult r;
                synchronized (JobSessions.workflowLock()) {
                    r = JobSessions.workflows().tick(s, false, sub);
                }
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
        last = new Summary(reached, tracked, changed);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join("\n", failures));
        }
    }
}

package org.namdrunner.ui.jobs;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.namdrunner.automation.JobRecorder;
import org.namdrunner.automation.StatusSync;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.handlers.SyncHandler;
import org.namdrunner.ui.remote.WorkbenchSessions;

/**
 * The sync of the Jobs view (F5, Sync button, automatic sync): {@link StatusSync} for every profile that can be
 * reached now (Local profiles always, cluster profiles while connected) — one status query per profile for all
 * its active jobs. A profile that fails does not stop the others; all failures are reported together.
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
        JobRecorder recorder = new JobRecorder(NamdRunnerUi.store());
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
                StatusSync.Result r = StatusSync.sync(s, recorder, false, sub);
                tracked += r.tracked();
                changed += r.changed();
                reached++;
            } catch (ClusterException e) {
                if (e.getKind() == ClusterException.Kind.CANCELLED) {
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

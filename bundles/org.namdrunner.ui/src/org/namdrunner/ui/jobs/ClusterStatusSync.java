package org.namdrunner.ui.jobs;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.jobs.op.SyncOperation;
import org.namdrunner.ui.handlers.SyncHandler;

/**
 * The sync of the Jobs view (F5, Sync button, automatic sync): the jobs layer's {@link SyncOperation} over every
 * profile that can be reached now (Local profiles always, cluster profiles while connected) — for each one engine
 * round: one status query for all its active jobs, then queued jobs released within the profile's cap, timed-out jobs
 * continued, dependants of failed jobs BLOCKED, ended jobs finished and downloaded. So sweeps, chains and automatic
 * continuations advance with the automatic sync alone. Only an explicit sync may query before a profile's minimum
 * interval (once per interval); failures of one profile do not stop the others.
 */
public final class ClusterStatusSync implements SyncHandler.Participant {

    private static volatile SyncOperation.Summary last;

    /** What the last sync did (null before the first). */
    public static SyncOperation.Summary lastSummary() {
        return last;
    }

    @Override
    public void sync(IProgressMonitor monitor, boolean explicit) {
        SyncOperation op = new SyncOperation(Engine.service(), null, explicit, false);
        try {
            op.run(monitor);
        } catch (CoreException e) {
            throw new IllegalStateException(e.getStatus().getMessage(), e);
        }
        last = op.summary();
        if (last != null && !last.problems().isEmpty()) {
            throw new IllegalStateException(String.join("\n", last.problems()));
        }
    }
}

package org.namdrunner.ui.handlers;

import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Execute;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * Sync (F5): brings the job list up to date as a cancellable background job. Each registered
 * {@link Participant} (the cluster life cycle registers the batched scheduler sync) runs in turn; then every
 * jobs view reloads from the store.
 */
public class SyncHandler {

    public static final String COMMAND_ID = "org.namdrunner.ui.commands.sync";
    public static final String JOB_NAME = "Synchronizing jobs";

    /** Work done by a sync. */
    public interface Participant {
        /**
         * Brings stored jobs up to date; honours cancellation.
         *
         * @param explicit the user asked (F5, Sync button) rather than the automatic sync
         * @throws RuntimeException with a user-readable message
         */
        void sync(IProgressMonitor monitor, boolean explicit);
    }

    private static final CopyOnWriteArrayList<Participant> PARTICIPANTS = new CopyOnWriteArrayList<>();

    public static void addParticipant(Participant p) {
        PARTICIPANTS.add(p);
    }

    public static void removeParticipant(Participant p) {
        PARTICIPANTS.remove(p);
    }

    @Execute
    public void execute() {
        schedule();
    }

    /** Schedules a sync the user asked for (F5, the Sync button). */
    public static Job schedule() {
        return schedule(true);
    }

    /** The last sync scheduled, and whether the user asked for it; requests share it until it has ended. */
    private static Job current;
    private static boolean currentExplicit;

    /**
     * Schedules a sync; {@code explicit}: the user asked, so a status query may go early once per interval. A sync that
     * is still waiting or running answers the request instead (an explicit one also answers automatic requests), the
     * way the engine's rounds share a status query: a burst of requests from several screens is one Eclipse job, not
     * one job and worker thread each.
     */
    public static synchronized Job schedule(boolean explicit) {
        if (current != null && current.getState() != Job.NONE && (currentExplicit || !explicit)) {
            return current;
        }
        Job job = new Job(JOB_NAME) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                SubMonitor sub = SubMonitor.convert(monitor, PARTICIPANTS.size() + 1);
                try {
                    for (Participant p : PARTICIPANTS) {
                        p.sync(sub.split(1), explicit);
                    }
                    if (!PARTICIPANTS.isEmpty()) {
                        NamdRunnerUi.store().settings().put(org.namdrunner.ui.views.JobsView.LAST_SYNC_SETTING,
                                Instant.now().toString());
                    }
                    return Status.OK_STATUS;
                } catch (org.eclipse.core.runtime.OperationCanceledException e) {
                    return Status.CANCEL_STATUS;
                } catch (RuntimeException e) {
                    return new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, "Sync failed: " + NamdRunnerUi.message(e));
                } finally {
                    NamdRunnerUi.fireJobsChanged();
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == SyncHandler.class;
            }
        };
        job.setUser(false);
        current = job;
        currentExplicit = explicit;
        job.schedule();
        return job;
    }
}

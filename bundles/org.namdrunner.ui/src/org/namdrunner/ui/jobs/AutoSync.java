package org.namdrunner.ui.jobs;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.namdrunner.automation.StatusSync;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.store.JobQuery;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.handlers.SyncHandler;
import org.namdrunner.ui.preferences.SettingKeys;
import org.namdrunner.ui.remote.RemoteUi;
import org.namdrunner.ui.remote.WorkbenchSessions;

/**
 * Automatic sync: every {@link SettingKeys#SYNC_INTERVAL_SECONDS} seconds (Preferences, default 60; 0 turns it
 * off) the sync runs while a cluster is connected or a job of a profile without connection (Local) is active.
 * The sessions honour each profile's own minimum interval between status queries.
 */
public final class AutoSync {

    private static final Job TICK = new Job("Automatic job sync") {
        @Override
        protected IStatus run(IProgressMonitor monitor) {
            try {
                if (due() && Job.getJobManager().find(SyncHandler.class).length == 0) {
                    SyncHandler.schedule();
                }
            } catch (RuntimeException e) {
                NamdRunnerUi.log(IStatus.WARNING, "Automatic sync: " + NamdRunnerUi.message(e), e);
            } finally {
                if (running) {
                    schedule(intervalSeconds() * 1000L);
                }
            }
            return Status.OK_STATUS;
        }

        @Override
        public boolean belongsTo(Object family) {
            return family == AutoSync.class;
        }
    };

    static {
        TICK.setSystem(true);
    }

    private static volatile boolean running;
    private static final Runnable CONNECTION_LISTENER = () -> {
        if (running && !RemoteUi.connected().isEmpty()) {
            // a new connection: sync right away instead of waiting for the next tick
            TICK.cancel();
            TICK.schedule(1000);
        }
    };

    private AutoSync() {
    }

    /** Starts the automatic sync (idempotent). */
    public static synchronized void start() {
        if (!running) {
            running = true;
            SyncHandler.addParticipant(SYNC);
            RemoteUi.addListener(CONNECTION_LISTENER);
            TICK.schedule(intervalSeconds() * 1000L);
        }
    }

    /** Stops it (workbench shutdown). */
    public static synchronized void stop() {
        running = false;
        TICK.cancel();
        RemoteUi.removeListener(CONNECTION_LISTENER);
        SyncHandler.removeParticipant(SYNC);
    }

    private static final ClusterStatusSync SYNC = new ClusterStatusSync();

    /** The participant that syncs the reachable profiles (registered by {@link #start()}). */
    public static ClusterStatusSync participant() {
        return SYNC;
    }

    /** Seconds between automatic syncs; when the preference is 0 (off), the tick only re-reads it every minute. */
    static int intervalSeconds() {
        int s = configuredSeconds();
        return s <= 0 ? 60 : Math.max(5, s);
    }

    static int configuredSeconds() {
        try {
            return NamdRunnerUi.store().settings().get(SettingKeys.SYNC_INTERVAL_SECONDS).map(v -> Integer.parseInt(v.strip()))
                    .orElse(SettingKeys.DEFAULT_SYNC_INTERVAL_SECONDS);
        } catch (RuntimeException e) {
            return SettingKeys.DEFAULT_SYNC_INTERVAL_SECONDS;
        }
    }

    /** Whether an automatic sync has something to do now. */
    static boolean due() {
        if (configuredSeconds() <= 0) {
            return false;
        }
        if (!RemoteUi.connected().isEmpty()) {
            return true;
        }
        for (ProfileConfig p : WorkbenchSessions.registry().all()) {
            if (WorkbenchSessions.isLocal(p) && NamdRunnerUi.store().jobs()
                    .count(JobQuery.all().withStates(StatusSync.TRACKED).withProfileId(p.id())) > 0) {
                return true;
            }
        }
        return false;
    }
}

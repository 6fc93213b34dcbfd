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
                    SyncHandler.schedule(false);
                }
            } catch (RuntimeException e) {
                NamdRunnerUi.log(IStatus.WARNING, "Automatic sync: " + NamdRunnerUi.message(e), e);
            } finally {
                if (running) {
                    scheduleIn(intervalSeconds());
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
            scheduleIn(1);
        }
    };

    /** When the next automatic sync is due (ms since the epoch). */
    private static volatile long nextAt;

    private static void scheduleIn(int seconds) {
        nextAt = System.currentTimeMillis() + seconds * 1000L;
        TICK.schedule(seconds * 1000L);
    }

    /**
     * After a job change (a new job, a submit from the wizard): when a profile of the changed jobs wants a sooner sync
     * than the one planned (a Local job is followed every few seconds), the next automatic sync comes sooner.
     */
    private static final Runnable JOBS_LISTENER = () -> {
        if (!running) {
            return;
        }
        int seconds = intervalSeconds();
        if (System.currentTimeMillis() + seconds * 1000L < nextAt - 500 && TICK.getState() == Job.SLEEPING) {
            TICK.cancel();
            scheduleIn(seconds);
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
            NamdRunnerUi.addJobsListener(JOBS_LISTENER);
            scheduleIn(intervalSeconds());
        }
    }

    /** Stops it (workbench shutdown). */
    public static synchronized void stop() {
        running = false;
        TICK.cancel();
        RemoteUi.removeListener(CONNECTION_LISTENER);
        NamdRunnerUi.removeJobsListener(JOBS_LISTENER);
        SyncHandler.removeParticipant(SYNC);
    }

    private static final ClusterStatusSync SYNC = new ClusterStatusSync();

    /** The participant that syncs the reachable profiles (registered by {@link #start()}). */
    public static ClusterStatusSync participant() {
        return SYNC;
    }

    /**
     * Seconds until the next automatic sync: the preference, or sooner ({@link org.namdrunner.jobs.SyncPace}) while a
     * profile on this computer (Local, Demo) whose minimum query interval is shorter has active jobs (a Local job is
     * followed every few seconds), or a connected cluster has a tracked job created in the last few minutes (then at
     * the cluster's minimum interval, never more often); when the preference is 0 (off), the tick only re-reads it
     * every minute.
     */
    static int intervalSeconds() {
        int s = configuredSeconds();
        if (s <= 0) {
            return 60;
        }
        int next = Math.max(5, s);
        try {
            for (ProfileConfig p : Engine.service().sessions().reachableProfiles()) {
                if (p.statusMinIntervalSeconds() >= next) {
                    continue;
                }
                // on this computer (Local, Demo): while jobs are active; a cluster: while a job is a few minutes old
                boolean local = !WorkbenchSessions.needsConnection(p);
                JobQuery tracked = JobQuery.all().withStates(StatusSync.TRACKED).withProfileId(p.id());
                boolean active = local && localWork(p);
                boolean recent = !local && NamdRunnerUi.store().jobs()
                        .count(tracked.withCreated(java.time.Instant.now().minus(org.namdrunner.jobs.SyncPace.RECENT), null)) > 0;
                next = org.namdrunner.jobs.SyncPace.seconds(next, p.statusMinIntervalSeconds(), local, active, recent);
            }
        } catch (RuntimeException e) {
            NamdRunnerUi.log(IStatus.WARNING, "Automatic sync: " + NamdRunnerUi.message(e), e);
        }
        return next;
    }

    /** The shortest time between two automatic syncs. */
    static final int MIN_SECONDS = org.namdrunner.jobs.SyncPace.MIN_SECONDS;

    static int configuredSeconds() {
        try {
            return NamdRunnerUi.store().settings().get(SettingKeys.SYNC_INTERVAL_SECONDS).map(v -> Integer.parseInt(v.strip()))
                    .orElse(SettingKeys.DEFAULT_SYNC_INTERVAL_SECONDS);
        } catch (RuntimeException e) {
            return SettingKeys.DEFAULT_SYNC_INTERVAL_SECONDS;
        }
    }

    /**
     * Whether a profile on this computer has work for the sync: a tracked job, or engine work that no tracked job
     * stands for (an interrupted submission, a job waiting in the submission queue, results still to fetch), as after
     * a crash of the workbench (found by the workbench kill trials, benchmarks/faults/run-workbench).
     */
    static boolean localWork(ProfileConfig p) {
        return NamdRunnerUi.store().jobs().count(JobQuery.all().withStates(StatusSync.TRACKED).withProfileId(p.id())) > 0
                || Engine.service().workflows().hasWork(p.id());
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
            if (WorkbenchSessions.isLocal(p) && localWork(p)) {
                return true;
            }
        }
        return false;
    }
}

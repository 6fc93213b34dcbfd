package org.namdrunner.jobs;

import java.time.Duration;

/**
 * How soon the automatic sync comes back for a profile. A profile's jobs are asked for at the user's sync interval;
 * sooner — at the profile's own minimum interval between status queries, never below it — while the profile runs
 * jobs on this computer (Local, Demo: their state is a local file) or has a job submitted in the last
 * {@link #RECENT} (a new job often fails or starts within minutes; its first state is worth knowing early). The
 * per-profile etiquette ({@link SyncGate}, the session's status cache) still decides whether the cluster is asked.
 * UI-free.
 */
public final class SyncPace {
    /** Jobs created this recently and still tracked are followed at the profile's minimum interval. */
    public static final Duration RECENT = Duration.ofMinutes(5);
    /** The shortest time between two automatic syncs. */
    public static final int MIN_SECONDS = 2;

    private SyncPace() {
    }

    /**
     * Seconds until the next automatic sync for one profile.
     *
     * @param intervalSeconds   the sync interval so far (the user's preference or a sooner one of another profile)
     * @param profileMinSeconds the profile's minimum interval between status queries
     * @param onThisComputer    the profile runs jobs on this computer (no connection)
     * @param active            the profile has tracked (active) jobs
     * @param recentlySubmitted the profile has a tracked job created less than {@link #RECENT} ago
     */
    public static int seconds(int intervalSeconds, int profileMinSeconds, boolean onThisComputer, boolean active,
            boolean recentlySubmitted) {
        boolean sooner = onThisComputer ? active : recentlySubmitted;
        if (sooner && profileMinSeconds < intervalSeconds) {
            return Math.max(MIN_SECONDS, profileMinSeconds);
        }
        return intervalSeconds;
    }
}

package org.namdrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The automatic sync's pace per profile ({@link SyncPace}): sooner only within the profile's minimum interval. */
class SyncPaceTest {

    @Test
    void aClusterWithAJobSubmittedInTheLastMinutesIsFollowedAtItsMinimumInterval() {
        assertEquals(60, SyncPace.seconds(300, 60, false, true, true), "recent submission: the profile's minimum");
        assertEquals(300, SyncPace.seconds(300, 60, false, true, false), "only older jobs: the user's interval");
        assertEquals(300, SyncPace.seconds(300, 600, false, true, true), "never more often than the profile allows");
        assertEquals(30, SyncPace.seconds(30, 60, false, true, true), "a shorter preference stays (the gate holds it back)");
    }

    @Test
    void jobsOnThisComputerAreFollowedAtTheProfilesIntervalWhileActive() {
        assertEquals(5, SyncPace.seconds(60, 5, true, true, false));
        assertEquals(60, SyncPace.seconds(60, 5, true, false, false), "nothing active");
        assertEquals(SyncPace.MIN_SECONDS, SyncPace.seconds(60, 0, true, true, false), "never below the minimum tick");
    }
}

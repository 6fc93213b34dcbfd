package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.remote.ConnectionSettings;
import org.namdrunner.testing.TestCluster;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.preferences.SettingKeys;
import org.namdrunner.ui.remote.WorkbenchSessions;

/**
 * The remote-command preferences reach the connections the workbench opens: the rate (an upper bound on the
 * profile's own) and the queue length are the ones the connection's rate limiter is built with (the limiter's own
 * behaviour is tested in RateLimiterTest).
 */
@Tag("ui")
class PreferenceEffectsTest {

    @org.junit.jupiter.api.BeforeEach
    @AfterEach
    void reset() {
        NamdRunnerUi.store().settings().remove(SettingKeys.COMMANDS_PER_SECOND);
        NamdRunnerUi.store().settings().remove(SettingKeys.MAX_QUEUED_COMMANDS);
    }

    @Test
    void commandRateAndQueueLengthConfigureTheConnections() throws Exception {
        ProfileConfig p = WorkbenchSessions.registry().get(TestCluster.PRESET_ID);
        double own = WorkbenchSessions.settings(p).getCommandsPerSecond(); // no preference: the connection's own rate
        assertEquals(org.namdrunner.remote.RateLimiter.DEFAULT_RATE, own);
        NamdRunnerUi.store().settings().put(SettingKeys.COMMANDS_PER_SECOND, "2");
        NamdRunnerUi.store().settings().put(SettingKeys.MAX_QUEUED_COMMANDS, "7");
        ConnectionSettings s = WorkbenchSessions.settings(p);
        assertEquals(2.0, s.getCommandsPerSecond());
        assertEquals(7, s.getMaxQueuedCommands());
        assertEquals(p.id(), s.getId(), "one connection per profile");
        // a bad stored value does not break connecting: the defaults apply
        NamdRunnerUi.store().settings().put(SettingKeys.COMMANDS_PER_SECOND, "fast");
        assertEquals(own, WorkbenchSessions.settings(p).getCommandsPerSecond());
        // the preference is an upper bound: above the profile's own rate, the profile's rate stays
        NamdRunnerUi.store().settings().put(SettingKeys.COMMANDS_PER_SECOND, "50");
        assertEquals(own, WorkbenchSessions.settings(p).getCommandsPerSecond());
    }
}

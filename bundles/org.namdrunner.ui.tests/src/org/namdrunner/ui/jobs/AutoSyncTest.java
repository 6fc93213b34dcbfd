package org.namdrunner.ui.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.preferences.SettingKeys;
import org.namdrunner.ui.tests.UiTestSupport;
import org.namdrunner.ui.views.JobsView;

/** The automatic sync: when it is due, that it runs by itself at the preference's interval, and that 0 turns it off. */
@Tag("ui")
class AutoSyncTest {

    private Job job;

    @AfterEach
    void restore() {
        if (job != null) {
            NamdRunnerUi.store().jobs().delete(job.id());
        }
        NamdRunnerUi.store().settings().remove(SettingKeys.SYNC_INTERVAL_SECONDS);
        AutoSync.stop();
        AutoSync.start();
        NamdRunnerUi.fireJobsChanged();
    }

    /** A job of the Local preset that the sync tracks (its process is not known: the sync leaves it alone). */
    private Job activeLocalJob() {
        job = Job.builder().name("auto-sync probe " + System.nanoTime()).profileId(ClusterProfileRegistry.DEFAULT_PROFILE_ID)
                .state(JobState.RUNNING).slurmJobId("999999999").cores(1).nodes(1).build();
        NamdRunnerUi.store().jobs().insert(job);
        return job;
    }

    @Test
    void dueOnlyWhenEnabledAndSomethingCanBeSynced() {
        NamdRunnerUi.store().settings().put(SettingKeys.SYNC_INTERVAL_SECONDS, "30");
        assertFalse(AutoSync.due(), "nothing connected, no active local job");
        activeLocalJob();
        assertTrue(AutoSync.due(), "an active job of the Local profile");
        NamdRunnerUi.store().settings().put(SettingKeys.SYNC_INTERVAL_SECONDS, "0");
        assertFalse(AutoSync.due(), "0 turns the automatic sync off");
        assertTrue(AutoSync.intervalSeconds() >= 5, "the tick still re-reads the preference");
    }

    @Test
    void runsByItselfAtTheInterval() {
        Display d = Display.getCurrent();
        NamdRunnerUi.store().settings().put(SettingKeys.SYNC_INTERVAL_SECONDS, "5");
        activeLocalJob();
        Instant start = Instant.now();
        AutoSync.stop();
        AutoSync.start();
        UiTestSupport.waitUntil(d, 60_000, () -> NamdRunnerUi.store().settings().get(JobsView.LAST_SYNC_SETTING)
                .map(Instant::parse).filter(t -> !t.isBefore(start)).isPresent(), "an automatic sync after " + start);
        org.namdrunner.jobs.op.SyncOperation.Summary s = ClusterStatusSync.lastSummary();
        assertTrue(s != null && s.tracked() >= 1, "the automatic sync looked at the active local job: " + s);
    }
}

package org.namdrunner.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobProgress;

/** The progress facts beside a job (schema V6): stored, replaced, read per page, deleted with the job. */
class JobProgressStoreTest extends StoreTestSupport {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void progressIsStoredReplacedAndDeletedWithItsJob() throws Exception {
        Store s = newStore();
        Job a = fullJob();
        Job b = job("other");
        s.jobs().insert(a);
        s.jobs().insert(b);
        assertTrue(s.jobs().progress(a.id()).isEmpty());

        assertTrue(s.jobs().putProgress(new JobProgress(a.id(), 0L, 10_000L, 2_000L, null, null, 2.0, 1, T)));
        JobProgress later = new JobProgress(a.id(), 0L, 10_000L, 4_200L, 0.05, 3.456, 2.0, 1, T.plusSeconds(60));
        assertTrue(s.jobs().putProgress(later));
        assertEquals(later, s.jobs().progress(a.id()).orElseThrow());

        Map<String, JobProgress> page = s.jobs().progress(List.of(a.id(), b.id(), "no-such-job"));
        assertEquals(Map.of(a.id(), later), page);
        assertFalse(s.jobs().putProgress(new JobProgress("no-such-job", null, null, 1L, null, null, null, null, T)));

        s.jobs().delete(a.id());
        assertTrue(s.jobs().progress(a.id()).isEmpty());
        assertTrue(Store.latestSchemaVersion() >= 6);
    }

    @Test
    void latestMeasuredSpeedIsTheNewestOfTheSameProfileAndTemplate() throws Exception {
        Store s = newStore();
        Job old = fullJob().toBuilder().id("00000000-0000-4000-8000-000000000001").cores(8).build();
        Job recent = fullJob().toBuilder().id("00000000-0000-4000-8000-000000000002").cores(16).build();
        Job otherTemplate = fullJob().toBuilder().id("00000000-0000-4000-8000-000000000003").templateId("tmpl-min").build();
        Job unmeasured = fullJob().toBuilder().id("00000000-0000-4000-8000-000000000004").build();
        for (Job j : List.of(old, recent, otherTemplate, unmeasured)) {
            s.jobs().insert(j);
        }
        s.jobs().putProgress(new JobProgress(old.id(), 0L, 100L, 100L, 0.2, null, null, 0, T));
        s.jobs().putProgress(new JobProgress(recent.id(), 0L, 100L, 50L, 0.1, null, null, 0, T.plusSeconds(10)));
        s.jobs().putProgress(new JobProgress(otherTemplate.id(), 0L, 100L, 50L, 0.01, null, null, 0, T.plusSeconds(20)));
        s.jobs().putProgress(new JobProgress(unmeasured.id(), 0L, 100L, 5L, null, null, null, 0, T.plusSeconds(30)));

        var m = s.jobs().latestMeasured("hpc-uni", "tmpl-equil").orElseThrow();
        assertEquals(recent.id(), m.getKey().id());
        assertEquals(16, m.getKey().cores());
        assertEquals(0.1, m.getValue().secondsPerStep());
        assertTrue(s.jobs().latestMeasured("hpc-uni", "tmpl-none").isEmpty());
        assertTrue(s.jobs().latestMeasured(null, "tmpl-equil").isEmpty());
    }

    @Test
    void progressFactsAndTheirSummary() {
        JobProgress p = new JobProgress("j", 1_000L, 11_000L, 5_200L, 1.0, null, 2.0, null, T);
        assertEquals(10_000L, p.totalSteps());
        assertEquals(4_200L, p.stepsDone());
        assertEquals(0.42, p.fraction(), 1e-12);
        assertEquals(Duration.ofSeconds(5_800), p.remaining());
        assertEquals("42 % \u00b7 ETA 1 h 36 min", p.summary(T));
        assertEquals("42 % \u00b7 ETA 1 h 26 min", p.summary(T.plusSeconds(600)));
        assertEquals("42 % \u00b7 ETA any moment", p.summary(T.plusSeconds(6_000)));
        assertEquals("1.00 s/step \u00b7 4,200 of 10,000 steps", p.speedSummary());
        // past the end: 100 %, no ETA; unknown total: the step only
        assertEquals("100 %", new JobProgress("j", 0L, 100L, 150L, 1.0, null, null, null, T).summary(T));
        JobProgress open = new JobProgress("j", null, null, 777L, null, null, null, null, T);
        assertNull(open.fraction());
        assertEquals("step 777", open.summary(T));
        assertEquals("", new JobProgress("j", null, null, null, null, null, null, null, T).summary(T));
        assertEquals("45 s", JobProgress.span(Duration.ofSeconds(45)));
        assertEquals("2 h", JobProgress.span(Duration.ofHours(2)));
        assertEquals("2 d 3 h", JobProgress.span(Duration.ofHours(51).plusMinutes(20)));
    }

    @Test
    void queueWaitIsStartMinusSubmit() {
        Job j = fullJob(); // submitted 10:05, started 11:00
        assertEquals(Duration.ofMinutes(55), j.queueWait());
        assertNull(j.toBuilder().startedAt(null).build().queueWait());
        assertNull(j.toBuilder().submittedAt(null).build().queueWait());
    }
}

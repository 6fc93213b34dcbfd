package org.namdrunner.store;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobStatusChange;

class JobRepositoryTest extends StoreTestSupport {

    @Test
    void insertAndFindKeepsEveryField() throws Exception {
        Store s = newStore();
        Job j = fullJob();
        s.jobs().insert(j);
        Job back = s.jobs().find(j.id()).orElseThrow();
        assertEquals(j, back);
        assertEquals(List.of("temperature", "steps", "note"), List.copyOf(back.templateValues().keySet()),
                "template values keep their order");
        Job minimal = job("minimal");
        s.jobs().insert(minimal);
        assertEquals(minimal, s.jobs().find(minimal.id()).orElseThrow());
        assertTrue(s.jobs().find("no-such-id").isEmpty());
    }

    @Test
    void insertRecordsCreationInHistory() throws Exception {
        Store s = newStore();
        Job j = job("a");
        s.jobs().insert(j);
        List<JobStatusChange> h = s.jobs().history(j.id());
        assertEquals(1, h.size());
        assertNull(h.get(0).from());
        assertEquals(JobState.CREATED, h.get(0).to());
        assertEquals(j.createdAt(), h.get(0).at());
    }

    @Test
    void duplicateIdIsRefused() throws Exception {
        Store s = newStore();
        Job j = job("a");
        s.jobs().insert(j);
        StoreException e = assertThrows(StoreException.class, () -> s.jobs().insert(j.toBuilder().name("b").build()));
        assertTrue(e.getMessage().contains(j.id()), e.getMessage());
        assertEquals("a", s.jobs().find(j.id()).orElseThrow().name());
        assertEquals(1, s.jobs().history(j.id()).size());
    }

    @Test
    void updateWritesFieldsAndRecordsStateChangeTogether() throws Exception {
        Store s = newStore();
        Job j = job("a");
        s.jobs().insert(j);
        Job submitted = j.toBuilder().state(JobState.PENDING).slurmJobId("4711").submittedAt(Instant.now()).partition("debug").build();
        Optional<JobStatusChange> change = s.jobs().update(submitted, "sbatch accepted", "sbatch");
        assertTrue(change.isPresent());
        assertEquals(JobState.CREATED, change.get().from());
        assertEquals(JobState.PENDING, change.get().to());
        assertEquals(submitted, s.jobs().find(j.id()).orElseThrow());
        // Same state: fields change, no history entry.
        assertTrue(s.jobs().update(submitted.toBuilder().reason("Priority").build()).isEmpty());
        List<JobStatusChange> h = s.jobs().history(j.id());
        assertEquals(2, h.size());
        assertEquals("sbatch accepted", h.get(1).reason());
        assertEquals("sbatch", h.get(1).source());
        assertEquals("Priority", s.jobs().find(j.id()).orElseThrow().reason());
        assertEquals(Optional.of(submitted.toBuilder().reason("Priority").build()), s.jobs().find(j.id()));
        assertEquals(s.jobs().find(j.id()), s.jobs().findBySlurmJobId("slurm-local", "4711"));
        assertTrue(s.jobs().findBySlurmJobId("other-profile", "4711").isEmpty());
    }

    @Test
    void updateOfMissingJobIsRefused() throws Exception {
        Store s = newStore();
        StoreException e = assertThrows(StoreException.class, () -> s.jobs().update(job("ghost")));
        assertTrue(e.getMessage().contains("No job"), e.getMessage());
        assertEquals(0, s.jobs().count(JobQuery.all()));
    }

    @Test
    void transitionRecordsFromAndTo() throws Exception {
        Store s = newStore();
        Job j = job("a");
        s.jobs().insert(j);
        Job r = s.jobs().transition(j.id(), JobState.RUNNING, "started", "squeue");
        assertEquals(JobState.RUNNING, r.state());
        s.jobs().transition(j.id(), JobState.RUNNING, "again", "squeue"); // no-op
        s.jobs().transition(j.id(), JobState.COMPLETED, null, "sacct");
        List<JobStatusChange> h = s.jobs().history(j.id());
        assertEquals(List.of(JobState.CREATED, JobState.RUNNING, JobState.COMPLETED), h.stream().map(JobStatusChange::to).toList());
        assertEquals(JobState.RUNNING, h.get(2).from());
        assertEquals("sacct", h.get(2).source());
    }

    @Test
    void deleteRemovesJobAndHistory() throws Exception {
        Store s = newStore();
        Job j = job("a");
        s.jobs().insert(j);
        s.jobs().transition(j.id(), JobState.FAILED, "x", null);
        assertTrue(s.jobs().delete(j.id()));
        assertFalse(s.jobs().delete(j.id()));
        assertTrue(s.jobs().history(j.id()).isEmpty());
        long rows = s.inTransaction(c -> {
            var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM job_status_history");
            rs.next();
            return rs.getLong(1);
        });
        assertEquals(0, rows);
    }

    @Test
    void failedTransactionWritesNothing() throws Exception {
        Store s = newStore();
        Job existing = job("existing");
        s.jobs().insert(existing);
        Job fresh = job("fresh");
        IllegalStateException boom = assertThrows(IllegalStateException.class, () -> s.inTransaction(c -> {
            s.jobs().insert(fresh);
            s.jobs().update(existing.toBuilder().state(JobState.RUNNING).name("renamed").build(), "x", "test");
            s.settings().put("k", "v");
            assertTrue(s.jobs().find(fresh.id()).isPresent(), "visible inside the transaction");
            throw new IllegalStateException("boom");
        }));
        assertEquals("boom", boom.getMessage());
        assertTrue(s.jobs().find(fresh.id()).isEmpty());
        assertEquals(existing, s.jobs().find(existing.id()).orElseThrow());
        assertEquals(1, s.jobs().history(existing.id()).size(), "no half-written state change");
        assertTrue(s.settings().get("k").isEmpty());
    }

    @Test
    void insertWithInvalidHistoryIsAllOrNothing() throws Exception {
        Store s = newStore();
        Job j = job("imported");
        List<JobStatusChange> history = List.of(
                new JobStatusChange(j.id(), null, JobState.CREATED, j.createdAt(), null, "import"),
                new JobStatusChange("another-job", JobState.CREATED, JobState.PENDING, j.createdAt(), null, "import"));
        assertThrows(IllegalArgumentException.class, () -> s.jobs().insert(j, history));
        assertTrue(s.jobs().find(j.id()).isEmpty(), "the job row was rolled back with the failing history");
        s.jobs().insert(j, history.subList(0, 1));
        assertEquals(1, s.jobs().history(j.id()).size());
        assertEquals("import", s.jobs().history(j.id()).get(0).source());
    }

    @Test
    void findBySubmitIntentTokenAndCountByState() throws Exception {
        Store s = newStore();
        s.jobs().insert(fullJob());
        s.jobs().insert(job("a"));
        s.jobs().insert(job("b"));
        assertEquals("ubiquitin equilibration", s.jobs().findBySubmitIntentToken("tok-abc").orElseThrow().name());
        assertTrue(s.jobs().findBySubmitIntentToken("tok-none").isEmpty());
        assertEquals(Map.of(JobState.RUNNING, 1L, JobState.CREATED, 2L), s.jobs().countByState());
    }

    /** The text filter reads a copy of the job texts: every write, committed or rolled back, must be seen at once. */
    @Test
    void textMatchesSeeEveryWriteAtOnce() throws Exception {
        Store s = newStore();
        Job a = job("Alpha-Lipid");
        Job b = job("beta-lipid");
        s.jobs().insert(a);
        s.jobs().insert(b);
        assertEquals(Set.of(a.id(), b.id()), Set.copyOf(s.jobs().textMatches("LIPID", 10).orElseThrow()));
        assertEquals(Optional.empty(), s.jobs().textMatches("lipid", 1), "more matches than asked for");
        long v = s.jobsVersion();
        assertEquals(List.of(a.id()), s.jobs().textMatches("alpha", 10).orElseThrow());
        assertEquals(v, s.jobsVersion(), "reads do not change the version");

        s.jobs().update(a.toBuilder().name("gamma").build());
        assertEquals(List.of(), s.jobs().textMatches("alpha", 10).orElseThrow(), "update");
        assertEquals(List.of(a.id()), s.jobs().textMatches("gamma", 10).orElseThrow());
        s.jobs().delete(b.id());
        assertEquals(List.of(), s.jobs().textMatches("beta", 10).orElseThrow(), "delete");
        s.jobs().transition(a.id(), JobState.FAILED, "x", JobStatusChange.SOURCE_LOCAL);
        assertEquals(List.of(a.id()), s.jobs().textMatches("gamma", 10).orElseThrow());

        // a write inside a larger transaction that is rolled back: first seen (same thread), then gone
        assertThrows(IllegalStateException.class, () -> s.inTransaction(c -> {
            s.jobs().insert(job("delta"));
            assertEquals(1, s.jobs().textMatches("delta", 10).orElseThrow().size(), "own write inside the transaction");
            throw new IllegalStateException("roll back");
        }));
        assertEquals(List.of(), s.jobs().textMatches("delta", 10).orElseThrow(), "rolled back");
        // a write in another thread's open transaction: not committed, not seen; committed, seen
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch checked = new java.util.concurrent.CountDownLatch(1);
        Job e = job("epsilon");
        Thread t = new Thread(() -> s.inTransaction(c -> {
            s.jobs().insert(e);
            written.countDown();
            try {
                checked.await();
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        t.start();
        written.await();
        assertEquals(List.of(), s.jobs().textMatches("epsilon", 10).orElseThrow(), "uncommitted");
        checked.countDown();
        t.join();
        assertEquals(List.of(e.id()), s.jobs().textMatches("epsilon", 10).orElseThrow(), "committed");

        // many writes at once: the copy is read again as a whole
        s.inTransaction(c -> {
            for (int i = 0; i < JobRepository.TEXT_PATCH_MAX + 5; i++) {
                s.jobs().insert(job("bulk-" + i));
            }
            return null;
        });
        assertEquals(JobRepository.TEXT_PATCH_MAX + 5, s.jobs().textMatches("bulk-", 10_000).orElseThrow().size());
        // a reset replaces every job without writing them one by one
        s.management().reset(false, null);
        assertEquals(List.of(), s.jobs().textMatches("gamma", 10).orElseThrow(), "after a reset");
    }
}

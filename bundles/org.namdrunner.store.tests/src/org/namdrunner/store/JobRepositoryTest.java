package org.namdrunner.store;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
}

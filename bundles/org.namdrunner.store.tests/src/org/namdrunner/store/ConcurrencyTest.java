package org.namdrunner.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobStatusChange;

class ConcurrencyTest extends StoreTestSupport {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 150;

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        Store s = newStore();
        Job shared = job("shared");
        s.jobs().insert(shared);
        Path backupDir = newDir();
        JobState[] cycle = {JobState.PENDING, JobState.RUNNING, JobState.SUSPENDED, JobState.RUNNING};
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        Job j = job("t" + thread + "-" + i).toBuilder().profileId("worker").build();
                        s.inTransaction(c -> {
                            s.jobs().insert(j);
                            s.jobs().transition(j.id(), JobState.PENDING, null, "test");
                            return null;
                        });
                        s.jobs().transition(shared.id(), cycle[(thread + i) % cycle.length], "t" + thread, "test");
                        s.settings().put("thread." + thread, Integer.toString(i));
                    }
                    return null;
                }));
            }
            // An online backup while the writers run.
            futures.add(pool.submit(() -> s.management().backup(backupDir.resolve("during.zip"), null)));
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(THREADS * PER_THREAD + 1, s.jobs().count(JobQuery.all()));
        assertEquals(THREADS * PER_THREAD, s.jobs().count(JobQuery.all().withProfileId("worker").withStates(JobState.PENDING)));
        for (int t = 0; t < THREADS; t++) {
            assertEquals(Integer.toString(PER_THREAD - 1), s.settings().get("thread." + t).orElseThrow());
        }
        // The shared job's history is one consistent chain: each change starts where the previous one ended.
        List<JobStatusChange> h = s.jobs().history(shared.id());
        assertTrue(h.size() > 2);
        for (int i = 1; i < h.size(); i++) {
            assertEquals(h.get(i - 1).to(), h.get(i).from(), "history entry " + i);
            assertNotEquals(h.get(i).from(), h.get(i).to());
        }
        assertEquals(h.get(h.size() - 1).to(), s.jobs().find(shared.id()).orElseThrow().state());
        // The backup taken during the writes is a consistent, restorable database.
        long before = s.jobs().count(JobQuery.all());
        s.management().restore(backupDir.resolve("during.zip"), null);
        long restored = s.jobs().count(JobQuery.all());
        assertTrue(restored >= 1 && restored <= before, "restored " + restored);
        JobQuery workers = JobQuery.all().withProfileId("worker");
        assertEquals(restored - 1, s.jobs().count(workers));
        assertEquals(s.jobs().count(workers), s.jobs().count(workers.withStates(JobState.PENDING)),
                "every restored job went through its whole transaction");
    }
}

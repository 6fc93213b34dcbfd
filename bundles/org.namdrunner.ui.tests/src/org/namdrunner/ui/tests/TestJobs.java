package org.namdrunner.ui.tests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.namdrunner.core.JobState;
import org.namdrunner.core.model.ClusterProfileRecord;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.Store;

/** Deterministic, varied job records for UI tests and benchmarks. */
public final class TestJobs {

    public static final Instant BASE = Instant.parse("2026-01-01T08:00:00Z");
    public static final String[] PARTITIONS = {"compute", "gpu", "debug"};

    private TestJobs() {
    }

    public static Job job(int i) {
        JobState[] states = JobState.values();
        JobState state = states[i % states.length];
        Instant created = BASE.plus(Duration.ofMinutes(i * 7L));
        Job.Builder b = Job.builder()
                .id(String.format("00000000-0000-4000-8000-%012d", i))
                .name((i % 3 == 0 ? "Membrane-" : i % 3 == 1 ? "ubq-eq-" : "Spike-prod-") + String.format("%05d", i))
                .profileId(i % 2 == 0 ? "local" : "testcluster")
                .templateId("npt-equilibration")
                .state(state)
                .partition(PARTITIONS[i % PARTITIONS.length])
                .cores(1 + (i * 7) % 64)
                .nodes(1)
                .wallTimeMinutes(30 + (i * 13) % 2880)
                .createdAt(created)
                .groupId("sweep-" + (i % 10))
                .remoteProjectDir("/home/user/namdrunner/jobs/" + i);
        if (state.ordinal() > JobState.SUBMITTING.ordinal()) {
            b.submittedAt(created.plusSeconds(60)).slurmJobId(Integer.toString(100_000 + i));
        }
        if (state == JobState.RUNNING || state == JobState.COMPLETING || state.isTerminal()) {
            b.startedAt(created.plusSeconds(120));
        }
        if (state.isTerminal()) {
            b.endedAt(created.plusSeconds(120 + 60L * (1 + (i * 31) % 600)));
            b.exitCode(state == JobState.COMPLETED ? 0 : 1);
        }
        if (state.isFailure()) {
            b.reason("NAMD exited with code 1");
        }
        return b.build();
    }

    /** Removes every job, then stores jobs 0..n-1 and the two profiles they use. */
    public static List<Job> replaceAll(Store store, int n) {
        deleteAll(store);
        store.clusterProfiles().save(new ClusterProfileRecord("local", "Local", "local", "{}", null));
        store.clusterProfiles().save(new ClusterProfileRecord("testcluster", "Test cluster", "slurm", "{}", null));
        List<Job> jobs = new ArrayList<>(n);
        for (int start = 0; start < n; start += 2000) {
            int from = start;
            int to = Math.min(n, start + 2000);
            store.inTransaction(c -> {
                for (int i = from; i < to; i++) {
                    Job j = job(i);
                    store.jobs().insert(j);
                    jobs.add(j);
                }
                return null;
            });
        }
        return jobs;
    }

    public static void deleteAll(Store store) {
        while (true) {
            List<Job> page = store.jobs().list(JobQuery.all().page(0, 5000));
            if (page.isEmpty()) {
                return;
            }
            store.inTransaction(c -> {
                for (Job j : page) {
                    store.jobs().delete(j.id());
                }
                return null;
            });
        }
    }
}

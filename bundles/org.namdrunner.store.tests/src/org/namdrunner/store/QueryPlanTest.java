package org.namdrunner.store;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.namdrunner.core.JobState;

/**
 * The Jobs view pages through 100,000 jobs: every sort and filter it offers must be answered through an index
 * (H2's plan names the index; a full scan shows as {@code tableScan}). Checked on 20,000 generated rows after
 * ANALYZE, so the optimizer decides with realistic statistics.
 */
class QueryPlanTest extends StoreTestSupport {
    private Store store;

    @BeforeEach
    void fill() throws Exception {
        store = newStore();
        store.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO jobs (id, name, profile_id, state, cores, nodes, created_at, submitted_at, group_id, "
                        + "updated_at) SELECT RANDOM_UUID(), 'job ' || X, 'profile-' || MOD(X, 5), "
                        + "CASE MOD(X, 4) WHEN 0 THEN 'COMPLETED' WHEN 1 THEN 'RUNNING' WHEN 2 THEN 'PENDING' ELSE 'FAILED' END, "
                        + "1, 1, TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00Z' + X * INTERVAL '1' MINUTE, "
                        + "TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00Z' + X * INTERVAL '2' MINUTE, "
                        + "CASE WHEN MOD(X, 100) = 0 THEN 'sweep-' || (X / 1000) END, CURRENT_TIMESTAMP "
                        + "FROM SYSTEM_RANGE(1, 20000)");
                st.execute("ANALYZE");
            }
            return null;
        });
        assertEquals(20_000, store.jobs().count(JobQuery.all()));
    }

    private String plan(JobRepository.Sql sql) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql.text())) {
                for (int i = 0; i < sql.params().size(); i++) {
                    ps.setObject(i + 1, sql.params().get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private void assertIndexed(JobQuery q) {
        String p = plan(JobRepository.listSql(q));
        assertFalse(p.toLowerCase(Locale.ROOT).contains("tablescan"), "list query scans the table: " + p);
        assertTrue(p.toUpperCase(Locale.ROOT).contains("IX_JOBS_") || p.contains("PRIMARY_KEY"), p);
    }

    /**
     * The engine's per-profile questions (the submission queue's candidates, the cap) are answered from the V7 index
     * alone, and give what the general queries give.
     */
    @Test
    void profileAndStateQueriesReadOnlyTheirIndex() {
        Set<JobState> active = EnumSet.of(JobState.RUNNING, JobState.PENDING);
        String p = plan(JobRepository.profileStateSql("SELECT id", "profile-2", active, false));
        assertTrue(p.toUpperCase(Locale.ROOT).contains("IX_JOBS_PROFILE_STATE"), p);
        p = plan(JobRepository.profileStateSql("SELECT COUNT(*)", "profile-2", active, true));
        assertTrue(p.toUpperCase(Locale.ROOT).contains("IX_JOBS_PROFILE_STATE"), p);

        JobQuery general = JobQuery.all().withStates(active).withProfileId("profile-2").page(0, JobQuery.MAX_LIMIT);
        List<String> expected = store.jobs().orderedIds(general);
        List<String> ids = store.jobs().ids("profile-2", active);
        assertEquals(2_000, ids.size());
        assertEquals(new HashSet<>(expected), new HashSet<>(ids));
        assertEquals(0, store.jobs().countWithSchedulerId("profile-2", active));
        store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET slurm_job_id = id WHERE id = ANY(?)")) {
                ps.setObject(1, ids.subList(0, 123).toArray(String[]::new));
                ps.executeUpdate();
            }
            return null;
        });
        assertEquals(123, store.jobs().countWithSchedulerId("profile-2", active));
        assertEquals(0, store.jobs().countWithSchedulerId("profile-3", active));
        assertEquals(2_000, store.jobs().ids("profile-2", active).size());
    }

    @Test
    void everySortUsesAnIndexInOrder() {
        for (JobSort sort : JobSort.values()) {
            for (boolean asc : new boolean[] {true, false}) {
                JobQuery q = JobQuery.all().sortedBy(sort, asc).page(99_800, 200);
                String p = plan(JobRepository.listSql(q));
                assertFalse(p.toLowerCase(Locale.ROOT).contains("tablescan"), sort + " scans the table: " + p);
                assertTrue(p.contains("index sorted"), sort + (asc ? " asc" : " desc") + " sorts in memory: " + p);
            }
        }
    }

    @Test
    void filtersUseIndexes() {
        Instant from = Instant.parse("2025-01-05T00:00:00Z");
        Instant to = Instant.parse("2025-01-06T00:00:00Z");
        List<JobQuery> queries = new ArrayList<>();
        for (JobSort sort : JobSort.values()) {
            JobQuery base = JobQuery.all().sortedBy(sort, false);
            queries.add(base.withStates(JobState.RUNNING));
            queries.add(base.withStates(JobState.RUNNING, JobState.PENDING));
            queries.add(base.withCreated(from, to));
            queries.add(base.withProfileId("profile-3"));
            queries.add(base.withGroupId("sweep-3"));
            queries.add(base.withText("job 12"));
            queries.add(base.withText("job 12").withStates(JobState.FAILED).withProfileId("profile-1").withCreated(from, null));
        }
        for (JobQuery q : queries) {
            assertIndexed(q);
        }
    }

    @Test
    void aWalkOfTheSortIndexReadsInOrderWithoutSorting() {
        for (JobSort sort : JobSort.values()) {
            for (boolean asc : new boolean[] {true, false}) {
                JobQuery q = JobQuery.all().sortedBy(sort, asc).withStates(JobState.RUNNING, JobState.FAILED)
                        .withProfileId("profile-1");
                String p = plan(JobRepository.listSql(q, null, true));
                assertFalse(p.toLowerCase(Locale.ROOT).contains("tablescan"), sort + " scans the table: " + p);
                assertTrue(p.toUpperCase(Locale.ROOT).contains(sort.index.toUpperCase(Locale.ROOT)), sort + ": " + p);
                assertTrue(p.contains("index sorted"), sort + (asc ? " asc" : " desc") + " sorts in memory: " + p);
            }
        }
        // same rows, same order as H2's own plan
        for (JobSort sort : JobSort.values()) {
            JobQuery q = JobQuery.all().sortedBy(sort, false).withStates(JobState.RUNNING, JobState.FAILED).page(1234, 300);
            assertEquals(store.jobs().list(q), store.jobs().listBySortIndex(q), sort.name());
        }
    }

    @Test
    void orderedIdsAreTheIdsOfTheFullListInOrder() {
        Instant from = Instant.parse("2025-01-05T00:00:00Z");
        for (JobSort sort : JobSort.values()) {
            for (JobQuery q : List.of(JobQuery.all().sortedBy(sort, false).withText("job 1"),
                    JobQuery.all().sortedBy(sort, true).withText("JOB 2").withStates(JobState.RUNNING, JobState.FAILED),
                    JobQuery.all().sortedBy(sort, true).withCreated(from, null).withProfileId("profile-2"))) {
                List<String> expected = store.jobs().list(q.page(0, 20_000)).stream().map(j -> j.id()).toList();
                assertFalse(expected.isEmpty(), q.toString());
                assertEquals(expected, store.jobs().orderedIds(q), q.toString());
            }
        }
    }

    @Test
    void theCheckRecognisesATableScan() {
        // The detector itself: a filter on a column without index must show up as a scan.
        String p = plan(new JobRepository.Sql("SELECT id FROM jobs WHERE qos = ? ORDER BY memory_mb", List.of("x")));
        assertTrue(p.toLowerCase(Locale.ROOT).contains("tablescan"), p);
        assertFalse(p.contains("index sorted"), p);
        System.out.println("Plan of a filtered Jobs view page: " + plan(JobRepository.listSql(
                JobQuery.all().withText("job 1").withStates(JobState.RUNNING).sortedBy(JobSort.NAME, true)))
                .replaceAll("(?s)SELECT.*?FROM", "SELECT ... FROM"));
    }

    @Test
    void countsUseIndexes() {
        for (JobQuery q : List.of(JobQuery.all().withStates(JobState.RUNNING), JobQuery.all().withProfileId("profile-2"),
                JobQuery.all().withCreated(Instant.parse("2025-01-05T00:00:00Z"), null))) {
            String p = plan(JobRepository.countSql(q));
            assertFalse(p.toLowerCase(Locale.ROOT).contains("tablescan"), "count scans the table: " + p);
        }
        assertEquals(5000, store.jobs().count(JobQuery.all().withStates(JobState.RUNNING)));
    }

    @Test
    void theTextFilterReadsTheTextIndexNotTheRows() {
        // a substring cannot seek a B-tree, but counting and finding matches scan the narrow V4 index
        String count = plan(JobRepository.countSql(JobQuery.all().withText("job 12")));
        assertTrue(count.toUpperCase(Locale.ROOT).contains("IX_JOBS_SEARCH"), count);
        String matches = plan(JobRepository.textIndexSql());
        assertTrue(matches.toUpperCase(Locale.ROOT).contains("IX_JOBS_SEARCH"), matches);
        // the page among the matches is read by primary key, in the sort index's order or sorted in memory
        for (JobSort sort : JobSort.values()) {
            String page = plan(JobRepository.listSql(JobQuery.all().withText("job 12").sortedBy(sort, false)
                    .withStates(JobState.FAILED), List.of("a", "b")));
            assertFalse(page.toLowerCase(Locale.ROOT).contains("tablescan"), sort + ": " + page);
        }
        assertEquals(1111, store.jobs().textMatches("job 12", 5000).orElseThrow().size());
    }
}

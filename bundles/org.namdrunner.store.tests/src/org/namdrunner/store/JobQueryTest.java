package org.namdrunner.store;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;

/** Filter, sort and paging results compared against the same rules applied in memory. */
class JobQueryTest extends StoreTestSupport {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final JobState[] STATES = {JobState.CREATED, JobState.PENDING, JobState.RUNNING, JobState.COMPLETED,
            JobState.FAILED};
    private Store store;
    private final List<Job> all = new ArrayList<>();

    @BeforeEach
    void fill() throws Exception {
        store = newStore();
        store.inTransaction(c -> {
            for (int i = 0; i < 600; i++) {
                Job j = Job.builder()
                        .id(String.format("00000000-0000-4000-8000-%012d", (i * 7919) % 1000))
                        .name((i % 3 == 0 ? "Ubiquitin " : i % 3 == 1 ? "lysozyme " : "APOA1_") + (i * 37 % 101))
                        .profileId("profile-" + (i % 4))
                        .state(STATES[i % STATES.length])
                        .createdAt(T0.plusSeconds(3600L * (i % 250)))  // duplicates: ties broken by id
                        .submittedAt(i % 5 == 0 ? null : T0.plusSeconds(3600L * i + 60))
                        .reason(i % 10 == 0 ? "QOSMaxJobsPerUser 100%_limit" : null)
                        .groupId(i % 50 == 0 ? "sweep-1" : null)
                        .build();
                store.jobs().insert(j);
                all.add(j);
            }
            return null;
        });
    }

    private void check(JobQuery q, Predicate<Job> filter, Comparator<Job> order) {
        List<Job> expected = all.stream().filter(filter).sorted(order).toList();
        assertEquals(expected.size(), store.jobs().count(q), "count of " + q);
        int from = Math.min(q.offset(), expected.size());
        int to = Math.min(from + q.limit(), expected.size());
        assertEquals(ids(expected.subList(from, to)), ids(store.jobs().list(q)), "page of " + q);
        if (q.text() != null) {
            // the Jobs view's plan for a selective text: the matching ids from the text index, then the other filters
            List<String> matches = store.jobs().textMatches(q.text(), 1000).orElseThrow();
            assertEquals(all.stream().filter(j -> textMatches(j, q.text())).count(), matches.size(), "text matches of " + q);
            assertEquals(expected.size(), store.jobs().count(q, matches), "count among the text matches of " + q);
            assertEquals(ids(expected.subList(from, to)), ids(store.jobs().list(q, matches)), "page among the text matches of " + q);
        }
    }

    /** The text rule applied in memory: a case-insensitive substring of one of the searched fields. */
    private static boolean textMatches(Job j, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return java.util.stream.Stream.of(j.name(), j.id(), j.slurmJobId(), j.profileId(), j.templateId(), j.partition(),
                j.qos(), j.node(), j.reason(), j.groupId()).filter(java.util.Objects::nonNull)
                .anyMatch(f -> f.toLowerCase(Locale.ROOT).contains(t));
    }

    @Test
    void textMatchesGivesUpWhenTooManyJobsMatch() {
        assertEquals(200, store.jobs().textMatches("ubiquitin", 200).orElseThrow().size());
        assertTrue(store.jobs().textMatches("ubiquitin", 199).isEmpty(), "200 matches > 199");
        assertEquals(List.of(), store.jobs().textMatches("no such thing", 10).orElseThrow());
        assertEquals(60, store.jobs().textMatches("100%_LIMIT", 100).orElseThrow().size(), "wildcards are literal");
        assertTrue(store.jobs().textMatches("a1%", 100).orElseThrow().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> store.jobs().textMatches(" ", 10));
        // ids restrict the other filters; the text of the query is not applied a second time
        List<String> two = List.of(all.get(0).id(), all.get(1).id());
        assertEquals(2, store.jobs().count(JobQuery.all().withText("not in any job"), two));
        assertEquals(1, store.jobs().count(JobQuery.all().withStates(all.get(0).state()), two));
        assertEquals(0, store.jobs().count(JobQuery.all(), List.of()));
    }

    private static List<String> ids(List<Job> jobs) {
        return jobs.stream().map(Job::id).toList();
    }

    private static Comparator<Job> byCreated() {
        return Comparator.comparing(Job::createdAt).thenComparing(Job::id);
    }

    private static <T extends Comparable<T>> Comparator<Job> nullsFirst(java.util.function.Function<Job, T> key) {
        return Comparator.comparing(key, Comparator.nullsFirst(Comparator.<T>naturalOrder()));
    }

    @Test
    void defaultIsNewestFirst() {
        check(JobQuery.all(), j -> true, byCreated().reversed());
    }

    @Test
    void sortsByEveryKeyBothWays() {
        List<Comparator<Job>> orders = List.of(
                byCreated(),
                nullsFirst(Job::submittedAt).thenComparing(Job::id),
                Comparator.comparing((Job j) -> j.name().toLowerCase(Locale.ROOT)).thenComparing(Job::id),
                Comparator.comparing((Job j) -> j.state().name()).thenComparing(Job::createdAt).thenComparing(Job::id),
                Comparator.comparing(Job::profileId).thenComparing(Job::createdAt).thenComparing(Job::id));
        JobSort[] sorts = {JobSort.CREATED, JobSort.SUBMITTED, JobSort.NAME, JobSort.STATE, JobSort.PROFILE};
        for (int i = 0; i < sorts.length; i++) {
            check(JobQuery.all().sortedBy(sorts[i], true).page(0, 1000), j -> true, orders.get(i));
            check(JobQuery.all().sortedBy(sorts[i], false).page(0, 1000), j -> true, orders.get(i).reversed());
        }
    }

    @Test
    void filtersCombine() {
        Instant from = T0.plusSeconds(3600L * 20);
        Instant to = T0.plusSeconds(3600L * 120);
        check(JobQuery.all().withText("UBIQ"), j -> j.name().startsWith("Ubiquitin"), byCreated().reversed());
        check(JobQuery.all().withStates(JobState.RUNNING, JobState.FAILED),
                j -> Set.of(JobState.RUNNING, JobState.FAILED).contains(j.state()), byCreated().reversed());
        check(JobQuery.all().withCreated(from, to), j -> !j.createdAt().isBefore(from) && j.createdAt().isBefore(to),
                byCreated().reversed());
        check(JobQuery.all().withProfileId("profile-2"), j -> j.profileId().equals("profile-2"), byCreated().reversed());
        check(JobQuery.all().withGroupId("sweep-1"), j -> "sweep-1".equals(j.groupId()), byCreated().reversed());
        check(JobQuery.all().withText("lyso").withStates(EnumSet.of(JobState.PENDING)).withProfileId("profile-1")
                .withCreated(from, to).sortedBy(JobSort.NAME, true),
                j -> j.name().startsWith("lysozyme") && j.state() == JobState.PENDING && j.profileId().equals("profile-1")
                        && !j.createdAt().isBefore(from) && j.createdAt().isBefore(to),
                Comparator.comparing((Job j) -> j.name().toLowerCase(Locale.ROOT)).thenComparing(Job::id));
        check(JobQuery.all().withText("no such thing"), j -> false, byCreated());
    }

    @Test
    void textFilterIsLiteralAndSearchesOtherFields() {
        // LIKE wildcards in user text are literal characters.
        check(JobQuery.all().withText("100%_limit"), j -> j.reason() != null, byCreated().reversed());
        check(JobQuery.all().withText("apoa1_"), j -> j.name().startsWith("APOA1_"), byCreated().reversed());
        check(JobQuery.all().withText("a1%"), j -> false, byCreated().reversed());
        check(JobQuery.all().withText("ubiquitin_"), j -> false, byCreated().reversed());
        check(JobQuery.all().withText("profile-3"), j -> j.profileId().equals("profile-3"), byCreated().reversed());
        String someId = all.get(17).id();
        check(JobQuery.all().withText(someId.substring(20)), j -> j.id().contains(someId.substring(20)), byCreated().reversed());
    }

    @Test
    void pagesTileTheWholeResult() {
        JobQuery base = JobQuery.all().withStates(JobState.COMPLETED, JobState.CREATED).sortedBy(JobSort.NAME, false);
        List<String> paged = new ArrayList<>();
        for (int off = 0; off < 300; off += 37) {
            List<Job> page = store.jobs().list(base.page(off, 37));
            paged.addAll(ids(page));
        }
        assertEquals(ids(store.jobs().list(base.page(0, 1000))), paged);
        assertEquals(240, paged.size());
        assertEquals(240, Set.copyOf(paged).size(), "no job twice");
        check(base.page(230, 50), j -> j.state() == JobState.COMPLETED || j.state() == JobState.CREATED,
                Comparator.comparing((Job j) -> j.name().toLowerCase(Locale.ROOT)).thenComparing(Job::id).reversed());
        assertTrue(store.jobs().list(base.page(5000, 10)).isEmpty());
    }

    @Test
    void invalidPagesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> JobQuery.all().page(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> JobQuery.all().page(0, 0));
    }
}

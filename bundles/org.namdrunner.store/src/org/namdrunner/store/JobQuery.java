package org.namdrunner.store;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.namdrunner.core.JobState;

/**
 * A filtered, sorted page of the job list. Every filter is optional (null or empty = no filter); filters combine
 * with AND. Immutable: use the {@code with...} methods.
 *
 * @param text        case-insensitive substring of name, id, Slurm id, profile, template, partition, QoS, nodes,
 *                    reason or group
 * @param states      any of these states
 * @param createdFrom created at or after (inclusive)
 * @param createdTo   created before (exclusive)
 * @param profileId   cluster profile id
 * @param groupId     group (sweep) id
 * @param parentJobId parent job id
 * @param sort        sort key
 * @param ascending   sort direction
 * @param offset      rows to skip (≥ 0)
 * @param limit       rows to return (1 .. {@value #MAX_LIMIT})
 */
public record JobQuery(String text, Set<JobState> states, Instant createdFrom, Instant createdTo, String profileId,
        String groupId, String parentJobId, JobSort sort, boolean ascending, int offset, int limit) {

    public static final int MAX_LIMIT = 100_000;
    public static final int DEFAULT_LIMIT = 200;

    public JobQuery {
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        text = text == null || text.isBlank() ? null : text.strip();
        sort = sort == null ? JobSort.CREATED : sort;
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
    }

    /** All jobs, newest first, first {@value #DEFAULT_LIMIT}. */
    public static JobQuery all() {
        return new JobQuery(null, Set.of(), null, null, null, null, null, JobSort.CREATED, false, 0, DEFAULT_LIMIT);
    }

    public JobQuery withText(String v) {
        return new JobQuery(v, states, createdFrom, createdTo, profileId, groupId, parentJobId, sort, ascending, offset, limit);
    }

    public JobQuery withStates(Set<JobState> v) {
        return new JobQuery(text, v, createdFrom, createdTo, profileId, groupId, parentJobId, sort, ascending, offset, limit);
    }

    public JobQuery withStates(JobState first, JobState... rest) {
        return withStates(EnumSet.of(first, rest));
    }

    public JobQuery withCreated(Instant from, Instant to) {
        return new JobQuery(text, states, from, to, profileId, groupId, parentJobId, sort, ascending, offset, limit);
    }

    public JobQuery withProfileId(String v) {
        return new JobQuery(text, states, createdFrom, createdTo, v, groupId, parentJobId, sort, ascending, offset, limit);
    }

    public JobQuery withGroupId(String v) {
        return new JobQuery(text, states, createdFrom, createdTo, profileId, v, parentJobId, sort, ascending, offset, limit);
    }

    public JobQuery withParentJobId(String v) {
        return new JobQuery(text, states, createdFrom, createdTo, profileId, groupId, v, sort, ascending, offset, limit);
    }

    public JobQuery sortedBy(JobSort s, boolean asc) {
        return new JobQuery(text, states, createdFrom, createdTo, profileId, groupId, parentJobId, s, asc, offset, limit);
    }

    public JobQuery page(int off, int lim) {
        return new JobQuery(text, states, createdFrom, createdTo, profileId, groupId, parentJobId, sort, ascending, off, lim);
    }
}

package org.namdrunner.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobProgress;
import org.namdrunner.core.model.JobStatusChange;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * Jobs and their state history. Every method is one transaction (or joins the caller's
 * {@link Store#inTransaction}); a state change is always written together with its history entry.
 */
public final class JobRepository {

    static final String COLUMNS = "id, name, profile_id, template_id, state, slurm_job_id, partition_name, qos, cores, "
            + "nodes, memory_mb, wall_time_minutes, remote_project_dir, remote_scratch_dir, created_at, submitted_at, "
            + "started_at, ended_at, exit_code, node_list, reason, parent_job_id, group_id, priority, template_values, "
            + "submit_intent_token, template_revision";
    private static final int COLUMN_COUNT = 27;
    private static final Gson GSON = new Gson();

    private final Store store;

    JobRepository(Store store) {
        this.store = store;
    }

    /** Inserts a new job and records its first history entry (no previous state, reason "Created"). */
    public void insert(Job job) {
        insert(job, List.of(new JobStatusChange(job.id(), null, job.state(), job.createdAt(), "Created",
                JobStatusChange.SOURCE_LOCAL)));
    }

    /**
     * Inserts a job with a given history (e.g. rebuilt from its {@code job_info.json}), all or nothing.
     *
     * @throws StoreException when a job with this id exists
     */
    public void insert(Job job, List<JobStatusChange> history) {
        store.inTransaction(c -> {
            if (exists(c, job.id())) {
                throw new StoreException("A job with id " + job.id() + " already exists");
            }
            store.jobWritten(job.id());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (" + COLUMNS + ", updated_at) VALUES ("
                    + "?, ".repeat(COLUMN_COUNT) + "CURRENT_TIMESTAMP)")) {
                bind(ps, job);
                ps.executeUpdate();
            }
            for (JobStatusChange h : history) {
                recordChange(c, job.id(), h);
            }
            return null;
        });
    }

    /** Updates every field of a stored job; a state change is recorded with source {@code local}. */
    public Optional<JobStatusChange> update(Job job) {
        return update(job, null, JobStatusChange.SOURCE_LOCAL);
    }

    /**
     * Updates every field of a stored job. When its state differs from the stored one, a history entry
     * (stored state → new state, now, reason, source) is written in the same transaction.
     *
     * @return the recorded change, empty when the state did not change
     * @throws StoreException when no job with this id is stored
     */
    public Optional<JobStatusChange> update(Job job, String reason, String source) {
        return store.inTransaction(c -> {
            JobState old = lockState(c, job.id());
            store.jobWritten(job.id());
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET (" + COLUMNS + ", updated_at) = ("
                    + "?, ".repeat(COLUMN_COUNT) + "CURRENT_TIMESTAMP) WHERE id = ?")) {
                bind(ps, job);
                ps.setString(COLUMN_COUNT + 1, job.id());
                ps.executeUpdate();
            }
            if (old == job.state()) {
                return Optional.<JobStatusChange>empty();
            }
            JobStatusChange change = new JobStatusChange(job.id(), old, job.state(), Instant.now(), reason, source);
            recordChange(c, job.id(), change);
            return Optional.of(change);
        });
    }

    /**
     * Moves a job to {@code to}, recording the change; nothing happens when it is already there.
     *
     * @return the job as stored afterwards
     */
    public Job transition(String jobId, JobState to, String reason, String source) {
        return store.inTransaction(c -> {
            JobState old = lockState(c, jobId);
            if (old != to) {
                store.jobWritten(jobId);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE jobs SET state = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?")) {
                    ps.setString(1, to.name());
                    ps.setString(2, jobId);
                    ps.executeUpdate();
                }
                recordChange(c, jobId, new JobStatusChange(jobId, old, to, Instant.now(), reason, source));
            }
            return find(jobId).orElseThrow();
        });
    }

    /** Deletes a job and its history. @return false when there was no such job */
    public boolean delete(String jobId) {
        return store.inTransaction(c -> {
            store.jobWritten(jobId);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
                ps.setString(1, jobId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public Optional<Job> find(String jobId) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<Job>empty();
                }
            }
        });
    }

    /** The job a profile's scheduler knows under {@code slurmJobId}. */
    public Optional<Job> findBySlurmJobId(String profileId, String slurmJobId) {
        return findOne("profile_id = ? AND slurm_job_id = ?", profileId, slurmJobId);
    }

    /** The job whose submission carried {@code token}. */
    public Optional<Job> findBySubmitIntentToken(String token) {
        return findOne("submit_intent_token = ?", token);
    }

    private Optional<Job> findOne(String where, String... params) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE " + where
                    + " ORDER BY created_at DESC, id DESC FETCH FIRST 1 ROW ONLY")) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<Job>empty();
                }
            }
        });
    }

    /** One page of jobs matching the query, in its order. */
    public List<Job> list(JobQuery q) {
        return jobs(listSql(q));
    }

    /**
     * One page of jobs matching the query, read by walking the sort key's index and testing the filters on each row.
     * For a filter that matches a good share of the jobs (a state category, a profile) this finds a page after a few
     * hundred rows, where the plan H2 picks itself (the filter's index, then sorting every match) reads them all:
     * 300 ms against 1 ms for a page of 50,000 matches among 100,000 jobs. For a selective filter the walk would
     * read most of the index, so the caller decides (it knows the count, see the Jobs view's pages).
     */
    public List<Job> listBySortIndex(JobQuery q) {
        return jobs(listSql(q, null, true));
    }

    private List<Job> jobs(Sql sql) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = sql.prepare(c)) {
                try (ResultSet rs = ps.executeQuery()) {
                    List<Job> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                    return out;
                }
            }
        });
    }

    /** How many jobs match the query's filters (its sort and page are ignored). */
    public long count(JobQuery q) {
        return number(countSql(q));
    }

    /**
     * The ids of the jobs whose text (see {@link JobQuery#text()}) contains {@code text}, found by a scan of the text
     * index (V4) rather than of whole rows; the query's other filters do not apply. Empty when more than {@code max}
     * jobs match: then paging through the sort index ({@link #list(JobQuery)}) is the faster plan.
     */
    public Optional<List<String>> textMatches(String text, int max) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("textMatches needs a text");
        }
        if (max < 0 || max >= JobQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("max must be between 0 and " + (JobQuery.MAX_LIMIT - 1) + ": " + max);
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        synchronized (textLock) {
            Map<String, String> texts = texts();
            List<String> ids = new ArrayList<>();
            for (Map.Entry<String, String> e : texts.entrySet()) {
                String t = e.getValue();
                if (t != null && t.contains(needle)) {
                    if (ids.size() == max) {
                        return Optional.empty();
                    }
                    ids.add(e.getKey());
                }
            }
            return Optional.of(List.copyOf(ids));
        }
    }

    /**
     * The ids of every job matching the query, text included, in the query's order (its page is ignored). The ids
     * are read along the sort (H2 tests the other filters) and the text is tested against the in-memory text copy:
     * for a deep page of a text filter that many jobs match, where paging with an offset makes H2 test the text of
     * every skipped row (0.2 s for row 30,000 of 100,000 jobs), this costs one read of the ids (~20 ms).
     */
    public List<String> orderedIds(JobQuery q) {
        List<String> ids = strings(orderedIdsSql(q));
        if (q.text() == null) {
            return ids;
        }
        String needle = q.text().toLowerCase(Locale.ROOT);
        synchronized (textLock) {
            Map<String, String> texts = texts();
            List<String> out = new ArrayList<>();
            for (String id : ids) {
                String t = texts.get(id);
                if (t != null && t.contains(needle)) {
                    out.add(id);
                }
            }
            return out;
        }
    }

    /** Most written jobs re-read one by one into the text copy; more are read again by one scan. */
    static final int TEXT_PATCH_MAX = 2_000;
    private final Object textLock = new Object();
    /** Job id → text column, as of {@link #textsVersion}; guarded by {@link #textLock}. */
    private Map<String, String> texts;
    private long textsVersion = -1;
    private long textsGeneration = -1;

    /**
     * The text column of every job. A substring cannot seek an index, and H2 needs 50–200 ms to test 100,000 texts
     * where a loop over a copy in memory needs a few; so the copy is read once (one scan of the narrow V4 index) and
     * then kept current: jobs written since are read again by id ({@link Store#jobWritten}), or the whole copy when
     * many were.
     */
    private Map<String, String> texts() {
        long version = store.jobsVersion();
        if (texts != null && textsVersion == version) {
            return texts;
        }
        long generation = store.generation();
        Set<String> written = store.drainWrittenJobs();
        if (texts == null || written.size() > TEXT_PATCH_MAX || generation != textsGeneration) {
            Sql sql = textIndexSql();
            texts = store.inTransaction(c -> {
                try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
                    Map<String, String> all = new HashMap<>();
                    while (rs.next()) {
                        all.put(rs.getString(1), rs.getString(2));
                    }
                    return all;
                }
            });
        } else if (!written.isEmpty()) {
            Map<String, String> now = store.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id, search_text FROM jobs WHERE id = ANY(?)")) {
                    ps.setObject(1, written.toArray(String[]::new));
                    try (ResultSet rs = ps.executeQuery()) {
                        Map<String, String> found = new HashMap<>();
                        while (rs.next()) {
                            found.put(rs.getString(1), rs.getString(2));
                        }
                        return found;
                    }
                }
            });
            for (String id : written) {
                String t = now.get(id);
                if (t == null && !now.containsKey(id)) {
                    texts.remove(id);
                } else {
                    texts.put(id, t);
                }
            }
        }
        // writes after `version` was read marked their ids again and changed the version: the next call reads them
        textsVersion = version;
        textsGeneration = generation;
        return texts;
    }

    /**
     * One page of the jobs among {@code ids} that match the query's filters other than its text, in the query's order
     * (the text filter is assumed to be applied by {@code ids}, see {@link #textMatches}).
     */
    public List<Job> list(JobQuery q, Collection<String> ids) {
        return jobs(listSql(q, ids));
    }

    /** How many of the jobs among {@code ids} match the query's filters other than its text. */
    public long count(JobQuery q, Collection<String> ids) {
        return number(countSql(q, ids));
    }

    /**
     * The ids of a profile's jobs in the given states, in no particular order: read from the index on (profile, state,
     * scheduler id, id) alone, never from the rows (V7).
     */
    public List<String> ids(String profileId, Set<JobState> states) {
        return strings(profileStateSql("SELECT id", profileId, states, false));
    }

    /** The one number a query answers (a count). */
    private long number(Sql sql) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The first column of every row a query answers, in its order. */
    private List<String> strings(Sql sql) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    /** How many of a profile's jobs in the given states have a scheduler id (index only, V7). */
    public long countWithSchedulerId(String profileId, Set<JobState> states) {
        return number(profileStateSql("SELECT COUNT(*)", profileId, states, true));
    }

    static Sql profileStateSql(String select, String profileId, Set<JobState> states, boolean withSchedulerId) {
        if (states.isEmpty()) {
            throw new IllegalArgumentException("no states");
        }
        List<Object> params = new ArrayList<>();
        params.add(profileId);
        List<JobState> sorted = new ArrayList<>(states);
        sorted.sort(null);
        sorted.forEach(s -> params.add(s.name()));
        return new Sql(select + " FROM jobs USE INDEX (ix_jobs_profile_state) WHERE profile_id = ? AND state IN ("
                + "?, ".repeat(sorted.size() - 1) + "?)" + (withSchedulerId ? " AND slurm_job_id IS NOT NULL" : ""), params);
    }

    /** Number of jobs per state (states without jobs are absent). */
    public Map<JobState, Long> countByState() {
        return store.inTransaction(c -> {
            Map<JobState, Long> out = new EnumMap<>(JobState.class);
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM jobs GROUP BY state");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.merge(state(rs.getString(1)), rs.getLong(2), Long::sum);
                }
            }
            return out;
        });
    }

    /** The job's state history, oldest first. */
    public List<JobStatusChange> history(String jobId) {
        return store.inTransaction(c -> {
            List<JobStatusChange> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT from_state, to_state, changed_at, reason, source "
                    + "FROM job_status_history WHERE job_id = ? ORDER BY id")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String from = rs.getString(1);
                        out.add(new JobStatusChange(jobId, from == null ? null : state(from), state(rs.getString(2)),
                                instant(rs, 3), rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    // ---- progress facts (table job_progress, written by the status sync) ----

    private static final String PROGRESS_COLUMNS = "job_id, first_step, last_step, step, seconds_per_step, ns_per_day, "
            + "timestep_fs, gpus, measured_at";

    /** Stores a job's progress facts, replacing earlier ones. @return false when the job is not stored (any more) */
    public boolean putProgress(JobProgress p) {
        return store.inTransaction(c -> {
            if (!exists(c, p.jobId())) {
                return false;
            }
            store.jobWritten(p.jobId());
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO job_progress (" + PROGRESS_COLUMNS
                    + ") KEY (job_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, p.jobId());
                Rows.setLong(ps, 2, p.firstStep());
                Rows.setLong(ps, 3, p.lastStep());
                Rows.setLong(ps, 4, p.step());
                setDouble(ps, 5, p.secondsPerStep());
                setDouble(ps, 6, p.nsPerDay());
                setDouble(ps, 7, p.timestepFs());
                Rows.setInt(ps, 8, p.gpus());
                Rows.setInstant(ps, 9, p.measuredAt());
                ps.executeUpdate();
            }
            return true;
        });
    }

    /** A job's progress facts, if any were read. */
    public Optional<JobProgress> progress(String jobId) {
        Map<String, JobProgress> m = progress(List.of(jobId));
        return Optional.ofNullable(m.get(jobId));
    }

    /** The progress facts of the given jobs that have any (one query; for a page of the Jobs view). */
    public Map<String, JobProgress> progress(Collection<String> jobIds) {
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        return store.inTransaction(c -> {
            Map<String, JobProgress> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + PROGRESS_COLUMNS
                    + " FROM job_progress WHERE job_id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("VARCHAR", jobIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        JobProgress p = readProgress(rs);
                        out.put(p.jobId(), p);
                    }
                }
            }
            return out;
        });
    }

    /**
     * The most recent measured speed among the jobs of a profile rendered from a template (any state; the newest
     * measurement wins), with the job it was measured on — the estimate for a new job of the same kind.
     */
    public Optional<Map.Entry<Job, JobProgress>> latestMeasured(String profileId, String templateId) {
        if (profileId == null || templateId == null) {
            return Optional.empty();
        }
        Optional<String> id = store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT j.id FROM jobs j JOIN job_progress p ON p.job_id = j.id "
                    + "WHERE j.profile_id = ? AND j.template_id = ? AND p.seconds_per_step > 0 "
                    + "ORDER BY p.measured_at DESC, j.id LIMIT 1")) {
                ps.setString(1, profileId);
                ps.setString(2, templateId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<Job> job = find(id.get());
        Optional<JobProgress> p = progress(id.get());
        return job.isPresent() && p.isPresent() ? Optional.of(Map.entry(job.get(), p.get())) : Optional.empty();
    }

    private static JobProgress readProgress(ResultSet rs) throws SQLException {
        return new JobProgress(rs.getString(1), Rows.getLong(rs, 2), Rows.getLong(rs, 3), Rows.getLong(rs, 4),
                getDouble(rs, 5), getDouble(rs, 6), getDouble(rs, 7), Rows.getInt(rs, 8), Rows.getInstant(rs, 9));
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null || v.isNaN() || v.isInfinite()) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static Double getDouble(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    // ---- SQL building (package-visible for the EXPLAIN tests) ----

    /** A statement with its parameters. */
    record Sql(String text, List<Object> params) {
        PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement ps = c.prepareStatement(text);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            return ps;
        }
    }

    static Sql listSql(JobQuery q) {
        return listSql(q, null);
    }

    static Sql listSql(JobQuery q, Collection<String> ids) {
        return listSql(q, ids, false);
    }

    static Sql listSql(JobQuery q, Collection<String> ids, boolean bySortIndex) {
        List<Object> params = new ArrayList<>();
        String where = where(q, ids, params);
        params.add(q.offset());
        params.add(q.limit());
        String hint = bySortIndex ? " USE INDEX (" + q.sort().index + ")" : "";
        return new Sql("SELECT " + COLUMNS + " FROM jobs" + hint + where + " ORDER BY " + order(q)
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", params);
    }

    /** The ids of every job matching the query's filters except its text, in its order (no page). */
    static Sql orderedIdsSql(JobQuery q) {
        List<Object> params = new ArrayList<>();
        String where = where(q.withText(null), null, params);
        return new Sql("SELECT id FROM jobs" + where + " ORDER BY " + order(q), params);
    }

    private static String order(JobQuery q) {
        String dir = q.ascending() ? " ASC" : " DESC";
        StringBuilder order = new StringBuilder();
        for (String col : q.sort().columns.split(", ")) {
            order.append(col).append(dir).append(", ");
        }
        return order.append("id").append(dir).toString();
    }

    static Sql countSql(JobQuery q) {
        return countSql(q, null);
    }

    static Sql countSql(JobQuery q, Collection<String> ids) {
        List<Object> params = new ArrayList<>();
        String where = where(q, ids, params);
        return new Sql("SELECT COUNT(*) FROM jobs" + where, params);
    }

    static Sql textIndexSql() {
        // the hint makes H2 read the narrow text index instead of the rows (it would pick the primary key otherwise)
        return new Sql("SELECT id, search_text FROM jobs USE INDEX (ix_jobs_search)", List.of());
    }

    private static String where(JobQuery q, Collection<String> ids, List<Object> params) {
        List<String> conds = new ArrayList<>();
        if (ids != null) {
            conds.add("id = ANY(?)");
            params.add(ids.toArray(String[]::new));
        } else if (q.text() != null) {
            conds.add("search_text LIKE ? ESCAPE '\\'");
            params.add("%" + escapeLike(q.text().toLowerCase(Locale.ROOT)) + "%");
        }
        if (!q.states().isEmpty()) {
            List<JobState> sorted = new ArrayList<>(q.states());
            sorted.sort(null);
            conds.add("state IN (" + "?, ".repeat(sorted.size() - 1) + "?)");
            for (JobState s : sorted) {
                params.add(s.name());
            }
        }
        if (q.createdFrom() != null) {
            conds.add("created_at >= ?");
            params.add(Rows.ts(q.createdFrom()));
        }
        if (q.createdTo() != null) {
            conds.add("created_at < ?");
            params.add(Rows.ts(q.createdTo()));
        }
        if (q.profileId() != null) {
            conds.add("profile_id = ?");
            params.add(q.profileId());
        }
        if (q.groupId() != null) {
            conds.add("group_id = ?");
            params.add(q.groupId());
        }
        if (q.parentJobId() != null) {
            conds.add("parent_job_id = ?");
            params.add(q.parentJobId());
        }
        return conds.isEmpty() ? "" : " WHERE " + String.join(" AND ", conds);
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    // ---- rows ----

    private static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM jobs WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Reads and row-locks the job's state, so concurrent transitions record a consistent from → to chain. */
    private static JobState lockState(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM jobs WHERE id = ? FOR UPDATE")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("No job with id " + id + " is stored");
                }
                return state(rs.getString(1));
            }
        }
    }

    private static void recordChange(Connection c, String jobId, JobStatusChange h) throws SQLException {
        if (!h.jobId().equals(jobId)) {
            throw new IllegalArgumentException("History entry of job " + h.jobId() + " given for job " + jobId);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_status_history "
                + "(job_id, from_state, to_state, changed_at, reason, source) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, jobId);
            ps.setString(2, h.from() == null ? null : h.from().name());
            ps.setString(3, h.to().name());
            ps.setObject(4, Rows.ts(h.at()));
            ps.setString(5, h.reason());
            ps.setString(6, h.source());
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Job j) throws SQLException {
        int i = 1;
        ps.setString(i++, j.id());
        ps.setString(i++, j.name());
        ps.setString(i++, j.profileId());
        ps.setString(i++, j.templateId());
        ps.setString(i++, j.state().name());
        ps.setString(i++, j.slurmJobId());
        ps.setString(i++, j.partition());
        ps.setString(i++, j.qos());
        ps.setInt(i++, j.cores());
        ps.setInt(i++, j.nodes());
        Rows.setLong(ps, i++, j.memoryMb());
        Rows.setInt(ps, i++, j.wallTimeMinutes());
        ps.setString(i++, j.remoteProjectDir());
        ps.setString(i++, j.remoteScratchDir());
        Rows.setInstant(ps, i++, j.createdAt());
        Rows.setInstant(ps, i++, j.submittedAt());
        Rows.setInstant(ps, i++, j.startedAt());
        Rows.setInstant(ps, i++, j.endedAt());
        Rows.setInt(ps, i++, j.exitCode());
        ps.setString(i++, j.node());
        ps.setString(i++, j.reason());
        ps.setString(i++, j.parentJobId());
        ps.setString(i++, j.groupId());
        ps.setInt(i++, j.priority());
        if (j.templateValues().isEmpty()) {
            ps.setNull(i++, Types.CLOB);
        } else {
            ps.setString(i++, GSON.toJson(j.templateValues()));
        }
        ps.setString(i++, j.submitIntentToken());
        Rows.setInt(ps, i++, j.templateRevision());
        assert i == COLUMN_COUNT + 1;
    }

    static Job read(ResultSet rs) throws SQLException {
        int i = 1;
        return new Job(rs.getString(i++), rs.getString(i++), rs.getString(i++), rs.getString(i++), state(rs.getString(i++)),
                rs.getString(i++), rs.getString(i++), rs.getString(i++), rs.getInt(i++), rs.getInt(i++),
                Rows.getLong(rs, i++), Rows.getInt(rs, i++), rs.getString(i++), rs.getString(i++), instant(rs, i++),
                instant(rs, i++), instant(rs, i++), instant(rs, i++), Rows.getInt(rs, i++), rs.getString(i++),
                rs.getString(i++), rs.getString(i++), rs.getString(i++), rs.getInt(i++), values(rs.getString(i++)),
                rs.getString(i++), Rows.getInt(rs, i++));
    }

    private static Map<String, String> values(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null) {
            return out;
        }
        for (Map.Entry<String, JsonElement> e : JsonParser.parseString(json).getAsJsonObject().entrySet()) {
            out.put(e.getKey(), e.getValue().isJsonNull() ? null : e.getValue().getAsString());
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        return Rows.getInstant(rs, col);
    }

    static JobState state(String name) {
        try {
            return JobState.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            return JobState.UNKNOWN;
        }
    }
}

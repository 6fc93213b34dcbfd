package org.namdrunner.ui.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.JobRepository;

/**
 * The rows of the Jobs view, read page by page from the store as the virtual table asks for them. Keeps the
 * most recently used pages only, so 100,000 jobs never sit in memory at once.
 * <p>
 * A text filter is a substring match that no index can seek. When it is selective (at most {@value #FEW_MATCHES}
 * jobs contain the text) the ids of the matching jobs are found once by a scan of the store's narrow text index,
 * and the count and every page are then read among those ids by primary key; a text that many jobs contain is
 * paged through the sort index as any other filter (its first pages fill quickly); from row {@value #DEEP_ROWS} on,
 * its pages are read among the ordered ids of all matches ({@link JobRepository#orderedIds}, read once per query),
 * because an offset that deep makes H2 test the text of every skipped row.
 * <p>
 * Other filters: when the matches are at least {@value #WALK_SHARE_PERCENT} % of all jobs, pages are read by walking
 * the sort index and testing the filters ({@link JobRepository#listBySortIndex}), which finds a page among the first
 * rows; fewer matches are read through the filter's own index and sorted (few rows to sort).
 */
public final class JobPages {

    public static final int PAGE_SIZE = 200;
    /** Most text matches read as ids. */
    public static final int FEW_MATCHES = 5_000;
    private static final int MAX_PAGES = 40;
    /** Rows from which pages of a text filter that many jobs match are read among {@link JobRepository#orderedIds}. */
    public static final int DEEP_ROWS = 2_000;
    /** Share of all jobs from which a filter's pages are read by walking the sort index. */
    public static final int WALK_SHARE_PERCENT = 2;


    private final JobRepository jobs;
    private JobQuery query;
    private long count;
    /** All jobs, whatever the filters, at the last reset. */
    private long total;
    /** Ids of the jobs containing the filter text when there are few, else null. */
    private List<String> textMatches;
    /** All matching ids in order, read for the first deep page of a common text filter; null until then. */
    private List<String> orderedIds;
    /** Read pages by walking the sort index (see the class comment). */
    private boolean walkSortIndex;
    private final Map<Integer, List<Job>> pages = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<Job>> eldest) {
            return size() > MAX_PAGES;
        }
    };

    /** Text matches read as ids at most (tests lower it to reach the other plans with few jobs). */
    private final int fewMatches;

    public JobPages(JobRepository jobs, JobQuery query) {
        this(jobs, query, FEW_MATCHES);
    }

    public JobPages(JobRepository jobs, JobQuery query, int fewMatches) {
        this.fewMatches = fewMatches;
        this.jobs = jobs;
        this.query = query;
    }

    /** Sets the query (filters and sort) and counts its rows; cached pages are dropped. */
    public long reset(JobQuery q) {
        query = q.page(0, PAGE_SIZE);
        pages.clear();
        orderedIds = null;
        textMatches = query.text() == null ? null
                : jobs.textMatches(query.text(), fewMatches).orElse(null);
        if (textMatches == null) {
            count = jobs.count(query);
        } else if (onlyText(query)) {
            count = textMatches.size();
        } else {
            count = jobs.count(query, textMatches);
        }
        total = jobs.count(JobQuery.all());
        walkSortIndex = textMatches == null && count * 100 >= WALK_SHARE_PERCENT * total;
        return count;
    }

    private static boolean onlyText(JobQuery q) {
        return q.states().isEmpty() && q.createdFrom() == null && q.createdTo() == null && q.profileId() == null
                && q.groupId() == null && q.parentJobId() == null;
    }

    /** Whether the current pages are read by walking the sort index. */
    boolean walksSortIndex() {
        return walkSortIndex;
    }

    /** Whether the current pages are read among the ids of a selective text filter's matches. */
    boolean readsAmongTextMatches() {
        return textMatches != null;
    }

    public JobQuery query() {
        return query;
    }

    /** Number of all jobs (no filter) at the last {@link #reset}. */
    public long total() {
        return total;
    }

    public long count() {
        return count;
    }

    /** The job at a row, or null past the end (the table changed under us). */
    public Job get(int index) {
        if (index >= count) {
            return null;   // a row the table is still removing (VirtualRows shrinks in steps)
        }
        int page = index / PAGE_SIZE;
        List<Job> rows = pages.get(page);
        if (rows == null) {
            JobQuery q = query.page(page * PAGE_SIZE, PAGE_SIZE);
            if (textMatches == null && query.text() != null && page * PAGE_SIZE >= DEEP_ROWS) {
                // an offset this deep makes H2 test the text of every skipped row: page among the ordered matches
                if (orderedIds == null) {
                    orderedIds = jobs.orderedIds(query);
                }
                int from = Math.min(page * PAGE_SIZE, orderedIds.size());
                List<String> ids = orderedIds.subList(from, Math.min(from + PAGE_SIZE, orderedIds.size()));
                rows = ids.isEmpty() ? List.of() : jobs.list(query.page(0, PAGE_SIZE), ids);
            } else {
                rows = textMatches != null ? jobs.list(q, textMatches) : walkSortIndex ? jobs.listBySortIndex(q) : jobs.list(q);
            }
            pages.put(page, rows);
        }
        int i = index % PAGE_SIZE;
        return i < rows.size() ? rows.get(i) : null;
    }
}

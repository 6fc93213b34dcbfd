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
 */
public final class JobPages {

    public static final int PAGE_SIZE = 200;
    private static final int MAX_PAGES = 40;

    private final JobRepository jobs;
    private JobQuery query;
    private long count;
    private final Map<Integer, List<Job>> pages = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<Job>> eldest) {
            return size() > MAX_PAGES;
        }
    };

    public JobPages(JobRepository jobs, JobQuery query) {
        this.jobs = jobs;
        this.query = query;
    }

    /** Sets the query (filters and sort) and counts its rows; cached pages are dropped. */
    public long reset(JobQuery q) {
        query = q.page(0, PAGE_SIZE);
        pages.clear();
        count = jobs.count(query);
        return count;
    }

    public JobQuery query() {
        return query;
    }

    public long count() {
        return count;
    }

    /** The job at a row, or null past the end (the table changed under us). */
    public Job get(int index) {
        int page = index / PAGE_SIZE;
        List<Job> rows = pages.get(page);
        if (rows == null) {
            rows = jobs.list(query.page(page * PAGE_SIZE, PAGE_SIZE));
            pages.put(page, rows);
        }
        int i = index % PAGE_SIZE;
        return i < rows.size() ? rows.get(i) : null;
    }
}

-- NAMDRunner store, schema version 4: an index over the Jobs view's free-text column.
-- NEVER edit a migration once it is merged: add a new V<n+1>__<what>.sql instead.
-- The text filter is a substring match (LIKE '%text%'), which no B-tree can seek. This index still makes it
-- cheap: H2 scans the narrow index (search_text + id) instead of the whole rows, for counts and for finding the
-- ids of the matching jobs (JobRepository.textMatches).

CREATE INDEX ix_jobs_search ON jobs (search_text);

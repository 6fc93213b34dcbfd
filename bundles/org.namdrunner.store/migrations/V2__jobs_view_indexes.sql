-- NAMDRunner store, schema version 2: what the Jobs view needs to page through 100,000 jobs quickly.
-- NEVER edit a migration once it is merged: add a new V<n+1>__<what>.sql instead.
-- name_key: case-insensitive sort key; search_text: one lower-case column for the free-text filter.

ALTER TABLE jobs ADD COLUMN name_key VARCHAR(1000) GENERATED ALWAYS AS (LOWER(name));
ALTER TABLE jobs ADD COLUMN search_text VARCHAR(40000) GENERATED ALWAYS AS
    (LOWER(CONCAT_WS(' ', name, id, slurm_job_id, profile_id, template_id, partition_name, qos, node_list, reason, group_id)));

CREATE INDEX ix_jobs_created ON jobs (created_at, id);
CREATE INDEX ix_jobs_submitted ON jobs (submitted_at, id);
CREATE INDEX ix_jobs_name ON jobs (name_key, id);
CREATE INDEX ix_jobs_state_created ON jobs (state, created_at, id);
CREATE INDEX ix_jobs_profile_created ON jobs (profile_id, created_at, id);
CREATE INDEX ix_jobs_group ON jobs (group_id, created_at, id);
CREATE INDEX ix_jobs_parent ON jobs (parent_job_id);

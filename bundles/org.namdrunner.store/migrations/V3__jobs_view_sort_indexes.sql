-- NAMDRunner store, schema version 3: an index for every sortable column of the Jobs view.
-- NEVER edit a migration once it is merged: add a new V<n+1>__<what>.sql instead.
-- run_seconds: run time of jobs that ended (started..ended); NULL while running or never started.

ALTER TABLE jobs ADD COLUMN run_seconds BIGINT GENERATED ALWAYS AS (DATEDIFF(SECOND, started_at, ended_at));

CREATE INDEX ix_jobs_partition ON jobs (partition_name, created_at, id);
CREATE INDEX ix_jobs_cores ON jobs (cores, created_at, id);
CREATE INDEX ix_jobs_wall_time ON jobs (wall_time_minutes, created_at, id);
CREATE INDEX ix_jobs_slurm_sort ON jobs (slurm_job_id, created_at, id);
CREATE INDEX ix_jobs_run_seconds ON jobs (run_seconds, created_at, id);

-- NAMDRunner store, schema version 7: an index that answers the engine's questions about one profile's jobs by state
-- without reading the rows.
-- NEVER edit a migration once it is merged: add a new V<n+1>__<what>.sql instead.
-- The submission queue (the ids of a profile's not-yet-submitted jobs) and the cap (how many of its jobs are on the
-- cluster) are asked on every reload of the Jobs view and every round of the engine. Through the per-state or
-- per-profile indexes H2 read every matching row (~2 KB each with its text copy): with 100,000 jobs, 400 MB of
-- garbage per reload. With every column of those queries in this index, H2 reads the index alone.

CREATE INDEX ix_jobs_profile_state ON jobs (profile_id, state, slurm_job_id, id);

-- NAMDRunner store, schema version 5: progress facts of a job, read from its NAMD log by the status sync.
-- NEVER edit a migration once it is merged: add a new V<n+1>__<what>.sql instead.
-- One row per job that has been seen running (or whose speed was measured), deleted with the job.
-- first_step/last_step: the steps the job's config runs (firsttimestep .. firsttimestep + run/minimize counts, or
-- numsteps), null when the config does not say it in plain numbers. step: the last step the log reached.
-- seconds_per_step: measured wall seconds per step; ns_per_day from it and the time step. gpus: GPUs per node the
-- job asked for (0: none), so GPU-hours can be counted for jobs already in the store.

CREATE TABLE job_progress (
    job_id            VARCHAR(36) NOT NULL PRIMARY KEY,
    first_step        BIGINT,
    last_step         BIGINT,
    step              BIGINT,
    seconds_per_step  DOUBLE PRECISION,
    ns_per_day        DOUBLE PRECISION,
    timestep_fs       DOUBLE PRECISION,
    gpus              INTEGER,
    measured_at       TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    CONSTRAINT fk_progress_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE
);

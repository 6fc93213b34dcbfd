package org.namdrunner.store;

/** Sort keys of the job list; each is backed by an index (ties are broken by job id). */
public enum JobSort {
    CREATED("created_at", "ix_jobs_created"),
    SUBMITTED("submitted_at", "ix_jobs_submitted"),
    /** Case-insensitive by name. */
    NAME("name_key", "ix_jobs_name"),
    /** By state name, newest first within a state when descending. */
    STATE("state, created_at", "ix_jobs_state_created"),
    /** By cluster profile id, then creation time. */
    PROFILE("profile_id, created_at", "ix_jobs_profile_created"),
    /** By partition name, then creation time. */
    PARTITION("partition_name, created_at", "ix_jobs_partition"),
    /** By cores per node, then creation time. */
    CORES("cores, created_at", "ix_jobs_cores"),
    /** By wall-time limit, then creation time. */
    WALL_TIME("wall_time_minutes, created_at", "ix_jobs_wall_time"),
    /** By Slurm job id (as text), then creation time. */
    SLURM_ID("slurm_job_id, created_at", "ix_jobs_slurm_sort"),
    /** By run time of ended jobs (ended − started); jobs still running or never started have none (SQL NULL). */
    ELAPSED("run_seconds, created_at", "ix_jobs_run_seconds");

    final String columns;
    /** The index whose order is this sort's (its columns, then id). */
    final String index;

    JobSort(String columns, String index) {
        this.columns = columns;
        this.index = index;
    }
}

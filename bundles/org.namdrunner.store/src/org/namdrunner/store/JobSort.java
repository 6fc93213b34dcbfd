package org.namdrunner.store;

/** Sort keys of the job list; each is backed by an index (ties are broken by job id). */
public enum JobSort {
    CREATED("created_at"),
    SUBMITTED("submitted_at"),
    /** Case-insensitive by name. */
    NAME("name_key"),
    /** By state name, newest first within a state when descending. */
    STATE("state, created_at"),
    /** By cluster profile id, then creation time. */
    PROFILE("profile_id, created_at"),
    /** By partition name, then creation time. */
    PARTITION("partition_name, created_at"),
    /** By cores per node, then creation time. */
    CORES("cores, created_at"),
    /** By wall-time limit, then creation time. */
    WALL_TIME("wall_time_minutes, created_at"),
    /** By Slurm job id (as text), then creation time. */
    SLURM_ID("slurm_job_id, created_at"),
    /** By run time of ended jobs (ended − started); jobs still running or never started have none (SQL NULL). */
    ELAPSED("run_seconds, created_at");

    final String columns;

    JobSort(String columns) {
        this.columns = columns;
    }
}

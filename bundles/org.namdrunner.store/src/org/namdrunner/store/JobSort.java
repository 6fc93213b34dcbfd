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
    PROFILE("profile_id, created_at");

    final String columns;

    JobSort(String columns) {
        this.columns = columns;
    }
}

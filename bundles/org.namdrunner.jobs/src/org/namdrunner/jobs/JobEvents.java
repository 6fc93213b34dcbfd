package org.namdrunner.jobs;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The job-change event source of the jobs layer: every operation fires after it changed stored jobs, and the views
 * (Jobs view, job editors) listen. Listeners are called in the thread of the operation.
 */
public final class JobEvents {

    /** A listener of job changes. */
    @FunctionalInterface
    public interface Listener {
        /** @param jobIds the jobs that changed; empty when any may have changed */
        void jobsChanged(Set<String> jobIds);
    }

    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private final BiConsumer<String, RuntimeException> onFailure;

    /** @param onFailure told about a listener that threw (logged by the workbench); the others still run */
    public JobEvents(BiConsumer<String, RuntimeException> onFailure) {
        this.onFailure = onFailure == null ? (m, e) -> { } : onFailure;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** Tells every listener that these jobs changed (empty: any). */
    public void fire(Collection<String> jobIds) {
        Set<String> ids = jobIds == null ? Set.of() : Set.copyOf(jobIds);
        for (Listener l : listeners) {
            try {
                l.jobsChanged(ids);
            } catch (RuntimeException e) {
                onFailure.accept("A job-change listener failed", e);
            }
        }
    }

    /** Tells every listener that any job may have changed. */
    public void fireAll() {
        fire(Set.of());
    }
}

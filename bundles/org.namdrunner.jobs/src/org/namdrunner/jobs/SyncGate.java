package org.namdrunner.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.eclipse.core.runtime.OperationCanceledException;
import org.namdrunner.workflow.WorkflowException;
import org.namdrunner.workflow.Workflows;

/**
 * Cluster etiquette of one profile, for every screen and the command line of a process together: sync requests that
 * arrive while a round is in flight share its answer; a request right after a round (within {@link #REUSE}) gets that
 * round's answer; an explicit user sync may query before the profile's minimum interval has passed, but only once
 * per interval (the session's status cache answers the others).
 */
final class SyncGate {

    /** A round finished this recently is the answer (one engine round per second per profile at most). */
    static final Duration REUSE = Duration.ofSeconds(1);

    /** One round of the engine: {@code force} lets the status query skip the session's cache. */
    @FunctionalInterface
    interface Round {
        Workflows.TickResult run(boolean force) throws WorkflowException;
    }

    private final Clock clock;
    private CompletableFuture<Workflows.TickResult> inFlight;
    private Workflows.TickResult last;
    private Instant lastDone;
    private Instant lastEarly;

    SyncGate(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs a round or shares one.
     *
     * @param explicit     the user asked (F5, Sync button, a command): may go early once per interval
     * @param minInterval  the profile's minimum interval between status queries
     */
    Workflows.TickResult sync(boolean explicit, Duration minInterval, Round round) throws WorkflowException {
        CompletableFuture<Workflows.TickResult> mine;
        boolean force;
        synchronized (this) {
            Instant now = clock.instant();
            force = explicit && (lastEarly == null || Duration.between(lastEarly, now).compareTo(minInterval) >= 0);
            if (inFlight != null) {
                mine = null;
            } else if (!force && last != null && lastDone != null && Duration.between(lastDone, now).compareTo(REUSE) < 0) {
                return last;
            } else {
                inFlight = new CompletableFuture<>();
                mine = inFlight;
                if (force) {
                    lastEarly = now;
                }
            }
        }
        if (mine == null) {
            return await();
        }
        try {
            Workflows.TickResult r = round.run(force);
            synchronized (this) {
                last = r;
                lastDone = clock.instant();
                inFlight = null;
            }
            mine.complete(r);
            return r;
        } catch (WorkflowException | RuntimeException e) {
            synchronized (this) {
                inFlight = null;
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private Workflows.TickResult await() throws WorkflowException {
        CompletableFuture<Workflows.TickResult> f;
        synchronized (this) {
            f = inFlight;
        }
        if (f == null) {
            synchronized (this) {
                if (last != null) {
                    return last;
                }
            }
            throw new WorkflowException("The sync it waited for did not finish");
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCanceledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WorkflowException w) {
                throw w;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new WorkflowException(String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }
}

package org.namdrunner.core;

import java.util.Locale;

/**
 * The life-cycle state of a NAMDRunner job. Local states ({@link #CREATED} .. {@link #SUBMITTING}) exist before
 * the scheduler knows the job; the others mirror the scheduler's state, mapped by {@link #fromSlurm(String)}.
 */
public enum JobState {
    /** Local record exists, nothing on the cluster yet. */
    CREATED(false),
    /** Inputs are being uploaded / the job directory prepared. */
    STAGING(false),
    /** Submission intent recorded, waiting for the scheduler's id. */
    SUBMITTING(false),
    /** Waiting on another job that failed: will never run unless the dependency is retried. */
    BLOCKED(false),
    PENDING(false),
    RUNNING(false),
    SUSPENDED(false),
    COMPLETING(false),
    /** Requeued by the scheduler (e.g. after preemption or a node failure with requeue). */
    REQUEUED(false),
    COMPLETED(true),
    FAILED(true),
    CANCELLED(true),
    TIMEOUT(true),
    NODE_FAIL(true),
    PREEMPTED(true),
    OUT_OF_MEMORY(true),
    BOOT_FAIL(true),
    DEADLINE(true),
    /** The scheduler reported a state this version does not know; kept visible instead of guessed. */
    UNKNOWN(false);

    private final boolean terminal;

    JobState(boolean terminal) {
        this.terminal = terminal;
    }

    /** True when the job will not change state any more without user action. */
    public boolean isTerminal() {
        return terminal;
    }

    /** True for terminal states that did not end successfully. */
    public boolean isFailure() {
        return terminal && this != COMPLETED;
    }

    /** True while the scheduler holds the job (queued or running). */
    public boolean isActive() {
        return switch (this) {
            case SUBMITTING, PENDING, RUNNING, SUSPENDED, COMPLETING, REQUEUED -> true;
            default -> false;
        };
    }

    /**
     * Maps a Slurm state as printed by {@code squeue %T} or {@code sacct State} to a job state. sacct appends
     * detail ("CANCELLED by 1000"), squeue uses long names, and short codes (CD, CA, TO, ...) appear in some
     * outputs: all are understood. Unknown text maps to {@link #UNKNOWN}, never to a guess.
     */
    public static JobState fromSlurm(String slurmState) {
        if (slurmState == null) {
            return UNKNOWN;
        }
        String s = slurmState.trim().toUpperCase(Locale.ROOT);
        int space = s.indexOf(' ');
        if (space > 0) {
            s = s.substring(0, space);
        }
        if (s.endsWith("+")) {
            s = s.substring(0, s.length() - 1);
        }
        return switch (s) {
            case "PENDING", "PD", "REQUEUE_HOLD", "RQ_HOLD", "RESV_DEL_HOLD", "SPECIAL_EXIT", "SE" -> PENDING;
            case "CONFIGURING", "CF", "RESIZING", "RS", "SIGNALING", "SI", "STAGE_OUT", "SO", "RUNNING", "R" -> RUNNING;
            case "SUSPENDED", "S", "STOPPED", "ST" -> SUSPENDED;
            case "COMPLETING", "CG" -> COMPLETING;
            case "REQUEUED", "RQ", "REQUEUE_FED", "RF" -> REQUEUED;
            case "COMPLETED", "CD" -> COMPLETED;
            case "FAILED", "F" -> FAILED;
            case "CANCELLED", "CA", "REVOKED", "RV" -> CANCELLED;
            case "TIMEOUT", "TO" -> TIMEOUT;
            case "NODE_FAIL", "NF" -> NODE_FAIL;
            case "PREEMPTED", "PR" -> PREEMPTED;
            case "OUT_OF_MEMORY", "OOM" -> OUT_OF_MEMORY;
            case "BOOT_FAIL", "BF" -> BOOT_FAIL;
            case "DEADLINE", "DL" -> DEADLINE;
            default -> UNKNOWN;
        };
    }

    /** A label for users: "Out of memory" rather than OUT_OF_MEMORY. */
    public String label() {
        String lower = name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}

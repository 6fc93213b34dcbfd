package org.namdrunner.automation.steps;

import java.time.Instant;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.StepException;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;

/** Ids of the built-in lifecycle steps and helpers shared by them. */
public final class Steps {
    public static final String CREATE = "org.namdrunner.automation.create";
    public static final String UPLOAD = "org.namdrunner.automation.upload";
    public static final String RENDER = "org.namdrunner.automation.render";
    public static final String SCRIPT = "org.namdrunner.automation.script";
    public static final String SUBMIT = "org.namdrunner.automation.submit";
    public static final String TRACK = "org.namdrunner.automation.track";
    public static final String FINALIZE = "org.namdrunner.automation.finalize";
    public static final String DOWNLOAD = "org.namdrunner.automation.download";
    public static final String CLEANUP = "org.namdrunner.automation.cleanup";

    /** Context attribute: the {@link JobScriptSpec} built by the script step. */
    public static final String ATTR_SPEC = "scriptSpec";
    /** Context attribute: the scheduler dependency ({@code afterok:1:2}) the script step puts into the job script. */
    public static final String ATTR_DEPENDENCY = "schedulerDependency";
    /** Context attribute: what the upload step did ({@code SharedInputs.Outcome}). */
    public static final String ATTR_INPUTS = "inputUpload";
    /** Context attribute: the parsed NAMD log ({@code NamdLog}). */
    public static final String ATTR_NAMD_LOG = "namdLog";

    private Steps() {
    }

    static void checkCancel(String step, IProgressMonitor monitor) throws StepException {
        if (monitor != null && monitor.isCanceled()) {
            throw StepException.cancelled(step);
        }
    }

    static String dir(Job job, String sub) {
        return RemotePaths.join(job.remoteProjectDir(), sub);
    }

    /** The job with a scheduler status applied (state, reason, node, exit code, start/end times). */
    public static Job apply(Job job, JobStatus s) {
        Job.Builder b = job.toBuilder().state(s.state()).reason(s.reason());
        if (s.nodes() != null) {
            b.node(s.nodes());
        }
        if (s.exitCode() != null) {
            b.exitCode(s.exitCode());
        }
        Instant now = Instant.now();
        if ((s.state() == JobState.RUNNING || s.state().isTerminal()) && job.startedAt() == null && s.state() != JobState.CANCELLED) {
            b.startedAt(startedAt(job, s, now));
        }
        if (s.state().isTerminal() && job.endedAt() == null) {
            b.endedAt(now);
        }
        return b.build();
    }

    /**
     * When a job first seen running started: the scheduler's elapsed time back from now (so the queue wait is exact,
     * not rounded up to the sync interval), never before its submission; now when the scheduler gives no elapsed time.
     * A job first seen ended may have ended before now, so its start is only bounded the same way.
     */
    public static Instant startedAt(Job job, JobStatus s, Instant now) {
        Instant start = s.elapsedDuration().map(now::minus).orElse(now);
        if (job.submittedAt() != null && start.isBefore(job.submittedAt())) {
            start = job.submittedAt();
        }
        return start.isAfter(now) ? now : start;
    }

    /** True when applying {@code s} changes anything visible. */
    public static boolean changes(Job job, JobStatus s) {
        return job.state() != s.state() || !java.util.Objects.equals(job.reason(), s.reason())
                || s.exitCode() != null && !s.exitCode().equals(job.exitCode())
                || s.nodes() != null && !s.nodes().equals(job.node());
    }
}

package org.namdrunner.automation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.JobDocuments.LogKind;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;

/**
 * Why a job failed, in the words of its logs: the first meaningful error line of NAMD's log ({@code FATAL ERROR},
 * {@code ERROR:}, a Charm++ abort), else of the job's standard error (the launcher: a command or library not found,
 * a module error, the scheduler's step errors, a crash), else of its standard output. The status a failed job is
 * recorded with carries that line and where it is, so the job editor's header and Overview, the Jobs view's tooltip
 * and automation runs show it instead of a scheduler code such as "NonZeroExitCode".
 */
public final class FailureExplanation {

    /** Bytes read from the end of each log: errors are near the end, and a long run's log is large. */
    static final int TAIL_BYTES = 64 * 1024;

    /** A meaningful error line: the log it is in and its text. */
    public record Finding(LogKind log, String line) {
        /** "NAMD log: FATAL ERROR: …" */
        public String describe() {
            return log.label() + ": " + line;
        }
    }

    /** NAMD's own fatal messages (NAMD_die prints "FATAL ERROR: …"; some checks print "ERROR: …"). */
    private static final List<Pattern> NAMD = List.of(
            Pattern.compile("^\\s*FATAL ERROR:.*"),
            Pattern.compile("^\\s*(Charm\\+\\+ fatal error|Reason): .*", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*ERROR: .*"));
    /** What launchers, shells, module systems and schedulers print when a job cannot run. */
    private static final List<Pattern> LAUNCHER = List.of(
            Pattern.compile(".*\\bno NAMD executable\\b.*", Pattern.CASE_INSENSITIVE),
            Pattern.compile(".*: (command )?not found\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile(".*error while loading shared libraries.*"),
            Pattern.compile(".*(Lmod has detected the following error|The following module\\(s\\) are unknown).*"),
            Pattern.compile(".*\\b(slurmstepd|srun|mpirun|charmrun|sbatch)(\\[\\d+\\])?: error: .*", Pattern.CASE_INSENSITIVE),
            Pattern.compile(".*\\b(oom-kill|out of memory|Out Of Memory)\\b.*"),
            Pattern.compile(".*\\b(Segmentation fault|Bus error|Killed|Aborted)\\b.*"),
            Pattern.compile(".*\\bNo such file or directory\\b.*"),
            Pattern.compile(".*\\bPermission denied\\b.*"),
            Pattern.compile("^\\s*(FATAL|fatal|Error|ERROR)[: ].*"));

    private FailureExplanation() {
    }

    /** The first meaningful error line of the logs (texts by kind; missing kinds are skipped). */
    public static Optional<Finding> find(Map<LogKind, String> logs) {
        Optional<Finding> f = first(LogKind.NAMD, logs.get(LogKind.NAMD), NAMD);
        if (f.isEmpty()) {
            f = first(LogKind.STDERR, logs.get(LogKind.STDERR), join(NAMD, LAUNCHER));
        }
        if (f.isEmpty()) {
            f = first(LogKind.STDOUT, logs.get(LogKind.STDOUT), join(NAMD, LAUNCHER));
        }
        return f;
    }

    private static List<Pattern> join(List<Pattern> a, List<Pattern> b) {
        List<Pattern> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Optional<Finding> first(LogKind kind, String text, List<Pattern> patterns) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String[] lines = text.split("\r?\n");
        for (Pattern p : patterns) {
            for (String line : lines) {
                if (p.matcher(line).matches()) {
                    String l = line.strip();
                    return Optional.of(new Finding(kind, l.length() > 300 ? l.substring(0, 300) + "…" : l));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The status to record for {@code job}: when {@code status} ends the job in failure, its reason becomes the first
     * meaningful error line of the job's logs (read from the cluster, the last {@value #TAIL_BYTES} bytes of each), with
     * the exit code when the scheduler gave one; otherwise (not a failure, no logs, nothing recognisable, logs not
     * readable) {@code status} unchanged.
     */
    public static JobStatus explain(ClusterSession session, Job job, JobStatus status, IProgressMonitor monitor) {
        if (status == null || status.state() == null || !status.state().isFailure() || status.state() == JobState.CANCELLED
                || job.remoteProjectDir() == null || job.remoteProjectDir().isBlank()) {
            return status;
        }
        Job withId = job.slurmJobId() == null && status.schedulerId() != null ? job.toBuilder().slurmJobId(status.schedulerId()).build() : job;
        Map<LogKind, String> logs = new EnumMap<>(LogKind.class);
        for (LogKind k : LogKind.values()) {
            Optional<String> path = JobDocuments.logPath(withId, k);
            if (path.isEmpty()) {
                continue;
            }
            try {
                byte[] b = session.files().read(path.get(), monitor);
                int from = Math.max(0, b.length - TAIL_BYTES);
                logs.put(k, new String(b, from, b.length - from, StandardCharsets.UTF_8));
            } catch (ClusterException | RuntimeException e) {
                // a log that does not exist (yet) or cannot be read explains nothing
            }
        }
        Optional<Finding> f = find(logs);
        if (f.isEmpty()) {
            return status;
        }
        String reason = f.get().describe() + (status.exitCode() != null && status.exitCode() != 0 ? " (exit code " + status.exitCode() + ")" : "");
        return new JobStatus(status.schedulerId(), status.state(), status.rawState(), reason, status.elapsed(),
                status.exitCode(), status.nodes(), status.source());
    }
}

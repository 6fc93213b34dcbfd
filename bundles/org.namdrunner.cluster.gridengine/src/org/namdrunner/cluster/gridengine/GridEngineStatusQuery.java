package org.namdrunner.cluster.gridengine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.StatusReport;
import org.namdrunner.core.JobState;

/**
 * The batched status query: ONE remote command for any number of jobs, {@code qstat} and {@code qacct} together.
 *
 * <p>The tracked ids travel on standard input, never on the command line. One {@code qstat -u <user>} lists the
 * user's queued and running jobs; for jobs in an error state ({@code Eqw}) {@code qstat -j} adds the error reason;
 * one awk pass picks the tracked ids qstat does not list (finished, deleted) and only those are asked from
 * {@code qacct -j <id>} (qacct takes one id per call), still inside the same command, together with the job's
 * "blocked" marker (a dependency did not succeed: see {@link GridEngineScriptGenerator}) and its "cancelled" marker
 * (written by {@link GridEngineSession#cancel}: a job deleted while pending gets no accounting record). Output sections are
 * marked with {@code #} lines. {@code $1} is the session's marker directory.
 */
public final class GridEngineStatusQuery {
    static final String SCRIPT = String.join("\n",
            "exec 3<&0",
            "q=$(qstat -u \"${USER:-$(id -un)}\" 2>&1); qrc=$?",
            "echo \"#qstat $qrc\"",
            "printf '%s\\n' \"$q\"",
            "if [ \"$qrc\" -ne 0 ]; then echo '#end'; exit 0; fi",
            "printf '%s\\n' \"$q\" | awk 'NR > 2 && $5 ~ /E/ {print $1}' | while IFS= read -r id; do",
            "  echo \"#error $id\"; qstat -j \"$id\" 2>&1 | grep -i '^error reason' | head -n 3",
            "done",
            "printf '%s\\n' \"$q\" | LC_ALL=C awk 'NR > 2 { a[$1] = 1 } END { while ((getline id < \"/dev/fd/3\") > 0) if (id != \"\" && !(id in a)) print id }' |",
            "while IFS= read -r id; do",
            "  echo \"#qacct $id\"; qacct -j \"$id\" 2>&1; echo \"#rc $?\"",
            "  if [ -f \"$1/$id.blocked\" ]; then echo \"#blocked $id\"; head -c 500 -- \"$1/$id.blocked\"; echo; fi",
            "  if [ -f \"$1/$id.cancelled\" ]; then echo \"#cancelled $id\"; fi",
            "done",
            "echo '#end'");

    private static final Pattern ID = Pattern.compile("[0-9]+");
    private static final Pattern LEADING_INT = Pattern.compile("^\\s*(-?[0-9]+)");

    private GridEngineStatusQuery() {
    }

    /** The constant script (argument {@code $1}: the marker directory; ids on stdin). */
    public static String script() {
        return SCRIPT;
    }

    /** The ids as standard input, one per line; anything but a Grid Engine job number is refused. */
    public static byte[] stdin(Collection<String> ids) throws ClusterException {
        StringBuilder sb = new StringBuilder(ids.size() * 8);
        for (String id : ids) {
            if (id == null || !ID.matcher(id).matches()) {
                throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Not a Grid Engine job id: '" + id + "'");
            }
            sb.append(id).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses the command's output into a report for {@code requested}. */
    public static StatusReport parse(String output, Collection<String> requested, Instant queriedAt) throws ClusterException {
        if (!output.contains("#qstat") || !output.contains("#end")) {
            throw new ClusterException(ClusterException.Kind.PROTOCOL, "Unexpected answer from the status query: " + abbreviate(output));
        }
        Set<String> wanted = new LinkedHashSet<>(requested);
        Map<String, JobStatus> result = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        Map<String, Map<String, String>> acct = new LinkedHashMap<>();
        Map<String, String> blocked = new HashMap<>();
        Set<String> cancelled = new java.util.HashSet<>();
        String section = "";
        String current = null;
        StringBuilder qstatText = new StringBuilder();
        int qstatRc = 0;
        for (String line : output.split("\n")) {
            if (line.startsWith("#qstat ")) {
                section = "qstat";
                qstatRc = intOr(line.substring(7), 1);
                continue;
            } else if (line.startsWith("#error ")) {
                section = "error";
                current = line.substring(7).strip();
                continue;
            } else if (line.startsWith("#qacct ")) {
                section = "qacct";
                current = line.substring(7).strip();
                continue;
            } else if (line.startsWith("#rc ")) {
                section = "";
                continue;
            } else if (line.startsWith("#cancelled ")) {
                section = "";
                cancelled.add(line.substring(11).strip());
                continue;
            } else if (line.startsWith("#blocked ")) {
                section = "blocked";
                current = line.substring(9).strip();
                continue;
            } else if (line.equals("#end")) {
                break;
            }
            switch (section) {
                case "qstat" -> {
                    qstatText.append(line).append('\n');
                    String[] f = line.strip().split("\\s+");
                    if (f.length >= 8 && wanted.contains(f[0])) {
                        String queue = f.length >= 9 && f[7].contains("@") ? f[7] : null;
                        result.put(f[0], fromQstat(f[0], f[4], queue));
                    }
                }
                case "error" -> {
                    if (!line.isBlank()) {
                        errors.merge(current, line.replaceFirst("(?i)^error reason\\s*[0-9]*:\\s*", "").strip(), (a, b) -> a + "; " + b);
                    }
                }
                case "qacct" -> {
                    if (line.startsWith("====")) {
                        acct.put(current, new HashMap<>()); // a later record (rescheduled job) replaces an earlier one
                    } else if (acct.containsKey(current)) {
                        int sp = line.indexOf(' ');
                        if (sp > 0) {
                            acct.get(current).put(line.substring(0, sp), line.substring(sp).strip());
                        }
                    }
                }
                case "blocked" -> {
                    if (!line.isBlank()) {
                        blocked.merge(current, line.strip(), (a, b) -> a + " " + b);
                    }
                }
                default -> {
                }
            }
        }
        if (qstatRc != 0) {
            throw GridEngineErrors.forQuery(qstatText.toString());
        }
        for (Map.Entry<String, String> e : errors.entrySet()) {
            JobStatus s = result.get(e.getKey());
            if (s != null && s.state() == JobState.FAILED) {
                result.put(e.getKey(), new JobStatus(s.schedulerId(), s.state(), s.rawState(),
                        "Grid Engine error state: " + e.getValue() + " (the job stays in the queue until it is cancelled)",
                        null, null, s.nodes(), "qstat"));
            }
        }
        for (Map.Entry<String, Map<String, String>> e : acct.entrySet()) {
            if (wanted.contains(e.getKey()) && !result.containsKey(e.getKey())) {
                result.put(e.getKey(), fromQacct(e.getKey(), e.getValue(), blocked.get(e.getKey())));
            }
        }
        for (String id : cancelled) {
            // deleted while pending: Grid Engine keeps no accounting record, the session's cancel left a marker
            if (wanted.contains(id) && !result.containsKey(id)) {
                result.put(id, new JobStatus(id, JobState.CANCELLED, "deleted", "cancelled before it started", null, null, null, "qdel"));
            }
        }
        Map<String, JobStatus> statuses = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String id : wanted) {
            JobStatus s = result.get(id);
            if (s == null) {
                missing.add(id);
            } else {
                statuses.put(id, s);
            }
        }
        return new StatusReport(statuses, missing, queriedAt, false);
    }

    /** A job listed by {@code qstat}: its state letters mapped (E error, d deleting, s/S/T suspended, r/t running, h held, qw). */
    static JobStatus fromQstat(String id, String state, String queue) {
        JobState st;
        String reason = null;
        if (state.contains("E")) {
            st = JobState.FAILED;
            reason = "Grid Engine error state " + state + " (the job stays in the queue until it is cancelled)";
        } else if (state.contains("d")) {
            st = JobState.COMPLETING;
            reason = "being deleted";
        } else if (state.contains("R") && state.contains("q")) {
            st = JobState.REQUEUED;
        } else if (state.contains("s") || state.contains("S") || state.contains("T")) {
            st = JobState.SUSPENDED;
        } else if (state.contains("r") || state.contains("t") || state.contains("R")) {
            st = JobState.RUNNING;
        } else if (state.contains("h")) {
            st = JobState.PENDING;
            reason = "held until its dependencies have ended";
        } else if (state.contains("q") || state.contains("w")) {
            st = JobState.PENDING;
        } else {
            st = JobState.UNKNOWN;
        }
        String host = queue == null ? null : queue.substring(queue.indexOf('@') + 1);
        return new JobStatus(id, st, state, reason, null, null, host, "qstat");
    }

    /** A finished job's {@code qacct} record ({@code failed}, {@code exit_status}, ...), or the blocked marker's reason. */
    static JobStatus fromQacct(String id, Map<String, String> rec, String blockedReason) {
        String failed = rec.getOrDefault("failed", "0");
        int failedCode = intOr(failed, -1);
        Integer exit = leadingInt(rec.get("exit_status"));
        String elapsed = wallclock(rec.get("ru_wallclock"));
        String host = rec.get("hostname");
        JobState st;
        String reason = null;
        String raw;
        if (blockedReason != null) {
            st = JobState.CANCELLED;
            raw = "BLOCKED";
            reason = blockedReason.startsWith("DependencyNeverSatisfied") ? blockedReason : "DependencyNeverSatisfied: " + blockedReason;
        } else if (failedCode == 0) {
            st = exit != null && exit == 0 ? JobState.COMPLETED : JobState.FAILED;
            raw = st == JobState.COMPLETED ? "done" : "exit " + exit;
            reason = st == JobState.COMPLETED ? null : "exit code " + exit;
        } else if (failedCode == 37 || failed.contains("h_rt")) {
            st = JobState.TIMEOUT;
            raw = "failed " + failedCode;
            reason = "wall-time limit (h_rt) reached";
        } else if (failedCode == 100) {
            st = JobState.CANCELLED;
            raw = "failed 100";
            reason = "deleted (qdel) while running";
        } else if (failedCode == 25) {
            st = JobState.REQUEUED;
            raw = "failed 25";
            reason = "rescheduled";
        } else {
            st = JobState.FAILED;
            raw = "failed " + failedCode;
            reason = "Grid Engine: " + failed.replaceFirst("^[0-9]+\\s*:\\s*", "");
        }
        return new JobStatus(id, st, raw, reason, elapsed, exit, host == null || host.isBlank() ? null : host, "qacct");
    }

    private static String wallclock(String v) {
        Integer secs = leadingInt(v);
        if (secs == null) {
            return null;
        }
        return String.format(Locale.ROOT, "%02d:%02d:%02d", secs / 3600, (secs / 60) % 60, secs % 60);
    }

    private static Integer leadingInt(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = LEADING_INT.matcher(s);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static int intOr(String s, int dflt) {
        Integer i = leadingInt(s);
        return i == null ? dflt : i;
    }

    static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 400 ? t.substring(0, 400) + "..." : t;
    }
}

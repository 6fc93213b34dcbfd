package org.namdrunner.cluster.slurm;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.StatusReport;
import org.namdrunner.core.JobState;

/**
 * The batched status query: ONE remote command for any number of jobs, squeue and sacct together.
 *
 * <p>Nothing about the jobs travels on the command line (so 10,000 or 100,000 ids never meet ARG_MAX): the tracked
 * ids go to standard input. The command asks squeue for the user's active jobs (one call, whatever their number);
 * one awk pass picks the tracked ids squeue does not show as active (finished, cancelled before they started,
 * older than squeue's memory) and only those are asked from sacct by id, in chunks through {@code xargs}, still
 * inside the same command. Few forks: the common sync (all tracked jobs queued or running) costs about one
 * bare squeue. Output sections are marked with {@code #} lines.
 */
public final class SlurmStatusQuery {
    /** Fields printed by squeue. */
    public static final String SQUEUE_FORMAT = "%i|%T|%r|%M|%N|%k";
    /** Fields printed by sacct. */
    public static final String SACCT_FORMAT = "JobID,State,Reason,ExitCode,Elapsed,NodeList,Comment";

    private static final Pattern ID = Pattern.compile("[0-9]+(_[0-9]+|_\\[[0-9,\\-]+\\])?(\\+[0-9]+)?");

    /**
     * The constant shell script; the ids come on stdin (moved to fd 3). squeue's output is piped into ONE awk
     * process (C locale: fast start) that echoes it, reads the ids, and pipes the ids squeue does not show as
     * active into {@code xargs sacct} (chunks of 4,000 ids: one argument of at most ~50 KB, far below the 128 KB
     * per-argument limit). Three processes besides squeue/sacct; no temporary files.
     */
    static final String SCRIPT = String.join("\n",
            "exec 3<&0",
            "{ squeue -h -u \"${USER:-$(id -un)}\" -o '" + SQUEUE_FORMAT + "'; echo \"#rc|$?\"; } | LC_ALL=C awk -F'|' '",
            "$1 == \"#rc\" { rc = $2; next }",
            "$1 != \"\" { n++; line[n] = $0; s[$1] = 1; if ($2 !~ /^(PENDING|RUNNING|SUSPENDED|CONFIGURING|REQUEUED|RESIZING|SIGNALING|STAGE_OUT)$/) t[$1] = 1 }",
            "END {",
            "  print \"#squeue \" rc",
            "  for (i = 1; i <= n; i++) print line[i]",
            "  m = 0",
            "  while ((getline id < \"/dev/fd/3\") > 0) if (id != \"\" && (!(id in s) || (id in t))) need[++m] = id",
            "  print \"#sacct 0 0\"",
            "  if (m > 0) {",
            "    fflush()",
            "    cmd = \"xargs -n 4000 sh -c \\047IFS=,; sacct -X -n -P -j \\\"$*\\\" -o " + SACCT_FORMAT + "\\047 sh\"",
            "    for (i = 1; i <= m; i++) print need[i] | cmd",
            "    print \"#sbrc \" close(cmd)",
            "  }",
            "  print \"#errors\"; print \"#end\"",
            "}'");

    private SlurmStatusQuery() {
    }

    /** The constant script of the query (no arguments; ids on stdin). */
    public static String script() {
        return SCRIPT;
    }

    /** The ids as standard input of the command, one per line; ids that are not Slurm ids are refused. */
    public static byte[] stdin(Collection<String> ids) throws ClusterException {
        StringBuilder sb = new StringBuilder(ids.size() * 8);
        for (String id : ids) {
            if (!ID.matcher(id).matches()) {
                throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Not a Slurm job id: '" + id + "'");
            }
            sb.append(id).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses the command's output into a report for {@code requested}. */
    public static StatusReport parse(String output, Collection<String> requested, Instant queriedAt) throws ClusterException {
        if (!output.contains("#squeue") || !output.contains("#end")) {
            throw new ClusterException(ClusterException.Kind.PROTOCOL,
                    "Unexpected answer from the status query: " + abbreviate(output));
        }
        Set<String> wanted = new LinkedHashSet<>(requested);
        Map<String, JobStatus> fromSqueue = new HashMap<>();
        Map<String, JobStatus> fromSacct = new HashMap<>();
        String section = "";
        int squeueRc = 0;
        int sacctRc = 0;
        StringBuilder errors = new StringBuilder();
        for (String line : output.split("\n")) {
            if (line.startsWith("#squeue")) {
                section = "squeue";
                squeueRc = rc(line, 1);
                continue;
            } else if (line.startsWith("#sacct")) {
                section = "sacct";
                sacctRc = Math.max(rc(line, 1), rc(line, 2));
                continue;
            } else if (line.startsWith("#sbrc")) {
                sacctRc = Math.max(sacctRc, rc(line, 1));
                continue;
            } else if (line.equals("#errors")) {
                section = "errors";
                continue;
            } else if (line.equals("#end")) {
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            switch (section) {
                case "squeue" -> {
                    String[] f = line.split("\\|", -1);
                    if (f.length >= 5 && wanted.contains(f[0].strip())) {
                        String id = f[0].strip();
                        fromSqueue.put(id, new JobStatus(id, JobState.fromSlurm(f[1]), f[1].strip(), blankToNull(f[2]),
                                blankToNull(f[3]), null, nodes(f[4]), "squeue"));
                    }
                }
                case "sacct" -> {
                    String[] f = line.split("\\|", -1);
                    if (f.length >= 6 && wanted.contains(f[0].strip())) {
                        String id = f[0].strip();
                        fromSacct.put(id, new JobStatus(id, JobState.fromSlurm(f[1]), f[1].strip(), blankToNull(f[2]),
                                blankToNull(f[4]), exitCode(f[3]), nodes(f[5]), "sacct"));
                    }
                }
                case "errors" -> errors.append(line).append('\n');
                default -> {
                }
            }
        }
        if (squeueRc != 0 && sacctRc != 0) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED,
                    "Neither squeue nor sacct answered: " + abbreviate(errors.toString()));
        }
        Map<String, JobStatus> merged = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String id : wanted) {
            JobStatus q = fromSqueue.get(id);
            JobStatus a = fromSacct.get(id);
            JobStatus s;
            if (a != null && (q == null || a.state().isTerminal())) {
                s = q == null ? a : new JobStatus(id, a.state(), a.rawState(), a.reason() != null ? a.reason() : q.reason(),
                        a.elapsed(), a.exitCode(), a.nodes() != null ? a.nodes() : q.nodes(), "sacct");
            } else if (q != null) {
                s = a == null ? q : new JobStatus(id, q.state(), q.rawState(), q.reason(), q.elapsed(), a.exitCode(), q.nodes(), "squeue");
            } else {
                s = null;
            }
            if (s == null) {
                missing.add(id);
            } else {
                merged.put(id, s);
            }
        }
        return new StatusReport(merged, missing, queriedAt, false);
    }

    private static int rc(String header, int index) {
        String[] p = header.split(" ");
        if (p.length <= index) {
            return 0;
        }
        try {
            return Integer.parseInt(p[index].strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String blankToNull(String s) {
        String t = s == null ? null : s.strip();
        return t == null || t.isEmpty() || t.equals("None") || t.equals("(null)") || t.equals("n/a") ? null : t;
    }

    private static String nodes(String s) {
        String t = blankToNull(s);
        return t == null || t.equals("None assigned") ? null : t;
    }

    /** sacct's {@code exit:signal}: the exit code, or 128+signal when killed by a signal. */
    static Integer exitCode(String s) {
        String t = blankToNull(s);
        if (t == null) {
            return null;
        }
        String[] p = t.split(":");
        try {
            int code = Integer.parseInt(p[0]);
            int sig = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            return code == 0 && sig != 0 ? 128 + sig : code;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 400 ? t.substring(0, 400) + "..." : t;
    }
}

package org.namdrunner.cluster.gridengine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterException.Kind;
import org.namdrunner.cluster.Resources;

/** Maps {@code qsub}/{@code qstat}/{@code qdel} failure messages (Grid Engine 8.1) to sentences a user can act on. */
public final class GridEngineErrors {
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private GridEngineErrors() {
    }

    /** The exception for a failed {@code qsub -w e}, given its output, exit code, the request and the profile's PE. */
    public static ClusterException forSubmit(String output, int exitCode, Resources requested, String pe) {
        String raw = output == null ? "" : output.strip();
        String detail = firstLine(raw);
        String t = raw.toLowerCase(Locale.ROOT);
        String queue = requested == null || requested.partition() == null ? "(any)" : "'" + requested.partition() + "'";
        ClusterException common = common(t, detail, "qsub");
        if (common != null) {
            return common;
        }
        if (t.contains("unknown queue")) {
            return new ClusterException(Kind.INVALID_PARTITION, "The cluster has no queue " + quoted(raw, queue)
                    + ". Choose another queue or run discovery to refresh the profile. [qsub: " + detail + "]");
        }
        if (t.contains("parallel environment") && t.contains("does not exist")) {
            return new ClusterException(Kind.CONFIGURATION, "The cluster has no parallel environment " + quoted(raw, "'" + pe + "'")
                    + ". Set the profile's parallel environment (property parallelEnvironment; discovery lists them). [qsub: "
                    + detail + "]");
        }
        if (t.contains("unknown resource")) {
            return new ClusterException(Kind.CONFIGURATION, "The cluster does not know the resource " + quoted(raw, "requested")
                    + ". Check the profile's memory resource (property memoryResource). [qsub: " + detail + "]");
        }
        if (t.contains("is not a time value")) {
            return new ClusterException(Kind.INVALID_REQUEST, "The wall time is not in a form Grid Engine accepts. [qsub: " + detail + "]");
        }
        if (t.contains("no suitable queues") || t.contains("cannot run in")) {
            return new ClusterException(Kind.LIMIT_EXCEEDED, "No queue " + (queue.equals("(any)") ? "" : queue + " ")
                    + "can run this job as requested"
                    + (requested == null ? "" : " (" + requested.cores() + " cores in parallel environment '" + pe + "'"
                            + (requested.wallTimeMinutes() == null ? "" : ", wall time " + Resources.humanMinutes(requested.wallTimeMinutes()))
                            + ")")
                    + ": request fewer cores or less time, or choose another queue. [qsub: " + detail + "]");
        }
        if (t.contains("unable to read script file")) {
            return new ClusterException(Kind.COMMAND_FAILED, "The job script could not be read on the cluster. [qsub: " + detail + "]");
        }
        if (t.contains("lower than minimum user id")) {
            return new ClusterException(Kind.CONFIGURATION, "Grid Engine does not accept jobs from this user (user id below the "
                    + "cluster's min_uid); log in as an ordinary user. [qsub: " + detail + "]");
        }
        return new ClusterException(Kind.SUBMIT_REJECTED, "qsub rejected the job (exit code " + exitCode + ")"
                + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** The exception for a failed {@code qstat} of the status query. */
    public static ClusterException forQuery(String output) {
        String raw = output == null ? "" : output.strip();
        String detail = firstLine(raw);
        ClusterException common = common(raw.toLowerCase(Locale.ROOT), detail, "qstat");
        return common != null ? common
                : new ClusterException(Kind.COMMAND_FAILED, "Status query failed: " + (detail.isEmpty() ? "qstat failed" : detail));
    }

    /** The exception for a failed {@code qdel}; null when every job was deleted or had already ended. */
    public static ClusterException forCancel(String output) {
        String raw = output == null ? "" : output.strip();
        String t = raw.toLowerCase(Locale.ROOT);
        ClusterException common = common(t, firstLine(raw), "qdel");
        if (common != null) {
            return common;
        }
        StringBuilder problems = new StringBuilder();
        for (String l : raw.split("\n")) {
            String s = l.strip().toLowerCase(Locale.ROOT);
            if (s.contains("does not exist") || s.isEmpty() || s.contains("has deleted") || s.contains("registered the job")
                    || s.contains("for deletion")) {
                continue; // an unknown id has simply ended already
            }
            if (s.contains("necessary privileges")) {
                return new ClusterException(Kind.COMMAND_FAILED, "Grid Engine refused to delete a job of another user. [qdel: " + l.strip() + "]");
            }
            problems.append(l.strip()).append("; ");
        }
        return problems.isEmpty() ? null : new ClusterException(Kind.COMMAND_FAILED, "qdel failed: " + problems.substring(0, problems.length() - 2));
    }

    private static ClusterException common(String t, String detail, String tool) {
        if (t.contains("commlib error") || t.contains("unable to send message to qmaster") || t.contains("unable to contact qmaster")
                || t.contains("cannot connect to qmaster")) {
            return new ClusterException(Kind.CONNECTION, "The Grid Engine qmaster does not answer; try again later. [" + tool + ": "
                    + detail + "]");
        }
        if (t.contains("command not found") || t.contains("sge_root") && t.contains("not set")) {
            return new ClusterException(Kind.CONFIGURATION, tool + " is not available on the login node (is this a Grid Engine "
                    + "cluster, and does the login shell set up its environment?). [" + detail + "]");
        }
        return null;
    }

    private static String quoted(String raw, String fallback) {
        Matcher m = QUOTED.matcher(raw);
        return m.find() ? "'" + m.group(1) + "'" : fallback;
    }

    private static String firstLine(String raw) {
        for (String l : raw.split("\n")) {
            String s = l.strip();
            if (!s.isEmpty() && !s.equals("Exiting.")) {
                s = s.replaceFirst("^Unable to run job: ", "");
                return s.length() > 300 ? s.substring(0, 300) + "..." : s;
            }
        }
        return "";
    }
}

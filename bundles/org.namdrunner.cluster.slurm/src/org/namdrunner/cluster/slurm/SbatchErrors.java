package org.namdrunner.cluster.slurm;

import java.util.Locale;

import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterException.Kind;
import org.namdrunner.cluster.Resources;

/** Maps sbatch's failure messages to errors a user can act on. */
public final class SbatchErrors {
    private SbatchErrors() {
    }

    /**
     * The exception for a failed sbatch, given its stderr (and stdout), exit code and the resources that were
     * requested (used to name what to change).
     */
    public static ClusterException map(String stderr, int exitCode, Resources requested) {
        String raw = stderr == null ? "" : stderr.strip();
        String detail = firstSlurmLine(raw);
        String t = raw.toLowerCase(Locale.ROOT);
        String partition = requested == null || requested.partition() == null ? "(default)" : "'" + requested.partition() + "'";
        if (t.contains("invalid partition")) {
            return new ClusterException(Kind.INVALID_PARTITION, "The cluster has no partition " + partition
                    + " (or you may not use it). Choose another partition or run discovery to refresh the profile. [sbatch: "
                    + detail + "]");
        }
        if (t.contains("qosmaxwall") || t.contains("maxwalldurationperjob")) {
            // the QoS's wall-time limit (AccountingStorageEnforce=limits with a DenyOnLimit QoS)
            return new ClusterException(Kind.TIME_LIMIT, "The wall time "
                    + (requested == null || requested.wallTimeMinutes() == null ? "(default)"
                            : Resources.humanMinutes(requested.wallTimeMinutes()))
                    + " exceeds the limit of the QoS " + (requested == null || requested.qos() == null ? "(default)"
                            : "'" + requested.qos() + "'")
                    + ". Request less time or use another QoS. [sbatch: " + detail + "]");
        }
        if (t.contains("invalid qos") || t.contains("qos") && (t.contains("not permitted") || t.contains("policy"))) {
            return new ClusterException(Kind.INVALID_QOS, "The QoS " + (requested == null || requested.qos() == null ? "(default)"
                    : "'" + requested.qos() + "'") + " is unknown or not allowed for you on partition " + partition
                    + ". [sbatch: " + detail + "]");
        }
        if (t.contains("time limit") || t.contains("timelimit")) {
            return new ClusterException(Kind.TIME_LIMIT, "The wall time "
                    + (requested == null || requested.wallTimeMinutes() == null ? "(default)"
                            : Resources.humanMinutes(requested.wallTimeMinutes()))
                    + " exceeds what partition " + partition + " allows. Request less time or use another partition. [sbatch: "
                    + detail + "]");
        }
        if (t.contains("invalid account") || t.contains("account") && (t.contains("not valid") || t.contains("invalid"))) {
            return new ClusterException(Kind.INVALID_ACCOUNT, "The account "
                    + (requested == null || requested.account() == null ? "(default)" : "'" + requested.account() + "'")
                    + " is unknown or may not use partition " + partition + ". Check the profile's account. [sbatch: "
                    + detail + "]");
        }
        if (t.contains("memory") || t.contains("mem-per") || t.contains("--mem")) {
            return new ClusterException(Kind.MEMORY, "The memory request "
                    + (requested == null || requested.slurmMemory() == null ? "(default)" : requested.slurmMemory())
                    + " cannot be satisfied on partition " + partition + ". Request less memory per node. [sbatch: "
                    + detail + "]");
        }
        if (t.contains("invalid generic resource")) {
            return new ClusterException(Kind.RESOURCES, "The cluster does not know the GPU resource requested"
                    + (requested == null || requested.gpus() == 0 ? "" : " (gpu" + (requested.gpuType() == null ? "" : ":" + requested.gpuType())
                            + ":" + requested.gpus() + ")")
                    + ". Discover the profile again to read its partitions' GPUs. [sbatch: " + detail + "]");
        }
        if (t.contains("node configuration is not available") || t.contains("node count") || t.contains("more processors")
                || t.contains("cpu count") || t.contains("tasks") && t.contains("invalid")) {
            boolean gpus = requested != null && requested.gpus() > 0;
            return new ClusterException(Kind.RESOURCES, "Partition " + partition + " cannot provide "
                    + (requested == null ? "the requested resources" : requested.cores() + " cores on " + requested.nodes()
                            + (requested.nodes() == 1 ? " node" : " nodes"))
                    + (gpus ? " with " + requested.gpus() + (requested.gpuType() == null ? "" : " " + requested.gpuType())
                            + (requested.gpus() == 1 ? " GPU" : " GPUs") + " per node" : "")
                    + (gpus ? ". Request fewer cores, nodes or GPUs, or Discover the profile again if its GPUs are out of date. [sbatch: "
                            : ". Request fewer cores or nodes. [sbatch: ")
                    + detail + "]");
        }
        if (t.contains("unable to contact slurm controller") || t.contains("slurm_persist_conn") || t.contains("connection refused")) {
            return new ClusterException(Kind.CONNECTION, "The Slurm controller does not answer; try again later. [sbatch: "
                    + detail + "]");
        }
        if (t.contains("command not found")) {
            return new ClusterException(Kind.CONFIGURATION, "sbatch is not available on the login node (is this a Slurm cluster?). ["
                    + detail + "]");
        }
        return new ClusterException(Kind.SUBMIT_REJECTED, "sbatch rejected the job (exit code " + exitCode + ")"
                + (detail.isEmpty() ? "" : ": " + detail));
    }

    private static String firstSlurmLine(String raw) {
        String best = null;
        for (String l : raw.split("\n")) {
            String s = l.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (best == null) {
                best = s;
            }
            if (s.contains("Batch job submission failed")) {
                best = s;
                break;
            }
        }
        if (best == null) {
            return "";
        }
        best = best.replaceFirst("^sbatch: error: ", "");
        return best.length() > 300 ? best.substring(0, 300) + "..." : best;
    }
}

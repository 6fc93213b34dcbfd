package org.namdrunner.cluster;

import java.util.List;
import java.util.Objects;

/**
 * A partition of a cluster profile with its defaults and limits. Null limits mean "no limit known".
 *
 * @param name               Slurm partition name
 * @param isDefault          whether jobs without a partition go here
 * @param defaultCores       cores used when the job does not say
 * @param maxCores           most cores (tasks) one job may request in total
 * @param coresPerNode       cores of one node (used to compute {@code --nodes})
 * @param maxNodes           most nodes one job may use
 * @param defaultMemoryMb    memory per job when the job does not say (null: Slurm's DefMemPerCPU applies)
 * @param maxMemoryMb        most memory per node a job may request
 * @param defaultWallMinutes wall time when the job does not say
 * @param maxWallMinutes     the partition's MaxTime in minutes (null: unlimited)
 * @param qos                QoS names allowed on this partition (empty: any of the profile's)
 * @param gpusPerNode        GPUs of one node (the scheduler's {@code gpu} resource, e.g. Slurm's GRES); 0: none
 * @param gpuTypes           GPU types the nodes declare (e.g. {@code a100}); empty: untyped or not known
 */
public record PartitionSpec(String name, boolean isDefault, Integer defaultCores, Integer maxCores,
        Integer coresPerNode, Integer maxNodes, Long defaultMemoryMb, Long maxMemoryMb, Integer defaultWallMinutes,
        Integer maxWallMinutes, List<String> qos, int gpusPerNode, List<String> gpuTypes) {

    /** A partition without GPUs. */
    public PartitionSpec(String name, boolean isDefault, Integer defaultCores, Integer maxCores, Integer coresPerNode,
            Integer maxNodes, Long defaultMemoryMb, Long maxMemoryMb, Integer defaultWallMinutes, Integer maxWallMinutes,
            List<String> qos) {
        this(name, isDefault, defaultCores, maxCores, coresPerNode, maxNodes, defaultMemoryMb, maxMemoryMb,
                defaultWallMinutes, maxWallMinutes, qos, 0, List.of());
    }

    public PartitionSpec {
        Objects.requireNonNull(name, "partition name");
        if (!Names.isSafeToken(name)) {
            throw new IllegalArgumentException("Not a valid partition name: '" + name
                    + "' (letters, digits, '_', '-', '.', '+' only)");
        }
        qos = qos == null ? List.of() : List.copyOf(qos);
        for (String q : qos) {
            if (!Names.isSafeToken(q)) {
                throw new IllegalArgumentException("Not a valid QoS name on partition " + name + ": '" + q + "'");
            }
        }
        if (gpusPerNode < 0) {
            throw new IllegalArgumentException("GPUs per node of partition " + name + " must not be negative: " + gpusPerNode);
        }
        gpuTypes = gpuTypes == null ? List.of() : List.copyOf(gpuTypes);
        for (String t : gpuTypes) {
            if (!Names.isSafeToken(t)) {
                throw new IllegalArgumentException("Not a valid GPU type on partition " + name + ": '" + t + "'");
            }
        }
    }

    /** Whether the partition's nodes have GPUs. */
    public boolean hasGpus() {
        return gpusPerNode > 0;
    }

    /** This partition with {@code count} GPUs per node of the given types. */
    public PartitionSpec withGpus(int count, List<String> types) {
        return new PartitionSpec(name, isDefault, defaultCores, maxCores, coresPerNode, maxNodes, defaultMemoryMb,
                maxMemoryMb, defaultWallMinutes, maxWallMinutes, qos, count, types);
    }

    /** A partition with only a name (no known limits). */
    public static PartitionSpec named(String name) {
        return new PartitionSpec(name, false, null, null, null, null, null, null, null, null, List.of());
    }

    public PartitionSpec withDefault(boolean value) {
        return new PartitionSpec(name, value, defaultCores, maxCores, coresPerNode, maxNodes, defaultMemoryMb,
                maxMemoryMb, defaultWallMinutes, maxWallMinutes, qos, gpusPerNode, gpuTypes);
    }
}

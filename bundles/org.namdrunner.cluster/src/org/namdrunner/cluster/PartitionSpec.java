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
 */
public record PartitionSpec(String name, boolean isDefault, Integer defaultCores, Integer maxCores,
        Integer coresPerNode, Integer maxNodes, Long defaultMemoryMb, Long maxMemoryMb, Integer defaultWallMinutes,
        Integer maxWallMinutes, List<String> qos) {

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
    }

    /** A partition with only a name (no known limits). */
    public static PartitionSpec named(String name) {
        return new PartitionSpec(name, false, null, null, null, null, null, null, null, null, List.of());
    }

    public PartitionSpec withDefault(boolean value) {
        return new PartitionSpec(name, value, defaultCores, maxCores, coresPerNode, maxNodes, defaultMemoryMb,
                maxMemoryMb, defaultWallMinutes, maxWallMinutes, qos);
    }
}

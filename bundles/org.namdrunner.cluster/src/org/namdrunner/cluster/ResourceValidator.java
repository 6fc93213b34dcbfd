package org.namdrunner.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a job's resource request against the profile's partition limits before anything is submitted and
 * applies defaults. Every message names the limit it hit, e.g. "64 cores requested, but partition 'debug'
 * allows at most 16 cores per job (max cores)".
 */
public final class ResourceValidator {

    private ResourceValidator() {
    }

    /** Applies defaults and validates; throws {@link ClusterException.Kind#LIMIT_EXCEEDED} listing every problem. */
    public static Resources resolve(ProfileConfig profile, ResourceRequest request) throws ClusterException {
        List<String> problems = new ArrayList<>();
        Resources r = resolve(profile, request, problems);
        if (!problems.isEmpty()) {
            boolean invalid = problems.stream().allMatch(p -> p.startsWith("!"));
            List<String> clean = problems.stream().map(p -> p.startsWith("!") ? p.substring(1) : p).toList();
            throw new ClusterException(invalid ? ClusterException.Kind.INVALID_REQUEST : ClusterException.Kind.LIMIT_EXCEEDED,
                    String.join("\n", clean));
        }
        return r;
    }

    /** The problems of a request (empty when it fits); for forms that show all messages at once. */
    public static List<String> check(ProfileConfig profile, ResourceRequest request) {
        List<String> problems = new ArrayList<>();
        resolve(profile, request, problems);
        return problems.stream().map(p -> p.startsWith("!") ? p.substring(1) : p).toList();
    }

    private static Resources resolve(ProfileConfig profile, ResourceRequest req, List<String> problems) {
        PartitionSpec part = null;
        String partitionName = req.partition();
        if (partitionName == null || partitionName.isBlank()) {
            part = profile.defaultPartition().orElse(null);
            partitionName = part == null ? null : part.name();
        } else {
            if (!Names.isSafeToken(partitionName)) {
                problems.add("!Not a valid partition name: '" + Names.printable(partitionName) + "'");
            }
            part = profile.partition(partitionName).orElse(null);
            if (part == null && !profile.partitions().isEmpty()) {
                problems.add("!Partition '" + Names.printable(partitionName) + "' is not one of this profile's partitions ("
                        + String.join(", ", profile.partitions().stream().map(PartitionSpec::name).toList()) + ")");
            }
        }
        int cores = req.cores() != null ? req.cores()
                : part != null && part.defaultCores() != null ? part.defaultCores() : 1;
        if (cores < 1) {
            problems.add("!At least 1 core is needed, not " + cores);
            cores = 1;
        }
        Integer cpn = part == null ? null : part.coresPerNode();
        int nodes;
        if (req.nodes() != null) {
            nodes = req.nodes();
            if (nodes < 1) {
                problems.add("!At least 1 node is needed, not " + nodes);
                nodes = 1;
            }
            if (cpn != null && cores > (long) nodes * cpn) {
                problems.add(cores + " cores requested on " + nodes + (nodes == 1 ? " node" : " nodes")
                        + ", but partition '" + partitionName + "' has " + cpn + " cores per node (cores per node)");
            }
            if (nodes > cores) {
                problems.add("!" + nodes + " nodes requested for only " + cores + " cores: use at most one node per core");
            }
        } else {
            nodes = cpn == null || cpn < 1 ? 1 : (cores + cpn - 1) / cpn;
        }
        if (part != null) {
            if (part.maxCores() != null && cores > part.maxCores()) {
                problems.add(cores + " cores requested, but partition '" + part.name() + "' allows at most "
                        + part.maxCores() + " cores per job (max cores)");
            }
            if (part.maxNodes() != null && nodes > part.maxNodes()) {
                problems.add(nodes + " nodes needed" + (req.nodes() == null && cpn != null ? " (" + cores + " cores at "
                        + cpn + " cores per node)" : "") + ", but partition '" + part.name() + "' allows at most "
                        + part.maxNodes() + (part.maxNodes() == 1 ? " node" : " nodes") + " per job (max nodes)");
            }
        }
        Long mem = req.memoryMb() != null ? req.memoryMb() : part == null ? null : part.defaultMemoryMb();
        if (mem != null && mem <= 0) {
            problems.add("!Memory must be positive, not " + mem + " MB");
        }
        if (mem != null && part != null && part.maxMemoryMb() != null && mem > part.maxMemoryMb()) {
            problems.add(Resources.humanMemory(mem) + " memory requested, but partition '" + part.name()
                    + "' allows at most " + Resources.humanMemory(part.maxMemoryMb()) + " per node (max memory)");
        }
        Integer wall = req.wallTimeMinutes() != null ? req.wallTimeMinutes()
                : part == null ? null : part.defaultWallMinutes();
        if (wall != null && wall <= 0) {
            problems.add("!Wall time must be positive, not " + wall + " minutes");
        }
        if (wall != null && part != null && part.maxWallMinutes() != null && wall > part.maxWallMinutes()) {
            problems.add("Wall time of " + Resources.humanMinutes(wall) + " requested, but partition '" + part.name()
                    + "' allows at most " + Resources.humanMinutes(part.maxWallMinutes()) + " (max wall time)");
        }
        String qos = req.qos() != null && !req.qos().isBlank() ? req.qos() : profile.defaultQos();
        if (qos != null) {
            if (!Names.isSafeToken(qos)) {
                problems.add("!Not a valid QoS name: '" + Names.printable(qos) + "'");
            } else if (part != null && !part.qos().isEmpty() && !part.qos().contains(qos)) {
                problems.add("QoS '" + qos + "' is not allowed on partition '" + part.name() + "' (allowed QoS: "
                        + String.join(", ", part.qos()) + ")");
            } else if ((part == null || part.qos().isEmpty()) && !profile.qos().isEmpty() && !profile.qos().contains(qos)) {
                problems.add("QoS '" + qos + "' is not one of this profile's QoS (" + String.join(", ", profile.qos()) + ")");
            }
        }
        String account = req.account() != null && !req.account().isBlank() ? req.account() : profile.account();
        if (account != null && !account.isBlank() && !Names.isSafeToken(account)) {
            problems.add("!Not a valid account name: '" + Names.printable(account) + "'");
        }
        int gpus = req.gpus() == null ? 0 : req.gpus();
        String gpuType = req.gpuType() == null || req.gpuType().isBlank() ? null : req.gpuType().strip();
        checkGpus(part, partitionName, gpus, gpuType, problems);
        return new Resources(partitionName, qos, account == null || account.isBlank() ? null : account, cores, nodes,
                mem, wall, Math.max(gpus, 0), gpus > 0 ? gpuType : null);
    }

    /** GPUs per node against the partition: none where it has none, at most its count, a type it declares. */
    private static void checkGpus(PartitionSpec part, String partitionName, int gpus, String gpuType, List<String> problems) {
        if (gpus < 0) {
            problems.add("!GPUs must not be negative, not " + gpus);
            return;
        }
        if (gpuType != null && !Names.isSafeToken(gpuType)) {
            problems.add("!Not a valid GPU type: '" + Names.printable(gpuType) + "'");
            return;
        }
        if (gpus == 0) {
            if (gpuType != null) {
                problems.add("!GPU type '" + gpuType + "' chosen but no GPUs requested");
            }
            return;
        }
        if (part == null) {
            return;
        }
        if (!part.hasGpus()) {
            problems.add(gpus + (gpus == 1 ? " GPU" : " GPUs") + " requested, but partition '" + partitionName
                    + "' has no GPUs (GPUs per node: 0)");
            return;
        }
        if (gpus > part.gpusPerNode()) {
            problems.add(gpus + " GPUs per node requested, but the nodes of partition '" + partitionName + "' have "
                    + part.gpusPerNode() + (part.gpusPerNode() == 1 ? " GPU" : " GPUs") + " (GPUs per node)");
        }
        if (gpuType != null && !part.gpuTypes().isEmpty() && !part.gpuTypes().contains(gpuType)) {
            problems.add("GPU type '" + gpuType + "' is not one of partition '" + partitionName + "' ("
                    + String.join(", ", part.gpuTypes()) + ")");
        }
    }
}

package org.namdrunner.cluster;

/**
 * What a job asks for. Null fields take the partition's / profile's defaults.
 *
 * @param partition       partition name
 * @param qos             QoS name
 * @param cores           total cores (tasks) for NAMD
 * @param nodes           nodes; null: computed from cores and the partition's cores per node
 * @param memoryMb        memory per node in MB
 * @param wallTimeMinutes wall-time limit in minutes
 * @param account         Slurm account
 * @param gpus            GPUs per node (null or 0: none)
 * @param gpuType         GPU type (e.g. {@code a100}), or null for any
 */
public record ResourceRequest(String partition, String qos, Integer cores, Integer nodes, Long memoryMb,
        Integer wallTimeMinutes, String account, Integer gpus, String gpuType) {

    /** A request without GPUs. */
    public ResourceRequest(String partition, String qos, Integer cores, Integer nodes, Long memoryMb,
            Integer wallTimeMinutes, String account) {
        this(partition, qos, cores, nodes, memoryMb, wallTimeMinutes, account, null, null);
    }

    /** This request with {@code count} GPUs per node of {@code type} (null: any type). */
    public ResourceRequest withGpus(Integer count, String type) {
        return new ResourceRequest(partition, qos, cores, nodes, memoryMb, wallTimeMinutes, account, count,
                type == null || type.isBlank() ? null : type);
    }

    public static ResourceRequest of(String partition, int cores, Long memoryMb, Integer wallTimeMinutes) {
        return new ResourceRequest(partition, null, cores, null, memoryMb, wallTimeMinutes, null);
    }

    public ResourceRequest withPartition(String v) {
        return new ResourceRequest(v, qos, cores, nodes, memoryMb, wallTimeMinutes, account, gpus, gpuType);
    }

    public ResourceRequest withQos(String v) {
        return new ResourceRequest(partition, v, cores, nodes, memoryMb, wallTimeMinutes, account, gpus, gpuType);
    }

    public ResourceRequest withCores(Integer v) {
        return new ResourceRequest(partition, qos, v, nodes, memoryMb, wallTimeMinutes, account, gpus, gpuType);
    }

    public ResourceRequest withNodes(Integer v) {
        return new ResourceRequest(partition, qos, cores, v, memoryMb, wallTimeMinutes, account, gpus, gpuType);
    }

    public ResourceRequest withMemoryMb(Long v) {
        return new ResourceRequest(partition, qos, cores, nodes, v, wallTimeMinutes, account, gpus, gpuType);
    }

    public ResourceRequest withWallTimeMinutes(Integer v) {
        return new ResourceRequest(partition, qos, cores, nodes, memoryMb, v, account, gpus, gpuType);
    }

    public ResourceRequest withAccount(String v) {
        return new ResourceRequest(partition, qos, cores, nodes, memoryMb, wallTimeMinutes, v, gpus, gpuType);
    }
}

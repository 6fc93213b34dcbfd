package org.namdrunner.cluster;

import java.util.List;

/**
 * What discovery found on a cluster, shown to the user for confirmation before it is stored in the profile.
 *
 * @param partitions partitions with limits ({@code sinfo}, {@code scontrol show partition})
 * @param modules    all modules ({@code module -t avail})
 * @param namd       NAMD modules with version and executable (namd2 vs namd3)
 * @param qos        QoS names found, may be empty
 * @param warnings   what could not be discovered and why
 */
public record DiscoveryResult(List<PartitionSpec> partitions, List<String> modules, List<NamdModule> namd,
        List<String> qos, List<String> warnings) {
    public DiscoveryResult {
        partitions = List.copyOf(partitions);
        modules = List.copyOf(modules);
        namd = List.copyOf(namd);
        qos = List.copyOf(qos);
        warnings = List.copyOf(warnings);
    }

    /** The profile with the discovered partitions, QoS and NAMD modules applied (user confirms first). */
    public ProfileConfig applyTo(ProfileConfig profile) {
        ProfileConfig.Builder b = profile.toBuilder();
        if (!partitions.isEmpty()) {
            b.partitions(partitions);
        }
        if (!namd.isEmpty()) {
            b.modules(namd);
            if (profile.defaultModule() == null || namd.stream().noneMatch(m -> m.module().equals(profile.defaultModule()))) {
                b.defaultModule(namd.get(namd.size() - 1).module());
            }
        }
        if (!qos.isEmpty()) {
            b.qos(qos);
        }
        return b.build();
    }
}

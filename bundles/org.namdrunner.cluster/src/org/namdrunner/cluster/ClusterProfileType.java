package org.namdrunner.cluster;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A kind of cluster (Slurm over SSH, this machine, ...), contributed as {@code type} of the extension point
 * {@code org.namdrunner.cluster.clusterProfiles}. Stateless: all state lives in the sessions it opens.
 */
public interface ClusterProfileType {

    /** Connects to the cluster described by {@code profile}. */
    ClusterSession connect(ProfileConfig profile, ConnectionContext context, IProgressMonitor monitor)
            throws ClusterException;

    /**
     * Checks a profile's settings for this type (missing host, bad roots ...); returns problems, empty if fine.
     */
    default java.util.List<String> validate(ProfileConfig profile) {
        return java.util.List.of();
    }
}

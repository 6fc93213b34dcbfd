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

    /**
     * Why jobs of {@code profile} with {@code module} (null: none chosen) could not start NAMD, as far as this computer
     * can tell without connecting (e.g. no NAMD executable for a profile that runs jobs here); empty when they can or
     * when only the cluster can tell. Forms check it before anything is created.
     */
    default java.util.List<String> namdProblems(ProfileConfig profile, NamdModule module) {
        return java.util.List.of();
    }

    /**
     * A service of this profile type, in the manner of org.eclipse.remote's {@code getService(Class)}: e.g.
     * {@link SshConnectionService} (its sessions need an SSH connection) or {@link ScriptPreviewService}; null when the
     * type does not offer it. Screens ask for services instead of knowing scheduler types.
     */
    default <T> T getService(Class<T> service) {
        return null;
    }
}

package org.namdrunner.cluster;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * What a profile type needs from the application to connect: a way to open a shell on a host (the SSH layer,
 * with its authentication callbacks and secure storage) — never credentials themselves.
 */
public interface ConnectionContext {

    /** Opens a shell on the profile's login host. */
    RemoteShell openShell(ProfileConfig profile, IProgressMonitor monitor) throws ClusterException;
}

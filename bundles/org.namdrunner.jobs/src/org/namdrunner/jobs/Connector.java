package org.namdrunner.jobs;

import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ConnectionContext;
import org.namdrunner.cluster.ProfileConfig;

/**
 * How the jobs layer reaches clusters: the workbench opens shells over its shared connections (asking for secrets
 * in dialogs), the command line over its own non-interactive ones. {@link ClusterSessions} keeps one session per
 * profile on top of it.
 */
public interface Connector extends ConnectionContext {

    /** Whether sessions of the profile run over a connection that can be down (SSH); false for Local profiles. */
    boolean needsConnection(ProfileConfig profile);

    /** Whether the profile's connection is up now; never connects (always true when none is needed). */
    boolean isConnected(ProfileConfig profile);

    /** Whether a session opened earlier can still be used (its connection is the current one and up). */
    default boolean isAlive(ClusterSession session) {
        return isConnected(session.profile());
    }
}

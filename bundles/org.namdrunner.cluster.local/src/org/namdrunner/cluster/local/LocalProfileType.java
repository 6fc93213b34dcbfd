package org.namdrunner.cluster.local;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileType;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ConnectionContext;
import org.namdrunner.cluster.ProfileConfig;

/** The Local profile type ({@value #TYPE_ID}): jobs run as background processes on this machine. */
public class LocalProfileType implements ClusterProfileType {
    public static final String TYPE_ID = "org.namdrunner.cluster.local";

    @Override
    public ClusterSession connect(ProfileConfig profile, ConnectionContext context, IProgressMonitor monitor)
            throws ClusterException {
        return new LocalSession(profile);
    }
}

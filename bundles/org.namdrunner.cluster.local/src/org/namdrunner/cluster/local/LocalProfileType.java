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

    /** A profile that runs jobs here needs NAMD on this computer's PATH (or the demo simulator). */
    @Override
    public java.util.List<String> namdProblems(ProfileConfig profile, org.namdrunner.cluster.NamdModule module) {
        return new LocalSession(profile).namdProblem(module).stream().toList();
    }
}

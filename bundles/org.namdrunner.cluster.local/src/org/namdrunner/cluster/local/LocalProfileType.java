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

    /** The script of a local job can be shown before it is created ({@link org.namdrunner.cluster.ScriptPreviewService}). */
    @Override
    public <T> T getService(Class<T> service) {
        if (service == org.namdrunner.cluster.ScriptPreviewService.class) {
            return service.cast((org.namdrunner.cluster.ScriptPreviewService) (spec, p) -> {
                try (org.namdrunner.cluster.ClusterSession s = connect(p, null, new org.eclipse.core.runtime.NullProgressMonitor())) {
                    return s.generateScript(spec);
                }
            });
        }
        return null;
    }
}

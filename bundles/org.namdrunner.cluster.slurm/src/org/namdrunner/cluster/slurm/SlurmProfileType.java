package org.namdrunner.cluster.slurm;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileType;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ConnectionContext;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemoteShell;

/** The Slurm-over-SSH profile type ({@value #TYPE_ID}). */
public class SlurmProfileType implements ClusterProfileType {
    public static final String TYPE_ID = "org.namdrunner.cluster.slurm";

    @Override
    public ClusterSession connect(ProfileConfig profile, ConnectionContext context, IProgressMonitor monitor)
            throws ClusterException {
        List<String> problems = validate(profile);
        if (!problems.isEmpty()) {
            throw new ClusterException(ClusterException.Kind.CONFIGURATION,
                    "Profile '" + profile.name() + "' is incomplete: " + String.join("; ", problems));
        }
        RemoteShell shell = context.openShell(profile, monitor);
        return new SlurmSession(profile, shell);
    }

    @Override
    public List<String> validate(ProfileConfig profile) {
        List<String> problems = new ArrayList<>();
        if (profile.host().isEmpty()) {
            problems.add("a login host is needed");
        }
        if (profile.projectRoot().isEmpty()) {
            problems.add("a project root for job directories is needed (e.g. /projects/$USER/namdrunner_jobs)");
        }
        return problems;
    }

    /** Sessions run over SSH ({@link org.namdrunner.cluster.SshConnectionService}); scripts can be previewed. */
    @Override
    public <T> T getService(Class<T> service) {
        if (service == org.namdrunner.cluster.SshConnectionService.class) {
            return service.cast((org.namdrunner.cluster.SshConnectionService) org.namdrunner.cluster.ssh.SshConnectionContext::settings);
        }
        if (service == org.namdrunner.cluster.ScriptPreviewService.class) {
            return service.cast((org.namdrunner.cluster.ScriptPreviewService) (spec, p) -> SlurmScriptGenerator.generate(spec, p.launcher(),
                    p.siteEnvironment()));
        }
        return null;
    }
}

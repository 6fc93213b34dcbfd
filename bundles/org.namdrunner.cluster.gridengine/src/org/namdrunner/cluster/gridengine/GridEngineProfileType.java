package org.namdrunner.cluster.gridengine;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileType;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ConnectionContext;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemoteShell;

/**
 * The Grid Engine over SSH profile type ({@value #TYPE_ID}): (Son of / Open / Univa-style) Grid Engine clusters
 * reached through the application's SSH layer ({@link ConnectionContext}). Profile properties: {@value #PROP_PE}
 * (the parallel environment NAMD's slots are requested in, default {@code smp}), {@value #PROP_MEMORY} (a per-slot
 * memory resource such as {@code h_vmem}; none by default). The profile's partitions are the cluster's queues.
 */
public class GridEngineProfileType implements ClusterProfileType {
    public static final String TYPE_ID = "org.namdrunner.cluster.gridengine";
    /** Profile property: the parallel environment ({@code -pe <pe> <cores>}). */
    public static final String PROP_PE = "parallelEnvironment";
    /** Profile property: the per-slot memory resource ({@code -l <resource>=<MB>M}), e.g. {@code h_vmem}. */
    public static final String PROP_MEMORY = "memoryResource";

    @Override
    public ClusterSession connect(ProfileConfig profile, ConnectionContext context, IProgressMonitor monitor) throws ClusterException {
        List<String> problems = validate(profile);
        if (!problems.isEmpty()) {
            throw new ClusterException(ClusterException.Kind.CONFIGURATION,
                    "Profile '" + profile.name() + "' is incomplete: " + String.join("; ", problems));
        }
        RemoteShell shell = context.openShell(profile, monitor);
        try {
            return new GridEngineSession(profile, shell);
        } catch (RuntimeException e) {
            shell.close();
            throw e;
        }
    }

    @Override
    public List<String> validate(ProfileConfig profile) {
        List<String> problems = new ArrayList<>();
        if (profile.host().isEmpty()) {
            problems.add("a login host is needed");
        }
        if (profile.projectRoot().isEmpty()) {
            problems.add("a project root for job directories is needed (e.g. /home/$USER/namdrunner_jobs)");
        }
        String pe = profile.property(PROP_PE);
        if (pe != null && !pe.isBlank() && !Names.isSafeToken(pe)) {
            problems.add("the parallel environment must be a name of letters, digits, '_', '-', '.' or '+'");
        }
        String mem = profile.property(PROP_MEMORY);
        if (mem != null && !mem.isBlank() && !Names.isSafeToken(mem)) {
            problems.add("the memory resource must be a name such as h_vmem");
        }
        if (profile.launcher() == LauncherMode.SRUN) {
            problems.add("the srun launcher is Slurm's: use mpirun or +p");
        }
        if (!profile.qos().isEmpty()) {
            problems.add("Grid Engine has no QoS: remove the profile's QoS list");
        }
        return problems;
    }

    /** Sessions run over SSH ({@link org.namdrunner.cluster.SshConnectionService}). */
    @Override
    public <T> T getService(Class<T> service) {
        if (service == org.namdrunner.cluster.SshConnectionService.class) {
            return service.cast((org.namdrunner.cluster.SshConnectionService) org.namdrunner.cluster.ssh.SshConnectionContext::settings);
        }
        return null;
    }
}

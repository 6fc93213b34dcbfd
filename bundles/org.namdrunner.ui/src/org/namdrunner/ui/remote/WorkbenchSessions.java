package org.namdrunner.ui.remote;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.cluster.SshConnectionService;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.cluster.ssh.SshRemoteShell;
import org.namdrunner.remote.ConnectionSettings;
import org.namdrunner.remote.RemoteConnection;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * How the workbench reaches clusters: the profile registry over its store, whether a profile needs a connection, and
 * the {@link Connector} of the jobs layer's session service — a profile that needs SSH (Slurm) runs over the
 * workbench's shared connection of {@link RemoteUi} (one SSH session per profile, shown in the status line and the
 * SSH console), connecting with the usual dialogs when it is not up yet; other profile types (Local) connect directly.
 */
public final class WorkbenchSessions {

    private WorkbenchSessions() {
    }

    /** The profile registry over the workbench's store (presets and user profiles). */
    public static ClusterProfileRegistry registry() {
        return ClusterProfileRegistry.fromExtensions(new StoreProfileRepository(NamdRunnerUi.store()));
    }

    /** Type id of the Local profile type (bundle org.namdrunner.cluster.local): runs jobs on this computer. */
    public static final String LOCAL_TYPE = "org.namdrunner.cluster.local";

    /** Whether the profile runs jobs on this computer (no connection). */
    public static boolean isLocal(ProfileConfig p) {
        return LOCAL_TYPE.equals(p.typeId());
    }

    /** Whether the profile is reached over SSH (its type offers {@link SshConnectionService}), so needs a connection. */
    public static boolean needsConnection(ProfileConfig p) {
        return ssh(p) != null;
    }

    /**
     * The SSH service of each profile type, looked up once per type: the installed types change only with a restart,
     * and this is asked on every session use and for every profile of a sync (building the registry each time read the
     * extension registry and the store's profiles).
     */
    private static final java.util.Map<String, java.util.Optional<SshConnectionService>> SSH_BY_TYPE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static SshConnectionService ssh(ProfileConfig p) {
        return SSH_BY_TYPE.computeIfAbsent(p.typeId(), typeId -> {
            try {
                return java.util.Optional.ofNullable(registry().type(typeId).getService(SshConnectionService.class));
            } catch (ClusterException e) {
                return java.util.Optional.empty(); // a type no installed plugin provides: nothing to connect to
            }
        }).orElse(null);
    }

    /**
     * The workbench connection settings of a profile (connection id = profile id), with the rate of remote commands
     * (at most the preference's; a profile may ask for fewer) and how many may wait from Preferences > NAMDRunner.
     */
    public static ConnectionSettings settings(ProfileConfig p) {
        SshConnectionService service = ssh(p);
        ConnectionSettings own = service != null ? service.settings(p) : SshConnectionContext.settings(p);
        ConnectionSettings.Builder b = own.toBuilder().id(p.id());
        try {
            var settings = NamdRunnerUi.store().settings();
            // the preference is an upper bound: a profile whose site asks for fewer commands keeps its own rate
            settings.get(org.namdrunner.ui.preferences.SettingKeys.COMMANDS_PER_SECOND).map(String::strip)
                    .filter(v -> !v.isEmpty()).ifPresent(v -> b.commandsPerSecond(Math.min(own.getCommandsPerSecond(), Double.parseDouble(v))));
            settings.get(org.namdrunner.ui.preferences.SettingKeys.MAX_QUEUED_COMMANDS).map(String::strip)
                    .filter(v -> !v.isEmpty()).ifPresent(v -> b.maxQueuedCommands(Integer.parseInt(v)));
        } catch (RuntimeException e) {
            NamdRunnerUi.log(IStatus.WARNING, "Remote command limits in the preferences are not valid; the defaults apply", e);
        }
        return b.build();
    }

    /** Whether the workbench connection of the profile is up (always true for profiles without SSH). */
    public static boolean isConnected(ProfileConfig p) {
        return !needsConnection(p) || connectedConnection(p) != null;
    }

    private static RemoteConnection connectedConnection(ProfileConfig p) {
        for (RemoteConnection c : RemoteUi.connected()) {
            if (p.id().equals(c.getSettings().getId())) {
                return c;
            }
        }
        return null;
    }

    /**
     * The workbench's SSH connection of a session's profile while it is up, or null for profiles that are not reached
     * over SSH (Local) or not connected.
     */
    public static RemoteConnection connection(ClusterSession s) {
        return needsConnection(s.profile()) ? connectedConnection(s.profile()) : null;
    }

    /** The workbench connection of the profile, connected now (in a user job with dialogs) when it is not up. */
    public static RemoteConnection ensureConnected(ProfileConfig p) throws ClusterException {
        RemoteConnection c = connectedConnection(p);
        if (c != null) {
            return c;
        }
        Job job = RemoteUi.connectJob(settings(p), p.name());
        try {
            job.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(ClusterException.Kind.CANCELLED, "Connecting to " + p.name() + " was interrupted");
        }
        c = connectedConnection(p);
        if (c == null) {
            IStatus s = job.getResult();
            throw new ClusterException(s != null && s.getSeverity() == IStatus.CANCEL ? ClusterException.Kind.CANCELLED
                    : ClusterException.Kind.CONNECTION, s != null && s.getSeverity() == IStatus.ERROR ? s.getMessage()
                            : "Not connected to " + p.name());
        }
        return c;
    }

    /** The jobs layer's connector in the workbench: shells over the shared connections of {@link RemoteUi}. */
    public static final class Connector implements org.namdrunner.jobs.Connector {
        @Override
        public RemoteShell openShell(ProfileConfig profile, IProgressMonitor monitor) throws ClusterException {
            return new SshRemoteShell(ensureConnected(profile), false);
        }

        @Override
        public boolean needsConnection(ProfileConfig profile) {
            return WorkbenchSessions.needsConnection(profile);
        }

        @Override
        public boolean isConnected(ProfileConfig profile) {
            return WorkbenchSessions.isConnected(profile);
        }
    }
}

package org.namdrunner.cluster.ssh;

import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ConnectionContext;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.remote.AuthMethod;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.ConnectionSettings;
import org.namdrunner.remote.RemoteConnection;
import org.namdrunner.remote.RemoteException;
import org.namdrunner.remote.SecretStore;
import org.namdrunner.remote.UserInteraction;

/**
 * Opens SSH shells for profiles through the remote layer. Profile properties used: {@code authMethod}
 * (password, key, keyboard-interactive in any spelling: {@link AuthMethod#parse}), {@code keyFile}, {@code knownHosts}, {@code sshConfig}
 * ({@code none} to ignore {@code ~/.ssh/config}), {@code proxyJump}. Secrets come from the {@link SecretStore} or
 * the {@link UserInteraction}, never from the profile.
 */
public class SshConnectionContext implements ConnectionContext {
    private final UserInteraction interaction;
    private final SecretStore secrets;
    private final CommandLog log;

    public SshConnectionContext(UserInteraction interaction, SecretStore secrets, CommandLog log) {
        this.interaction = interaction;
        this.secrets = secrets;
        this.log = log;
    }

    /** Connection settings for a profile. */
    public static ConnectionSettings settings(ProfileConfig p) {
        ConnectionSettings.Builder b = ConnectionSettings.builder(p.host()).port(p.port())
                .user(p.resolveUser(System.getProperty("user.name")));
        String auth = p.property("authMethod");
        if (auth != null && !auth.isBlank()) {
            b.authMethod(AuthMethod.parse(auth));
        }
        if (p.property("keyFile") != null) {
            b.keyFile(Path.of(p.property("keyFile")));
        }
        if (p.property("knownHosts") != null) {
            b.knownHostsFile(Path.of(p.property("knownHosts")));
        }
        String cfg = p.property("sshConfig");
        if ("none".equals(cfg)) {
            b.sshConfigFile(null);
        } else if (cfg != null) {
            b.sshConfigFile(Path.of(cfg));
        }
        if (p.property("proxyJump") != null) {
            b.proxyJump(p.property("proxyJump"));
        }
        String user = p.resolveUser(System.getProperty("user.name"));
        b.projectRoot(ProfileConfig.resolveRoot(p.projectRoot(), user));
        if (!p.scratchRoot().isEmpty()) {
            b.scratchRoot(ProfileConfig.resolveRoot(p.scratchRoot(), user));
        }
        return b.build();
    }

    @Override
    public RemoteShell openShell(ProfileConfig profile, IProgressMonitor monitor) throws ClusterException {
        RemoteConnection c = new RemoteConnection(settings(profile), interaction, secrets, log);
        try {
            c.connect(monitor);
        } catch (RemoteException e) {
            c.close();
            throw SshRemoteShell.map(e);
        }
        return new SshRemoteShell(c, true);
    }
}

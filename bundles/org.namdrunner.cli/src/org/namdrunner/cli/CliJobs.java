package org.namdrunner.cli;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.ConfigRenderer;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.jobs.ClusterSessions;
import org.namdrunner.jobs.Connector;
import org.namdrunner.jobs.JobService;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.UserInteraction;
import org.namdrunner.store.Store;

/**
 * The command line's {@link JobService}: the same engine, sessions and operations as the workbench, over the given
 * store, with non-interactive connections (the profile must authenticate with a key; nothing is asked). Inside one
 * command every operation shares one session per profile.
 */
final class CliJobs {

    private CliJobs() {
    }

    static JobService service(CliEnvironment env, Store store, ConfigRenderer renderer) {
        ClusterProfileRegistry registry = env.profiles(new StoreProfileRepository(store));
        AutomationStepRegistry steps = env.steps();
        return new JobService(store, new ClusterSessions(() -> registry, new NonInteractive()), steps, renderer, null);
    }

    /** Connects whenever asked, without prompts: a command has no one to ask. */
    static final class NonInteractive implements Connector {
        private final SshConnectionContext ssh = new SshConnectionContext(UserInteraction.NONE, null, new CommandLog());

        @Override
        public RemoteShell openShell(ProfileConfig profile, IProgressMonitor monitor) throws ClusterException {
            return ssh.openShell(profile, monitor);
        }

        @Override
        public boolean needsConnection(ProfileConfig profile) {
            return false; // a command connects to the profiles it is given, when it needs them
        }

        @Override
        public boolean isConnected(ProfileConfig profile) {
            return true;
        }
    }
}

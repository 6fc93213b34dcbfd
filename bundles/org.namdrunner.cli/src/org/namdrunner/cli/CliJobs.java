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
import org.namdrunner.store.Store;

/**
 * The command line's {@link JobService}: the same engine, sessions and operations as the workbench, over the given
 * store. A login asks on the terminal for what it needs ({@link TerminalInteraction}: a one-time code, a password);
 * without a terminal nothing is asked and such a profile fails with a message saying what it needs. Inside one command
 * every operation shares one session per profile, so a two-factor login asks once per command.
 */
final class CliJobs {

    private CliJobs() {
    }

    static JobService service(CliEnvironment env, Store store, ConfigRenderer renderer) {
        ClusterProfileRegistry registry = env.profiles(new StoreProfileRepository(store));
        AutomationStepRegistry steps = env.steps();
        return new JobService(store, new ClusterSessions(() -> registry, new OnTerminal()), steps, renderer, null);
    }

    /** Connects whenever asked; a login's questions go to the terminal, if there is one. */
    static final class OnTerminal implements Connector {
        private final CommandLog log = new CommandLog();

        @Override
        public RemoteShell openShell(ProfileConfig profile, IProgressMonitor monitor) throws ClusterException {
            TerminalInteraction ui = new TerminalInteraction(profile);
            try {
                return new SshConnectionContext(ui, null, log).openShell(profile, monitor);
            } catch (ClusterException e) {
                if (ui.refusal() != null) {
                    throw new ClusterException(ClusterException.Kind.CONNECTION, ui.refusal(), e);
                }
                throw e;
            }
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

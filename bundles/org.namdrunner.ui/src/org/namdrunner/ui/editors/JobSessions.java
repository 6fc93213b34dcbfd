package org.namdrunner.ui.editors;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.ConfigRenderer;
import org.namdrunner.automation.JobDocuments;
import org.namdrunner.automation.TemplateConfigRenderer;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ConnectionContext;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.cluster.slurm.SlurmSession;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.cluster.ssh.SshRemoteShell;
import org.namdrunner.remote.ConnectionSettings;
import org.namdrunner.remote.RemoteConnection;
import org.namdrunner.remote.RemoteException;
import org.namdrunner.store.Store;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.remote.RemoteUi;
import org.namdrunner.workflow.StageStep;
import org.namdrunner.workflow.Workflows;

/**
 * The job editor's access to clusters: one {@link ClusterSession} per profile, opened on first use (never on the UI
 * thread) over the workbench's SSH connection of that profile ({@link RemoteUi#connection}), so the SSH console
 * shows every command and the Remote Explorer and the editors share one connection. A session whose connection
 * dropped is opened again. Also the shared {@link Workflows} engine (chains, restart, submission queue), used by
 * one action at a time.
 */
public final class JobSessions {

    private static final Map<String, ClusterSession> SESSIONS = new ConcurrentHashMap<>();
    private static final Object WORKFLOW_LOCK = new Object();
    private static volatile Workflows workflows;
    private static volatile Store workflowsStore;

    private JobSessions() {
    }

    /** The profile registry over the workbench store (presets and the user's profiles). */
    public static ClusterProfileRegistry registry() {
        return org.namdrunner.ui.remote.WorkbenchSessions.registry();
    }

    /** A connected session for the profile, connecting now when needed (may ask the user for secrets). */
    public static ClusterSession session(String profileId, IProgressMonitor monitor) throws ClusterException {
        if (profileId == null) {
            throw new ClusterException(ClusterException.Kind.CONFIGURATION, "The job has no cluster profile");
        }
        ClusterSession s = SESSIONS.get(profileId);
        if (s != null && isAlive(s)) {
            return s;
        }
        synchronized (JobSessions.class) {
            s = SESSIONS.get(profileId);
            if (s != null && isAlive(s)) {
                return s;
            }
            if (s != null) {
                SESSIONS.remove(profileId);
                s.close();
            }
            ClusterProfileRegistry registry = registry();
            ProfileConfig profile = registry.find(profileId).orElseThrow(() -> new ClusterException(
                    ClusterException.Kind.CONFIGURATION, "The cluster profile '" + profileId
                            + "' of this job does not exist any more (Window > Preferences > NAMDRunner > Cluster profiles)"));
            s = registry.type(profile.typeId()).connect(profile, new WorkbenchConnectionContext(), monitor);
            SESSIONS.put(profileId, s);
            return s;
        }
    }

    private static boolean isAlive(ClusterSession s) {
        if (s instanceof SlurmSession slurm && slurm.shell() instanceof SshRemoteShell ssh) {
            return ssh.connection().isConnected();
        }
        return true;
    }

    /** The SSH connection under a session, or null for profiles that are not reached over SSH (Local). */
    public static RemoteConnection connection(ClusterSession s) {
        if (s instanceof SlurmSession slurm && slurm.shell() instanceof SshRemoteShell ssh) {
            return ssh.connection();
        }
        return null;
    }

    /** Forgets every session (their connections stay with {@link RemoteUi}). */
    public static void closeAll() {
        for (String id : SESSIONS.keySet()) {
            ClusterSession s = SESSIONS.remove(id);
            if (s != null) {
                s.close();
            }
        }
    }

    /** The workflow engine over the workbench store. */
    public static Workflows workflows() {
        Store store = NamdRunnerUi.store();
        Workflows w = workflows;
        if (w == null || workflowsStore != store) {
            synchronized (WORKFLOW_LOCK) {
                w = workflows;
                if (w == null || workflowsStore != store) {
                    ConfigRenderer renderer = (text, values) -> new TemplateConfigRenderer("job template").render(text, values);
                    w = new Workflows(store, StageStep.register(AutomationStepRegistry.fromExtensions()), renderer);
                    workflows = w;
                    workflowsStore = store;
                }
            }
        }
        return w;
    }

    /** Workflow actions change shared state: they run one at a time. */
    public static Object workflowLock() {
        return WORKFLOW_LOCK;
    }

    /** Cached copies of the jobs' documents, in the data directory next to the database. */
    public static JobDocuments documents() {
        return new JobDocuments(NamdRunnerUi.store().directory().resolve("cache").resolve("jobs"));
    }

    /** Where results of a job are downloaded by default: {@code ~/NAMDRunner/results/<job name>-<id prefix>}. */
    public static Path defaultResultsDir(org.namdrunner.core.model.Job job) {
        String name = job.name().replaceAll("[^A-Za-z0-9._-]", "_");
        return org.namdrunner.core.NamdRunner.defaultResultsRoot().resolve(name + "-" + job.id().substring(0, Math.min(8, job.id().length())));
    }

    /** Shells over the workbench's connections (shared, so closing a session keeps the connection). */
    private static final class WorkbenchConnectionContext implements ConnectionContext {
        @Override
        public RemoteShell openShell(ProfileConfig profile, IProgressMonitor monitor) throws ClusterException {
            ConnectionSettings settings = SshConnectionContext.settings(profile).toBuilder().id(profile.id()).build();
            RemoteConnection c = RemoteUi.connection(settings);
            if (!c.isConnected()) {
                try {
                    c.connect(monitor);
                } catch (RemoteException e) {
                    throw new ClusterException(ClusterException.Kind.CONNECTION, "Cannot connect to " + profile.name() + ": "
                            + e.getMessage(), e);
                } finally {
                    RemoteUi.connectionsChanged();
                }
            }
            return new SshRemoteShell(c, false);
        }
    }
}

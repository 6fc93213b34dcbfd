package org.namdrunner.ui.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ConnectionContext;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.cluster.slurm.SlurmProfileType;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.cluster.ssh.SshRemoteShell;
import org.namdrunner.remote.ConnectionSettings;
import org.namdrunner.remote.RemoteConnection;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * Cluster sessions of the workbench. A profile that needs SSH (Slurm) runs over the workbench's shared connection
 * of {@link RemoteUi} (one SSH session per profile, shown in the status line and the SSH console), connecting with
 * the usual dialogs when it is not up yet; other profile types (Local) connect directly. Sessions kept for the
 * status sync remember their last status query, so the profile's minimum interval between queries is honoured.
 */
public final class WorkbenchSessions {

    private record Cached(ClusterSession session, RemoteConnection connection) {
    }

    private static final Map<String, Cached> SYNC_SESSIONS = new ConcurrentHashMap<>();

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

    /** Whether the profile is reached over SSH (and so needs a connection). */
    public static boolean needsConnection(ProfileConfig p) {
        return SlurmProfileType.TYPE_ID.equals(p.typeId());
    }

    /** The workbench connection settings of a profile (connection id = profile id). */
    public static ConnectionSettings settings(ProfileConfig p) {
        return SshConnectionContext.settings(p).toBuilder().id(p.id()).build();
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
     * Opens a session for the profile; an SSH profile uses (and if needed first opens, asking the user through
     * dialogs) the workbench connection. Closing the session leaves that connection up.
     */
    public static ClusterSession open(ProfileConfig profile, IProgressMonitor monitor) throws ClusterException {
        ConnectionContext context = (p, m) -> new SshRemoteShell(ensureConnected(p), false);
        return registry().type(profile.typeId()).connect(profile, context, monitor);
    }

    /** The workbench connection of the profile, connected now (in a user job with dialogs) when it is not up. */
    public static RemoteConnection ensureConnected(ProfileConfig p) throws ClusterException {
        RemoteConnection c = connectedConnection(p);
        if (c != null) {
            return c;
        }
        Job job = RemoteUi.connectJob(settings(p));
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

    /**
     * The profiles a sync can reach now: every Local profile and every SSH profile whose workbench connection is
     * up (profiles of types no installed plugin provides are skipped).
     */
    public static List<ProfileConfig> reachableProfiles() {
        List<ProfileConfig> out = new ArrayList<>();
        for (ProfileConfig p : registry().all()) {
            if (isLocal(p) || needsConnection(p) && isConnected(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * A long-lived session of a reachable profile for status syncs (never connects: null when the profile's
     * connection is down). Replaced when the profile or its connection changed.
     */
    public static ClusterSession syncSession(ProfileConfig p, IProgressMonitor monitor) throws ClusterException {
        RemoteConnection c = needsConnection(p) ? connectedConnection(p) : null;
        if (needsConnection(p) && c == null) {
            drop(p.id());
            return null;
        }
        Cached cached = SYNC_SESSIONS.get(p.id());
        if (cached != null && cached.session().profile().equals(p) && cached.connection() == c) {
            return cached.session();
        }
        drop(p.id());
        ClusterSession s = c == null ? registry().type(p.typeId()).connect(p, null, monitor)
                : registry().type(p.typeId()).connect(p, (profile, m) -> new SshRemoteShell(c, false), monitor);
        SYNC_SESSIONS.put(p.id(), new Cached(s, c));
        return s;
    }

    private static void drop(String profileId) {
        Cached old = SYNC_SESSIONS.remove(profileId);
        if (old != null) {
            old.session().close();
        }
    }

    /** Closes every kept session (workbench shutdown). */
    public static void closeAll() {
        for (String id : new ArrayList<>(SYNC_SESSIONS.keySet())) {
            drop(id);
        }
    }
}

package org.namdrunner.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;

/**
 * The session service: one {@link ClusterSession} per cluster profile, shared by every screen and operation in the
 * process (wizard, editors, Jobs view, sync, automations, the command line). Because the session keeps the
 * profile's last status answer, all of them together make at most one status query per profile per minimum
 * interval. A session whose connection dropped, or whose profile was edited, is opened again on next use.
 */
public final class ClusterSessions implements AutoCloseable {

    private final Supplier<ClusterProfileRegistry> registry;
    private final Connector connector;
    private final Map<String, ClusterSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile java.time.Duration pluginCallTimeout = GuardedSession.DEFAULT_TIMEOUT;

    public ClusterSessions(Supplier<ClusterProfileRegistry> registry, Connector connector) {
        this.registry = registry;
        this.connector = connector;
    }

    /**
     * How long one call into a profile type's session (status query, submit, cancel, discovery …) may take before it is
     * given up as a hanging plugin (default 10 min); applies to sessions opened afterwards.
     */
    public ClusterSessions pluginCallTimeout(java.time.Duration timeout) {
        this.pluginCallTimeout = java.util.Objects.requireNonNull(timeout);
        return this;
    }

    /** The profile registry (presets and the user's profiles), read anew each time so edits are seen. */
    public ClusterProfileRegistry registry() {
        return registry.get();
    }

    public Connector connector() {
        return connector;
    }

    /** The profile with this id, or a clear error naming where profiles are kept. */
    public ProfileConfig profile(String profileId) throws ClusterException {
        if (profileId == null) {
            throw new ClusterException(ClusterException.Kind.CONFIGURATION, "The job has no cluster profile");
        }
        ClusterProfileRegistry r = registry();
        if (r.find(profileId).isEmpty()) {
            throw new ClusterException(ClusterException.Kind.CONFIGURATION, "No cluster profile with id '" + profileId
                    + "' (any more); profiles are listed under Window > Preferences > NAMDRunner > Cluster profiles and by "
                    + "'namdrunner profiles'");
        }
        return r.get(profileId);
    }

    /** The session of the profile, connecting now when needed (the connector may ask the user for secrets). */
    public ClusterSession session(String profileId, IProgressMonitor monitor) throws ClusterException {
        return open(profile(profileId), true, monitor);
    }

    /**
     * The session of a profile that can be reached without connecting (Local profiles, SSH profiles whose connection
     * is up), or null.
     */
    public ClusterSession reachable(ProfileConfig profile, IProgressMonitor monitor) throws ClusterException {
        return open(profile, false, monitor);
    }

    private ClusterSession open(ProfileConfig profile, boolean connect, IProgressMonitor monitor) throws ClusterException {
        ClusterSession s = sessions.get(profile.id());
        if (s != null && usable(s, profile)) {
            return s;
        }
        synchronized (locks.computeIfAbsent(profile.id(), k -> new Object())) {
            s = sessions.get(profile.id());
            if (s != null && usable(s, profile)) {
                return s;
            }
            if (s != null) {
                sessions.remove(profile.id());
                s.close();
            }
            if (!connect && connector.needsConnection(profile) && !connector.isConnected(profile)) {
                return null;
            }
            ClusterProfileRegistry r = registry();
            String plugin = GuardedSession.describe(r.typeName(profile.typeId()), profile.typeId());
            org.namdrunner.cluster.ClusterProfileType type = r.type(profile.typeId());
            ClusterSession opened = GuardedSession.guard(plugin, "connect to " + profile.name(), ClusterException.Kind.CONNECTION,
                    () -> type.connect(profile, connector, monitor));
            if (opened == null) {
                throw new ClusterException(ClusterException.Kind.PROTOCOL, "The cluster plugin '" + r.typeName(profile.typeId())
                        + "' (" + profile.typeId() + ") returned no session for " + profile.name());
            }
            s = new GuardedSession(opened, plugin, pluginCallTimeout);
            sessions.put(profile.id(), s);
            return s;
        }
    }

    private boolean usable(ClusterSession s, ProfileConfig current) {
        return s.profile().equals(current) && (!connector.needsConnection(current) || connector.isAlive(s));
    }

    /** The profiles a sync can reach now, without connecting (profiles of types no plugin provides are skipped). */
    public List<ProfileConfig> reachableProfiles() {
        List<ProfileConfig> out = new ArrayList<>();
        ClusterProfileRegistry r = registry();
        List<String> types = r.typeIds();
        for (ProfileConfig p : r.all()) {
            if (types.contains(p.typeId()) && (!connector.needsConnection(p) || connector.isConnected(p))) {
                out.add(p);
            }
        }
        return out;
    }

    /** Forgets the session of one profile (its connection stays with whoever owns it). */
    public void drop(String profileId) {
        ClusterSession s = sessions.remove(profileId);
        if (s != null) {
            s.close();
        }
    }

    /** Closes every session. */
    @Override
    public void close() {
        for (String id : new ArrayList<>(sessions.keySet())) {
            drop(id);
        }
    }
}

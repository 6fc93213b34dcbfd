package org.namdrunner.ui.tests;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileType;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ConnectionContext;
import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.JobFiles;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StatusReport;
import org.namdrunner.core.JobState;

/**
 * A profile type for UI tests (contributed by this fragment's {@code fragment.xml}, no presets): its sessions answer
 * status queries only — every requested job PENDING — and a test can hold a query in flight with a {@link Hold} until
 * it releases it. Like a real scheduler session, a session answers from its cache (no query) while its last query is
 * younger than the profile's minimum interval and covered the requested ids, unless forced. Needs no cluster.
 */
public final class HeldStatusProfileType implements ClusterProfileType {

    public static final String TYPE_ID = "org.namdrunner.ui.tests.heldStatus";

    /** One test's hold on the status queries of all sessions of this type, and what they were asked. */
    public static final class Hold {
        /** Counted down when a query reached the "cluster". */
        public final CountDownLatch entered = new CountDownLatch(1);
        /** Queries wait for this. */
        public final CountDownLatch release = new CountDownLatch(1);
        /** Queries that reached the "cluster" (not answered from a session's cache). */
        public final AtomicInteger queries = new AtomicInteger();
        /** Every status call, cached answers included. */
        public final AtomicInteger calls = new AtomicInteger();
        /** Queries still waiting for the release. */
        public final AtomicInteger waiting = new AtomicInteger();
    }

    private static volatile Hold hold;

    /** Holds every status query of this type from now until the returned hold is released. */
    public static Hold hold() {
        Hold h = new Hold();
        hold = h;
        return h;
    }

    /** Status queries are answered at once again (a held one is released). */
    public static void releaseAll() {
        Hold h = hold;
        hold = null;
        if (h != null) {
            h.release.countDown();
        }
    }

    @Override
    public ClusterSession connect(ProfileConfig profile, ConnectionContext context, IProgressMonitor monitor) {
        return new Session(profile);
    }

    private static final class Session implements ClusterSession {
        private final ProfileConfig profile;
        private final AtomicInteger roundTrips = new AtomicInteger();
        private Instant lastQuery;
        private Set<String> lastIds = Set.of();

        Session(ProfileConfig profile) {
            this.profile = profile;
        }

        @Override
        public StatusReport status(Collection<String> schedulerIds, boolean force, IProgressMonitor monitor) throws ClusterException {
            Hold h = hold;
            if (h != null) {
                h.calls.incrementAndGet();
            }
            synchronized (this) {
                if (!force && lastQuery != null && lastIds.containsAll(schedulerIds)
                        && Duration.between(lastQuery, Instant.now()).getSeconds() < profile.statusMinIntervalSeconds()) {
                    return report(schedulerIds, lastQuery, true);
                }
            }
            roundTrips.incrementAndGet();
            if (h != null) {
                h.queries.incrementAndGet();
                h.waiting.incrementAndGet();
                h.entered.countDown();
                try {
                    // a test that forgets to release fails its own way; never hang the whole run
                    while (!h.release.await(100, TimeUnit.MILLISECONDS)) {
                        if (monitor != null && monitor.isCanceled()) {
                            throw new ClusterException(ClusterException.Kind.CANCELLED, "Status query cancelled");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClusterException(ClusterException.Kind.CANCELLED, "Status query interrupted");
                } finally {
                    h.waiting.decrementAndGet();
                }
            }
            Instant now = Instant.now();
            synchronized (this) {
                lastQuery = now;
                lastIds = new HashSet<>(schedulerIds);
            }
            return report(schedulerIds, now, false);
        }

        private static StatusReport report(Collection<String> ids, Instant at, boolean cached) {
            Map<String, JobStatus> statuses = new LinkedHashMap<>();
            for (String id : ids) {
                statuses.put(id, new JobStatus(id, JobState.PENDING, "PENDING", null, null, null, null, "held"));
            }
            return new StatusReport(statuses, Set.of(), at, cached);
        }

        private ClusterException notOffered(String what) {
            return new ClusterException(ClusterException.Kind.PROTOCOL, "The held-status test type does not " + what);
        }

        @Override
        public ProfileConfig profile() {
            return profile;
        }

        @Override
        public String user() {
            return System.getProperty("user.name");
        }

        @Override
        public String projectRoot() {
            return profile.projectRoot();
        }

        @Override
        public String scratchRoot() {
            return "";
        }

        @Override
        public JobFiles files() {
            throw new UnsupportedOperationException("The held-status test type has no job files");
        }

        @Override
        public String generateScript(JobScriptSpec spec) throws ClusterException {
            throw notOffered("write job scripts");
        }

        @Override
        public String submit(JobScriptSpec spec, IProgressMonitor monitor) throws ClusterException {
            throw notOffered("submit");
        }

        @Override
        public Optional<String> findBySubmitToken(String submitToken, IProgressMonitor monitor) throws ClusterException {
            return Optional.empty();
        }

        @Override
        public void cancel(Collection<String> schedulerIds, IProgressMonitor monitor) throws ClusterException {
            throw notOffered("cancel");
        }

        @Override
        public DiscoveryResult discover(IProgressMonitor monitor) throws ClusterException {
            throw notOffered("discover");
        }

        @Override
        public List<RemoteDocument> findJobInfos(IProgressMonitor monitor) throws ClusterException {
            return List.of();
        }

        @Override
        public long roundTrips() {
            return roundTrips.get();
        }

        @Override
        public void close() {
        }
    }
}

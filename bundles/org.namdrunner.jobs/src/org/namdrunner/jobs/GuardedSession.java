package org.namdrunner.jobs;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.JobFiles;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StatusReport;

/**
 * A session of a profile type contributed by a plugin, as every screen and operation sees it: whatever the plugin
 * throws besides {@link ClusterException} (a bug, a missing class) and whatever it returns that cannot be used (no
 * job id, no status report) becomes a {@link ClusterException} that names the plugin, so the job ends in a clear state
 * (a submit that fails this way is recorded FAILED with the reason) and the workbench never gets a stack trace.
 */
final class GuardedSession implements ClusterSession {

    /** Runs plugin code. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws ClusterException;
    }

    /** Plugin code given a monitor that is cancelled when the caller stops waiting. */
    @FunctionalInterface
    interface Monitored<T> {
        T run(IProgressMonitor monitor) throws ClusterException;
    }

    /** How long a call into plugin code may take by default (its commands have their own limits; this is the last). */
    static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofMinutes(10);
    /** After the caller cancelled, how long the plugin has to notice before it is left behind. */
    static final long CANCEL_GRACE_MS = 10_000;

    private final ClusterSession delegate;
    private final String plugin;
    private final java.time.Duration timeout;

    GuardedSession(ClusterSession delegate, String plugin, java.time.Duration timeout) {
        this.delegate = delegate;
        this.plugin = plugin;
        this.timeout = timeout;
    }

    /** The plugin's name for messages: "the cluster plugin 'Grid Engine' (org.namdrunner.cluster.gridengine)". */
    static String describe(String typeName, String typeId) {
        return "the cluster plugin '" + typeName + "' (" + typeId + ")";
    }

    static <T> T guard(String plugin, String what, ClusterException.Kind kind, Call<T> call) throws ClusterException {
        try {
            return call.run();
        } catch (ClusterException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new ClusterException(kind, capitalized(plugin) + " failed to " + what + ": " + e, e);
        }
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private <T> T call(String what, IProgressMonitor monitor, Monitored<T> call) throws ClusterException {
        return timed(what, ClusterException.Kind.COMMAND_FAILED, monitor, call);
    }

    /**
     * Runs plugin code on its own thread and waits for it at most {@link #timeout}: a plugin that hangs (a lost
     * answer, a deadlock, a loop) becomes a {@link ClusterException.Kind#CONNECTION} error naming the plugin, and the
     * screen or operation that asked goes on. On a time-out or a cancel, the monitor the plugin was given reports
     * cancelled and its thread is interrupted; a plugin that ignores both is left behind (a daemon thread), never
     * waited for. A submit that is given up this way is not known to have failed: the submit intent stays, and the
     * next attempt asks the cluster for the job by its token first.
     */
    private <T> T timed(String what, ClusterException.Kind kind, IProgressMonitor monitor, Monitored<T> call)
            throws ClusterException {
        IProgressMonitor outer = monitor == null ? new org.eclipse.core.runtime.NullProgressMonitor() : monitor;
        java.util.concurrent.atomic.AtomicBoolean gaveUp = new java.util.concurrent.atomic.AtomicBoolean();
        IProgressMonitor inner = new org.eclipse.core.runtime.ProgressMonitorWrapper(outer) {
            @Override
            public boolean isCanceled() {
                return gaveUp.get() || super.isCanceled();
            }
        };
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                result.complete(guard(plugin, what, kind, () -> call.run(inner)));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "NAMDRunner plugin call: " + what);
        worker.setDaemon(true);
        worker.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        long cancelDeadline = Long.MAX_VALUE;
        while (true) {
            try {
                return result.get(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                long now = System.nanoTime();
                if (outer.isCanceled() && cancelDeadline == Long.MAX_VALUE) {
                    cancelDeadline = now + CANCEL_GRACE_MS * 1_000_000L; // the plugin sees the cancel through its monitor
                    worker.interrupt();
                }
                if (now > cancelDeadline) {
                    gaveUp.set(true);
                    throw new ClusterException(ClusterException.Kind.CANCELLED, "Cancelled; " + plugin
                            + " did not stop within " + CANCEL_GRACE_MS / 1000 + " s and was left to finish on its own");
                }
                if (now > deadline) {
                    gaveUp.set(true);
                    worker.interrupt();
                    throw new ClusterException(ClusterException.Kind.CONNECTION, capitalized(plugin) + " did not "
                            + what + " within " + seconds(timeout) + "; NAMDRunner stopped waiting for it", null);
                }
            } catch (InterruptedException e) {
                gaveUp.set(true);
                worker.interrupt();
                Thread.currentThread().interrupt();
                throw new ClusterException(ClusterException.Kind.CANCELLED, "Interrupted while waiting for " + plugin);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof ClusterException ce) {
                    throw ce;
                }
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new ClusterException(kind, capitalized(plugin) + " failed to " + what + ": " + c, c);
            }
        }
    }

    private static String seconds(java.time.Duration d) {
        long s = d.toSeconds();
        return s >= 120 && s % 60 == 0 ? s / 60 + " min" : Math.max(1, s) + " s";
    }

    private <T> T nonNull(String what, T value) throws ClusterException {
        if (value == null) {
            throw new ClusterException(ClusterException.Kind.PROTOCOL, capitalized(plugin) + " returned nothing for " + what);
        }
        return value;
    }

    private <T> T unchecked(String what, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(capitalized(plugin) + " failed to " + what + ": " + e, e);
        }
    }

    @Override
    public ProfileConfig profile() {
        return delegate.profile();
    }

    @Override
    public String user() {
        return unchecked("name the login user", delegate::user);
    }

    @Override
    public String projectRoot() {
        return unchecked("name the project root", delegate::projectRoot);
    }

    @Override
    public String scratchRoot() {
        return unchecked("name the scratch root", delegate::scratchRoot);
    }

    @Override
    public JobFiles files() {
        return unchecked("give access to job files", delegate::files);
    }

    @Override
    public String generateScript(JobScriptSpec spec) throws ClusterException {
        return nonNull("the job script", call("write the job script", null, m -> delegate.generateScript(spec)));
    }

    @Override
    public String submit(JobScriptSpec spec, IProgressMonitor monitor) throws ClusterException {
        String id = timed("submit the job", ClusterException.Kind.SUBMIT_REJECTED, monitor, m -> delegate.submit(spec, m));
        if (id == null || id.isBlank()) {
            throw new ClusterException(ClusterException.Kind.SUBMIT_REJECTED, capitalized(plugin)
                    + " submitted the job but returned no scheduler id");
        }
        return id;
    }

    @Override
    public Optional<String> findBySubmitToken(String submitToken, IProgressMonitor monitor) throws ClusterException {
        Optional<String> found = call("look for an earlier submit", monitor, m -> delegate.findBySubmitToken(submitToken, m));
        return found == null ? Optional.empty() : found;
    }

    @Override
    public StatusReport status(Collection<String> schedulerIds, boolean force, IProgressMonitor monitor) throws ClusterException {
        return nonNull("the status query", call("query job states", monitor, m -> delegate.status(schedulerIds, force, m)));
    }

    @Override
    public void cancel(Collection<String> schedulerIds, IProgressMonitor monitor) throws ClusterException {
        call("cancel jobs", monitor, m -> {
            delegate.cancel(schedulerIds, m);
            return null;
        });
    }

    @Override
    public DiscoveryResult discover(IProgressMonitor monitor) throws ClusterException {
        return nonNull("discovery", call("discover partitions and modules", monitor, m -> delegate.discover(m)));
    }

    @Override
    public List<RemoteDocument> findJobInfos(IProgressMonitor monitor) throws ClusterException {
        List<RemoteDocument> docs = call("find job records", monitor, m -> delegate.findJobInfos(m));
        return docs == null ? List.of() : docs;
    }

    @Override
    public java.util.Optional<String> namdProblem(org.namdrunner.cluster.NamdModule module, IProgressMonitor monitor)
            throws ClusterException {
        java.util.Optional<String> p = call("check that NAMD can start", monitor, m -> delegate.namdProblem(module, m));
        return p == null ? java.util.Optional.empty() : p;
    }

    @Override
    public boolean supportsDependencies() {
        try {
            return delegate.supportsDependencies();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public long roundTrips() {
        return delegate.roundTrips();
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } catch (RuntimeException e) {
            // closing a broken plugin's session must not stop the caller
        }
    }
}

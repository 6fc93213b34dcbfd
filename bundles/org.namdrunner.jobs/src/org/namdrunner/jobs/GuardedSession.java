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

    private final ClusterSession delegate;
    private final String plugin;

    GuardedSession(ClusterSession delegate, String plugin) {
        this.delegate = delegate;
        this.plugin = plugin;
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

    private <T> T call(String what, Call<T> call) throws ClusterException {
        return guard(plugin, what, ClusterException.Kind.COMMAND_FAILED, call);
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
        return nonNull("the job script", call("write the job script", () -> delegate.generateScript(spec)));
    }

    @Override
    public String submit(JobScriptSpec spec, IProgressMonitor monitor) throws ClusterException {
        String id = guard(plugin, "submit the job", ClusterException.Kind.SUBMIT_REJECTED, () -> delegate.submit(spec, monitor));
        if (id == null || id.isBlank()) {
            throw new ClusterException(ClusterException.Kind.SUBMIT_REJECTED, capitalized(plugin)
                    + " submitted the job but returned no scheduler id");
        }
        return id;
    }

    @Override
    public Optional<String> findBySubmitToken(String submitToken, IProgressMonitor monitor) throws ClusterException {
        Optional<String> found = call("look for an earlier submit", () -> delegate.findBySubmitToken(submitToken, monitor));
        return found == null ? Optional.empty() : found;
    }

    @Override
    public StatusReport status(Collection<String> schedulerIds, boolean force, IProgressMonitor monitor) throws ClusterException {
        return nonNull("the status query", call("query job states", () -> delegate.status(schedulerIds, force, monitor)));
    }

    @Override
    public void cancel(Collection<String> schedulerIds, IProgressMonitor monitor) throws ClusterException {
        call("cancel jobs", () -> {
            delegate.cancel(schedulerIds, monitor);
            return null;
        });
    }

    @Override
    public DiscoveryResult discover(IProgressMonitor monitor) throws ClusterException {
        return nonNull("discovery", call("discover partitions and modules", () -> delegate.discover(monitor)));
    }

    @Override
    public List<RemoteDocument> findJobInfos(IProgressMonitor monitor) throws ClusterException {
        List<RemoteDocument> docs = call("find job records", () -> delegate.findJobInfos(monitor));
        return docs == null ? List.of() : docs;
    }

    @Override
    public java.util.Optional<String> namdProblem(org.namdrunner.cluster.NamdModule module, IProgressMonitor monitor)
            throws ClusterException {
        java.util.Optional<String> p = call("check that NAMD can start", () -> delegate.namdProblem(module, monitor));
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

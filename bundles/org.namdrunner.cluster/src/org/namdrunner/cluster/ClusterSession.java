package org.namdrunner.cluster;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A connected cluster profile: the profile API every profile type implements (submit, status for many jobs at
 * once, cancel, discover) plus the job-directory file operations the lifecycle needs. Obtained from
 * {@link ClusterProfileType#connect}. Thread-safe.
 */
public interface ClusterSession extends AutoCloseable {

    ProfileConfig profile();

    /** The login user on the cluster. */
    String user();

    /** The project root with {@code $USER} resolved. */
    String projectRoot();

    /** The scratch root with {@code $USER} resolved, or empty when the profile has none. */
    String scratchRoot();

    /** File operations confined to the job roots. */
    JobFiles files();

    /** The job script for {@code spec} (no remote call). */
    String generateScript(JobScriptSpec spec) throws ClusterException;

    /**
     * Writes the job script into the job directory and submits it. Returns the scheduler id. Rejections are
     * mapped to readable {@link ClusterException}s (partition, QoS, time limit, account, memory).
     */
    String submit(JobScriptSpec spec, IProgressMonitor monitor) throws ClusterException;

    /** Looks for a job submitted with {@code submitToken} (after an interrupted submit). */
    Optional<String> findBySubmitToken(String submitToken, IProgressMonitor monitor) throws ClusterException;

    /**
     * Status of many jobs in one round trip. Answers from the cache when the last query is younger than the
     * profile's minimum interval and covered every requested id, unless {@code force}.
     */
    StatusReport status(Collection<String> schedulerIds, boolean force, IProgressMonitor monitor) throws ClusterException;

    /** Cancels the given jobs (one command). */
    void cancel(Collection<String> schedulerIds, IProgressMonitor monitor) throws ClusterException;

    /** Partitions, limits, modules, NAMD flavours and versions. */
    DiscoveryResult discover(IProgressMonitor monitor) throws ClusterException;

    /**
     * The texts of all {@code job_info.json} files under the project root (one round trip), keyed by the job
     * directory. Used to rebuild local records.
     */
    List<RemoteDocument> findJobInfos(IProgressMonitor monitor) throws ClusterException;

    /** Number of remote round trips made so far (for diagnostics and benchmarks). */
    long roundTrips();

    /**
     * Whether the scheduler itself holds a job until the jobs it depends on succeeded
     * ({@link JobScriptSpec#dependency} {@code afterok:<id>[:<id>…]}); when not, the workflow engine's client-side queue
     * waits instead. Default: no.
     */
    default boolean supportsDependencies() {
        return false;
    }

    /**
     * Why a job with {@code module} (null: none, NAMD on PATH) could not start NAMD here: the profile's extra modules,
     * the module's prerequisites and the module are loaded the way the job script loads them, and the executable is
     * looked for, in one round trip; empty when NAMD is found (a session may remember that) or when this session
     * type cannot tell. Forms and operations ask it before anything is created or uploaded.
     */
    default java.util.Optional<String> namdProblem(NamdModule module, org.eclipse.core.runtime.IProgressMonitor monitor)
            throws ClusterException {
        return java.util.Optional.empty();
    }

    @Override
    void close();

    /** A text file found on the cluster. */
    record RemoteDocument(String path, String content) {
    }
}

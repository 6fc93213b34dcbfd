package org.namdrunner.cluster.gridengine;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.CountingShell;
import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.JobFiles;
import org.namdrunner.cluster.JobInfoSearch;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.cluster.ShellJobFiles;
import org.namdrunner.cluster.ShellClusterSession;
import org.namdrunner.cluster.ShellResult;
import org.namdrunner.cluster.StatusReport;

/**
 * A connected Grid Engine profile: every command goes through one {@link RemoteShell} (over SSH, from the
 * application's {@code ConnectionContext}), as constant scripts with positional arguments.
 *
 * <p>The session keeps a marker directory {@value #MARKER_DIR} under the project root: {@code submit-<token>} (the
 * id of a submission, so a retried submit never submits twice), {@code <id>.exit} (a job's exit code, read by jobs
 * that depend on it), {@code <id>.blocked} (a job that did not start NAMD because a dependency failed) and
 * {@code <id>.cancelled} (cancelled through NAMDRunner; reported CANCELLED when Grid Engine has no record of it).
 */
public class GridEngineSession extends ShellClusterSession {
    /** The job script's name in the job directory. */
    public static final String SCRIPT_FILE = "job.sge";
    /** The marker directory's name under the project root. */
    public static final String MARKER_DIR = ".namdrunner-gridengine";

    private static final Pattern ID = Pattern.compile("[0-9]+");
    /** Constant cancel script: {@code $1} the marker directory, the ids on stdin. */
    static final String CANCEL_SCRIPT = "mkdir -p -- \"$1\" || exit 1; while IFS= read -r id; do : > \"$1/$id.cancelled\"; "
            + "printf '%s\\n' \"$id\"; done | xargs qdel 2>&1";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-]+");

    private final String markerDir;

    public GridEngineSession(ProfileConfig profile, RemoteShell shell) {
        this(profile, shell, Clock.systemUTC());
    }

    public GridEngineSession(ProfileConfig profile, RemoteShell shell, Clock clock) {
        super(profile, shell, clock);
        this.markerDir = RemotePaths.join(projectRoot, MARKER_DIR);
    }

    /** The marker directory (exit codes, submissions, blocked jobs) under the project root. */
    public String markerDir() {
        return markerDir;
    }

    /** The profile's parallel environment. */
    public String parallelEnvironment() {
        String pe = profile.property(GridEngineProfileType.PROP_PE);
        return pe == null || pe.isBlank() ? GridEngineScriptGenerator.DEFAULT_PE : pe.strip();
    }

    @Override
    public String generateScript(JobScriptSpec spec) throws ClusterException {
        LauncherMode launcher = spec.module() == null ? profile.launcher() : spec.module().launcherOr(profile.launcher());
        return GridEngineScriptGenerator.generate(spec, new GridEngineScriptGenerator.Options(launcher,
                parallelEnvironment(), profile.property(GridEngineProfileType.PROP_MEMORY), markerDir, profile.siteEnvironment()));
    }

    @Override
    public String submit(JobScriptSpec spec, IProgressMonitor monitor) throws ClusterException {
        String script = generateScript(spec);
        String dir = RemotePaths.confine(spec.projectDir(), List.of(projectRoot), false);
        String token = spec.submitToken() == null ? "" : spec.submitToken();
        if (!token.isEmpty() && !TOKEN.matcher(token).matches()) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Submit token must be letters, digits, '_' or '-'");
        }
        // One round trip: write the script (stdin), qsub it unless this token was submitted already, record the id.
        ShellResult r = scheduler.run(GridEngineScriptGenerator.SUBMIT_SCRIPT, List.of(dir, markerDir, token),
                script.getBytes(StandardCharsets.UTF_8), monitor);
        invalidateCache();
        if (!r.ok()) {
            throw GridEngineErrors.forSubmit(r.stderr() + "\n" + r.stdout(), r.exitCode(), spec.resources(), parallelEnvironment());
        }
        String id = r.stdout().strip();
        int nl = id.lastIndexOf('\n');
        id = nl >= 0 ? id.substring(nl + 1).strip() : id;
        if (!ID.matcher(id).matches()) {
            throw new ClusterException(ClusterException.Kind.PROTOCOL,
                    "qsub succeeded but printed no job id: " + GridEngineStatusQuery.abbreviate(r.stdout()));
        }
        return id;
    }

    @Override
    public Optional<String> findBySubmitToken(String submitToken, IProgressMonitor monitor) throws ClusterException {
        if (submitToken == null || !TOKEN.matcher(submitToken).matches()) {
            return Optional.empty();
        }
        ShellResult r = shell.run("cat -- \"$1/submit-$2\" 2>/dev/null; true", List.of(markerDir, submitToken), null, monitor);
        String id = r.stdout().strip();
        return ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    @Override
    protected StatusReport queryNow(Collection<String> ids, Instant now, IProgressMonitor monitor) throws ClusterException {
        ShellResult r = scheduler.run(GridEngineStatusQuery.script(), List.of(markerDir), GridEngineStatusQuery.stdin(ids), monitor);
        if (!r.ok()) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Status query failed: " + r.firstErrorLine());
        }
        StatusReport report = GridEngineStatusQuery.parse(r.stdout(), ids, now);
        return report;
    }

    @Override
    public void cancel(Collection<String> schedulerIds, IProgressMonitor monitor) throws ClusterException {
        if (schedulerIds.isEmpty()) {
            return;
        }
        for (String id : schedulerIds) {
            if (!ID.matcher(id).matches()) {
                throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Not a Grid Engine job id: '" + id + "'");
            }
        }
        // ids on stdin (xargs): any number of jobs in one command; ids that have ended already are not an error.
        // Each id gets a "cancelled" marker first: a job deleted while pending leaves no qacct record to report.
        ShellResult r = scheduler.run(CANCEL_SCRIPT, List.of(markerDir), (String.join("\n", schedulerIds) + "\n").getBytes(StandardCharsets.US_ASCII),
                monitor);
        invalidateCache();
        if (!r.ok()) {
            ClusterException e = GridEngineErrors.forCancel(r.stdout() + "\n" + r.stderr());
            if (e != null) {
                throw e;
            }
        }
    }

    @Override
    public DiscoveryResult discover(IProgressMonitor monitor) throws ClusterException {
        return discoverAll(monitor).result();
    }

    /** Discovery with the parallel environments the cluster offers. */
    public GridEngineDiscovery.Found discoverAll(IProgressMonitor monitor) throws ClusterException {
        ShellResult r = scheduler.run("exec bash -c \"$1\"", List.of(GridEngineDiscovery.script()), null, monitor);
        if (!r.stdout().contains("#end")) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Discovery failed: " + r.firstErrorLine());
        }
        return GridEngineDiscovery.parse(r.stdout(), parallelEnvironment());
    }

    /** Grid Engine: -hold_jid plus exit markers (after success). */
    @Override
    public boolean supportsDependencies() {
        return true;
    }
}

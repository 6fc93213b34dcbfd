package org.namdrunner.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * What the sessions of schedulers reached through a {@link RemoteShell} (Slurm, Grid Engine …) share: the profile,
 * the counted shell, the resolved job roots and the confined job files, the job_info.json search, and the status
 * cache that keeps status queries to the profile's minimum interval (an answer covering the asked ids is reused
 * until then unless forced). A scheduler plugin implements {@link #queryNow}, submit, cancel and discovery, and runs
 * every scheduler and module command on {@link #scheduler} — the one place where the profile's site environment
 * ({@link SiteEnvironment}) joins the commands, in the same round trip; file commands use {@link #shell}.
 */
public abstract class ShellClusterSession implements ClusterSession {
    protected final ProfileConfig profile;
    /** The shell every command of this session runs on (counted: {@link #roundTrips()}). */
    protected final RemoteShell shell;
    /** {@link #shell} with the profile's site environment in front of every command: for scheduler and module commands. */
    protected final RemoteShell scheduler;
    protected final String projectRoot;
    protected final String scratchRoot;
    protected final JobFiles files;
    protected final Clock clock;
    private final AtomicLong roundTrips = new AtomicLong();
    private final Object cacheLock = new Object();
    private Instant lastQuery;
    private Set<String> lastRequested = Set.of();
    private StatusReport lastReport;

    protected ShellClusterSession(ProfileConfig profile, RemoteShell shell, Clock clock) {
        this.profile = profile;
        this.clock = clock;
        this.shell = new CountingShell(shell, roundTrips);
        this.scheduler = SiteEnvironment.wrap(this.shell, profile.siteEnvironment());
        String user = shell.user();
        this.projectRoot = ProfileConfig.resolveRoot(profile.projectRoot(), user);
        this.scratchRoot = ProfileConfig.resolveRoot(profile.scratchRoot(), user);
        this.files = new ShellJobFiles(this.shell, List.of(projectRoot, scratchRoot));
    }

    @Override
    public ProfileConfig profile() {
        return profile;
    }

    @Override
    public String user() {
        return shell.user();
    }

    @Override
    public String projectRoot() {
        return projectRoot;
    }

    @Override
    public String scratchRoot() {
        return scratchRoot == null ? "" : scratchRoot;
    }

    @Override
    public JobFiles files() {
        return files;
    }

    /** The shell this session runs its commands on (counted). */
    public RemoteShell shell() {
        return shell;
    }

    @Override
    public final StatusReport status(Collection<String> schedulerIds, boolean force, IProgressMonitor monitor) throws ClusterException {
        Set<String> ids = new LinkedHashSet<>(schedulerIds);
        synchronized (cacheLock) {
            Instant now = clock.instant();
            if (!force && lastQuery != null && lastRequested.containsAll(ids)
                    && Duration.between(lastQuery, now).getSeconds() < profile.statusMinIntervalSeconds()) {
                Map<String, JobStatus> sub = new HashMap<>();
                Set<String> missing = new HashSet<>();
                for (String id : ids) {
                    JobStatus s = lastReport.statuses().get(id);
                    if (s != null) {
                        sub.put(id, s);
                    } else {
                        missing.add(id);
                    }
                }
                return new StatusReport(sub, missing, lastQuery, true);
            }
            if (ids.isEmpty()) {
                return new StatusReport(Map.of(), Set.of(), now, false);
            }
            return query(ids, monitor);
        }
    }

    /** Queries the cluster now (no cache, one round trip) and remembers the answer. */
    public final StatusReport query(Collection<String> ids, IProgressMonitor monitor) throws ClusterException {
        Instant now = clock.instant();
        StatusReport report = queryNow(ids, now, monitor);
        synchronized (cacheLock) {
            lastQuery = now;
            lastRequested = Set.copyOf(ids);
            lastReport = report;
        }
        return report;
    }

    /** The scheduler's status of these ids, in one round trip; {@code now} is the time of the answer. */
    protected abstract StatusReport queryNow(Collection<String> ids, Instant now, IProgressMonitor monitor) throws ClusterException;

    /**
     * When {@code r} failed because one of the scheduler's {@code commands} is not on PATH: the error that says so
     * and names the module that provides them (one more round trip, {@link SiteEnvironment#MODULE_PROBE} for
     * {@code moduleName}); null when that is not why it failed.
     */
    protected ClusterException missingCommands(ShellResult r, String schedulerName, String moduleName, List<String> commands,
            IProgressMonitor monitor) {
        String command = SiteEnvironment.commandNotFound(r, commands);
        if (command == null) {
            return null;
        }
        List<String> modules = List.of();
        try {
            modules = SiteEnvironment.spiderModules(shell.run(SiteEnvironment.MODULE_PROBE, List.of(moduleName), null, monitor)
                    .stdout(), moduleName);
        } catch (ClusterException e) {
            // the message without a module name is still right
        }
        return SiteEnvironment.missingCommands(schedulerName, command, modules, profile.siteEnvironment());
    }

    /**
     * The NAMD check (bash, for Lmod's {@code module}): $1 the declared executable (may be empty), then the modules in
     * load order. Prints {@code #load <module>} and the module command's last lines when a load fails, {@code #ok
     * <executable>} when NAMD is found, else {@code #noexe}.
     */
    static final String NAMD_CHECK = String.join("\n",
            "type module >/dev/null 2>&1 || source /etc/profile >/dev/null 2>&1",
            "exe=$1; shift",
            "err=$(mktemp 2>/dev/null || echo /tmp/namdrunner-check.$$)",
            "for m in \"$@\"; do",
            "  if ! module load \"$m\" >\"$err\" 2>&1; then echo \"#load $m\"; grep -v '^[[:space:]]*$' \"$err\" | tail -n 4; rm -f \"$err\"; exit 0; fi",
            "done",
            "rm -f \"$err\"",
            "for c in \"$exe\" namd3 namd2; do",
            "  if [ -n \"$c\" ] && command -v \"$c\" >/dev/null 2>&1; then echo \"#ok $c\"; exit 0; fi",
            "done",
            "echo '#noexe'");

    /** Module sets whose NAMD was found in this session (a site's modules do not change under a running session). */
    private final java.util.Set<List<String>> namdFound = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public java.util.Optional<String> namdProblem(NamdModule module, IProgressMonitor monitor) throws ClusterException {
        List<String> modules = JobScriptSpec.loadOrder(profile.extraModules(), module);
        String exe = module == null || module.executable() == null ? "" : module.executable();
        List<String> key = new java.util.ArrayList<>(modules);
        key.add(exe);
        if (namdFound.contains(key)) {
            return java.util.Optional.empty();
        }
        List<String> args = new java.util.ArrayList<>();
        args.add(NAMD_CHECK);
        args.add(exe);
        args.addAll(modules);
        ShellResult r = scheduler.run("s=$1; shift; exec bash -c \"$s\" namd-check \"$@\"", args, null, monitor);
        java.util.Optional<String> problem = namdCheckProblem(r, modules, profile.name());
        if (problem.isEmpty()) {
            namdFound.add(key);
        }
        return problem;
    }

    /** The problem the output of {@link #NAMD_CHECK} reports for {@code modules} on {@code where}; empty when NAMD was found. */
    static java.util.Optional<String> namdCheckProblem(ShellResult r, List<String> modules, String where) {
        String out = r.stdout();
        int load = out.indexOf("#load ");
        if (load >= 0) {
            String[] lines = out.substring(load).split("\n");
            String module = lines[0].substring("#load ".length()).strip();
            StringBuilder why = new StringBuilder();
            for (int i = 1; i < lines.length; i++) {
                String l = lines[i].strip();
                if (!l.isEmpty()) {
                    why.append(why.length() == 0 ? "" : " ").append(l);
                }
            }
            return java.util.Optional.of("'module load " + module + "' fails on " + where
                    + (why.length() == 0 ? "" : ": " + why) + ". Check the profile's NAMD modules (Discover finds what "
                    + "the cluster has) or its site environment.");
        }
        if (out.contains("#ok ")) {
            return java.util.Optional.empty();
        }
        if (out.contains("#noexe")) {
            return java.util.Optional.of("no NAMD executable (namd3 or namd2) is found on " + where
                    + (modules.isEmpty() ? " without a module: choose the profile's NAMD module (Discover finds them)"
                            : " after 'module load " + String.join(" ", modules) + "'"));
        }
        // the check could not run (no bash ...): let the job script tell instead of refusing the job
        return java.util.Optional.empty();
    }

    /** Forgets cached statuses (after submit/cancel). */
    public void invalidateCache() {
        synchronized (cacheLock) {
            lastQuery = null;
        }
    }

    @Override
    public List<RemoteDocument> findJobInfos(IProgressMonitor monitor) throws ClusterException {
        return JobInfoSearch.find(shell, projectRoot, monitor);
    }

    @Override
    public long roundTrips() {
        return roundTrips.get();
    }

    @Override
    public void close() {
        shell.close();
    }
}

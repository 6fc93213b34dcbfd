package org.namdrunner.cluster.slurm;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.CountingShell;
import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.JobFiles;
import org.namdrunner.cluster.JobInfoSearch;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.cluster.ShellJobFiles;
import org.namdrunner.cluster.ShellClusterSession;
import org.namdrunner.cluster.ShellResult;
import org.namdrunner.cluster.StatusReport;

/** A connected Slurm profile: everything goes through one {@link RemoteShell}. */
public class SlurmSession extends ShellClusterSession {
    private static final Pattern PARSABLE = Pattern.compile("^([0-9]+)(;[A-Za-z0-9_.\\-]+)?$", Pattern.MULTILINE);
    private static final Pattern ID = Pattern.compile("[0-9]+(_[0-9]+)?");
    /** The Slurm client commands this session runs; when one is not on PATH, the error names the module providing it. */
    static final List<String> COMMANDS = List.of("sbatch", "squeue", "sacct", "scancel", "sinfo", "scontrol", "sacctmgr");


    public SlurmSession(ProfileConfig profile, RemoteShell shell) {
        this(profile, shell, Clock.systemUTC());
    }

    public SlurmSession(ProfileConfig profile, RemoteShell shell, Clock clock) {
        super(profile, shell, clock);
    }

    @Override
    public String generateScript(JobScriptSpec spec) throws ClusterException {
        return SlurmScriptGenerator.generate(spec, profile.launcher(), profile.siteEnvironment());
    }

    @Override
    public String submit(JobScriptSpec spec, IProgressMonitor monitor) throws ClusterException {
        String script = generateScript(spec);
        String dir = RemotePaths.confine(spec.projectDir(), List.of(projectRoot), false);
        // One round trip: write the script (from stdin), then submit it from the job directory.
        ShellResult r = scheduler.run(SlurmScriptGenerator.SUBMIT_SCRIPT, List.of(dir, spec.jobName()),
                script.getBytes(StandardCharsets.UTF_8), monitor);
        if (!r.ok()) {
            ClusterException missing = missingCommands(r, monitor);
            if (missing != null) {
                throw missing;
            }
            throw SbatchErrors.map(r.stderr() + "\n" + r.stdout(), r.exitCode(), spec.resources());
        }
        Matcher m = PARSABLE.matcher(r.stdout().strip());
        if (!m.find()) {
            throw new ClusterException(ClusterException.Kind.PROTOCOL,
                    "sbatch succeeded but printed no job id: " + SlurmStatusQuery.abbreviate(r.stdout()));
        }
        return m.group(1);
    }

    @Override
    public Optional<String> findBySubmitToken(String submitToken, IProgressMonitor monitor) throws ClusterException {
        if (submitToken == null || !submitToken.matches("[A-Za-z0-9_\\-]+")) {
            return Optional.empty();
        }
        String script = "u=$(id -un); squeue -h -u \"$u\" -t all -o '%i|%k' 2>/dev/null; "
                + "sacct -X -n -P -u \"$u\" -S now-30days -E now -o JobID,Comment 2>/dev/null; true";
        ShellResult r = scheduler.run(script, null, monitor);
        String wanted = SlurmScriptGenerator.COMMENT_PREFIX + submitToken;
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length >= 2 && f[1].strip().equals(wanted) && ID.matcher(f[0].strip()).matches()) {
                return Optional.of(f[0].strip());
            }
        }
        return Optional.empty();
    }

    @Override
    protected StatusReport queryNow(Collection<String> ids, Instant now, IProgressMonitor monitor) throws ClusterException {
        ShellResult r = scheduler.run(SlurmStatusQuery.script(), SlurmStatusQuery.stdin(ids), monitor);
        // squeue's exit status travels in the output: a missing squeue/sacct shows only on stderr
        ClusterException missing = r.stderr().isBlank() ? null : missingCommands(r, monitor);
        if (missing != null) {
            throw missing;
        }
        if (!r.ok()) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Status query failed: " + r.firstErrorLine());
        }
        StatusReport report;
        try {
            report = SlurmStatusQuery.parse(r.stdout(), ids, now);
        } catch (ClusterException e) {
            throw new ClusterException(e.getKind(), e.getMessage() + (r.stderr().isBlank() ? "" : " (" + r.firstErrorLine() + ")"), e);
        }
        return report;
    }

    @Override
    public void cancel(Collection<String> schedulerIds, IProgressMonitor monitor) throws ClusterException {
        if (schedulerIds.isEmpty()) {
            return;
        }
        for (String id : schedulerIds) {
            if (!ID.matcher(id).matches()) {
                throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Not a Slurm job id: '" + id + "'");
            }
        }
        // Ids on stdin (xargs), so any number of jobs is one command.
        ShellResult r = scheduler.run("xargs scancel --", String.join("\n", schedulerIds).getBytes(StandardCharsets.US_ASCII), monitor);
        if (!r.ok()) {
            ClusterException missing = missingCommands(r, monitor);
            if (missing != null) {
                throw missing;
            }
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "scancel failed: " + r.firstErrorLine());
        }
        invalidateCache();
    }

    @Override
    public DiscoveryResult discover(IProgressMonitor monitor) throws ClusterException {
        ShellResult r = scheduler.run("exec bash -c \"$1\"", List.of(SlurmDiscovery.script()), null, monitor);
        if (!r.stdout().contains("#end")) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Discovery failed: " + r.firstErrorLine());
        }
        return SlurmDiscovery.parse(r.stdout());
    }

    private ClusterException missingCommands(ShellResult r, IProgressMonitor monitor) {
        return missingCommands(r, "Slurm", "slurm", COMMANDS, monitor);
    }

    /** Slurm: --dependency=afterok. */
    @Override
    public boolean supportsDependencies() {
        return true;
    }
}

package org.namdrunner.cluster.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.JobFiles;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.LocalShell;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.ShellJobFiles;
import org.namdrunner.cluster.ShellResult;
import org.namdrunner.cluster.StatusReport;
import org.namdrunner.cluster.slurm.SlurmScriptGenerator;
import org.namdrunner.cluster.slurm.SlurmSession;
import org.namdrunner.core.JobState;

/**
 * The Local profile: the Slurm job script (same generator, launcher {@code +p}) runs under bash as a detached
 * background process. Its state lives on disk next to the job, so it survives a restart of the application:
 * {@code logs/local-<id>.pid}, {@code logs/local-<id>.rc} (exit code once finished) and
 * {@code logs/local-<id>.state} (CANCELLED or TIMEOUT when we stopped it). Output goes to
 * {@code logs/slurm-<id>.out/.err} as on a cluster. An index {@code <projectRoot>/.local-jobs/<id>} maps ids to
 * job directories and submit tokens.
 */
public class LocalSession implements ClusterSession {
    /**
     * Wrapper: $1 job dir, $2 id, $3 time limit in seconds (0 = none), $4 index dir, $5 submit token. Records the job in
     * the index (again: the submitter writes it too, but may be killed right after starting the wrapper), runs the
     * job script and records its end.
     */
    static final String WRAPPER = String.join("\n",
            "d=$1; id=$2; limit=$3; L=\"$d/logs\"; echo $$ > \"$L/local-$id.wpid\"",
            "if [ ! -e \"$4/$id\" ]; then printf '%s\\n%s\\n' \"$d\" \"$5\" > \"$4/$id.w\" && mv -f \"$4/$id.w\" \"$4/$id\"; fi",
            "bash \"$d/" + JobScriptSpec.SCRIPT_FILE + "\" > \"$L/slurm-$id.out\" 2> \"$L/slurm-$id.err\" &",
            "child=$!; echo \"$child\" > \"$L/local-$id.pid\"",
            "wd=; if [ \"$limit\" -gt 0 ]; then ( sleep \"$limit\"; if kill -0 \"$child\" 2>/dev/null; then "
                    + "echo TIMEOUT > \"$L/local-$id.state\"; echo \"*** JOB $id CANCELLED DUE TO TIME LIMIT ***\" >> \"$L/slurm-$id.err\"; "
                    + "kill -TERM \"$child\"; fi ) & wd=$!; fi",
            "wait \"$child\"; rc=$?",
            "[ -n \"$wd\" ] && kill \"$wd\" 2>/dev/null",
            "echo \"$rc\" > \"$L/local-$id.rc.tmp\" && mv -f \"$L/local-$id.rc.tmp\" \"$L/local-$id.rc\"");

    private static final AtomicLong LAST_ID = new AtomicLong();

    private final ProfileConfig profile;
    private final LocalShell shell;
    private final String projectRoot;
    private final String scratchRoot;
    private final JobFiles files;
    private final AtomicLong roundTrips = new AtomicLong();

    public LocalSession(ProfileConfig profile) {
        this.profile = profile;
        this.shell = new LocalShell();
        String user = shell.user();
        this.projectRoot = resolve(profile.projectRoot(), user, "local-jobs");
        this.scratchRoot = profile.scratchRoot().isEmpty() ? "" : resolve(profile.scratchRoot(), user, "local-scratch");
        this.files = new ShellJobFiles(shell, List.of(projectRoot, scratchRoot));
    }

    private static String resolve(String root, String user, String dflt) {
        String r = root == null || root.isBlank() ? "~/.local/share/namdrunner/" + dflt : root;
        if (r.startsWith("~")) {
            r = System.getProperty("user.home") + r.substring(1);
        }
        return ProfileConfig.resolveRoot(r, user);
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
        return scratchRoot;
    }

    @Override
    public JobFiles files() {
        return files;
    }

    @Override
    public String generateScript(JobScriptSpec spec) throws ClusterException {
        return SlurmScriptGenerator.generate(spec, LauncherMode.PLUS_P);
    }

    private Path index() {
        return Path.of(projectRoot, ".local-jobs");
    }

    @Override
    public String submit(JobScriptSpec spec, IProgressMonitor monitor) throws ClusterException {
        roundTrips.incrementAndGet();
        String dir = RemotePaths.confine(spec.projectDir(), List.of(projectRoot), false);
        String script = generateScript(spec);
        long id = nextId();
        String sid = Long.toString(id);
        try {
            Path d = Path.of(dir);
            Files.createDirectories(d.resolve(JobScriptSpec.LOG_DIR));
            Files.writeString(d.resolve(JobScriptSpec.SCRIPT_FILE), script, StandardCharsets.UTF_8);
            Files.createDirectories(index());
            String token = spec.submitToken() == null ? "" : spec.submitToken();
            int limit = spec.resources().wallTimeMinutes() == null ? 0 : spec.resources().wallTimeMinutes() * 60;
            List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, "sh", dir, sid, Integer.toString(limit),
                    index().toString(), token));
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                cmd.add(0, "/usr/bin/setsid");
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(d.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = pb.environment();
            env.put("SLURM_JOB_ID", sid);
            env.put("SLURM_NTASKS", Integer.toString(spec.resources().cores()));
            env.put("SLURM_SUBMIT_DIR", dir);
            env.put("SLURM_JOB_NAME", spec.jobName());
            // The index entry (id -> dir, submit token) exists once the job exists, never before: a submitter killed
            // before the start leaves nothing behind (a retry submits), one killed after it is covered by the wrapper.
            pb.start();
            writeIndex(sid, dir + "\n" + token + "\n");
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Starting the local job failed: " + e.getMessage(), e);
        }
        return sid;
    }

    private void writeIndex(String sid, String content) throws IOException {
        Path tmp = index().resolve(sid + ".j");
        Files.writeString(tmp, content);
        Files.move(tmp, index().resolve(sid), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static long nextId() {
        long now = System.currentTimeMillis();
        return LAST_ID.updateAndGet(prev -> Math.max(prev + 1, now));
    }

    private Optional<Path> dirOf(String id) {
        if (!id.matches("[0-9]+")) {
            return Optional.empty();
        }
        try {
            Path f = index().resolve(id);
            if (!Files.exists(f)) {
                return Optional.empty();
            }
            return Optional.of(Path.of(Files.readAllLines(f).get(0)));
        } catch (IOException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> findBySubmitToken(String submitToken, IProgressMonitor monitor) throws ClusterException {
        if (submitToken == null || !Files.isDirectory(index())) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(index())) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!p.getFileName().toString().matches("[0-9]+")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(p);
                if (lines.size() > 1 && lines.get(1).equals(submitToken)) {
                    return Optional.of(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Reading the local job index failed: " + e.getMessage(), e);
        }
        return Optional.empty();
    }

    @Override
    public StatusReport status(Collection<String> schedulerIds, boolean force, IProgressMonitor monitor) {
        roundTrips.incrementAndGet();
        Map<String, JobStatus> out = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String id : schedulerIds) {
            Optional<Path> dir = dirOf(id);
            if (dir.isEmpty()) {
                missing.add(id);
                continue;
            }
            out.put(id, statusOf(id, dir.get().resolve(JobScriptSpec.LOG_DIR)));
        }
        return new StatusReport(out, missing, Instant.now(), false);
    }

    private static JobStatus statusOf(String id, Path logs) {
        String rc = read(logs.resolve("local-" + id + ".rc"));
        String mark = read(logs.resolve("local-" + id + ".state"));
        String pid = read(logs.resolve("local-" + id + ".pid"));
        if (rc != null) {
            int code = parseInt(rc, 1);
            JobState state = mark != null ? JobState.fromSlurm(mark) : code == 0 ? JobState.COMPLETED : JobState.FAILED;
            String reason = mark != null ? (state == JobState.TIMEOUT ? "TimeLimit" : "Cancelled") : code == 0 ? null : "NonZeroExitCode";
            return new JobStatus(id, state, state.name(), reason, null, code, "localhost", "local");
        }
        if (pid == null) {
            return new JobStatus(id, JobState.PENDING, "PENDING", "Starting", null, null, null, "local");
        }
        boolean alive = ProcessHandle.of(parseInt(pid, -1)).map(ProcessHandle::isAlive).orElse(false);
        if (alive) {
            return new JobStatus(id, JobState.RUNNING, "RUNNING", null, null, null, "localhost", "local");
        }
        // The job script ended; the wrapper writes its exit code next. While the wrapper lives, the job is completing.
        String wpid = read(logs.resolve("local-" + id + ".wpid"));
        boolean wrapperAlive = wpid != null && ProcessHandle.of(parseInt(wpid, -1)).map(ProcessHandle::isAlive).orElse(false);
        if (wrapperAlive) {
            return new JobStatus(id, JobState.COMPLETING, "COMPLETING", null, null, null, "localhost", "local");
        }
        if (read(logs.resolve("local-" + id + ".rc")) != null) {
            return statusOf(id, logs);
        }
        return new JobStatus(id, JobState.FAILED, "FAILED", "Process ended without an exit code (machine restarted?)", null,
                null, "localhost", "local");
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static int parseInt(String s, int dflt) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    @Override
    public void cancel(Collection<String> schedulerIds, IProgressMonitor monitor) throws ClusterException {
        roundTrips.incrementAndGet();
        for (String id : schedulerIds) {
            Optional<Path> dir = dirOf(id);
            if (dir.isEmpty()) {
                throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "No local job " + id);
            }
            Path logs = dir.get().resolve(JobScriptSpec.LOG_DIR);
            if (read(logs.resolve("local-" + id + ".rc")) != null) {
                continue;
            }
            try {
                Files.writeString(logs.resolve("local-" + id + ".state"), "CANCELLED\n");
            } catch (IOException e) {
                throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Cancelling " + id + " failed: " + e.getMessage(), e);
            }
            String pid = read(logs.resolve("local-" + id + ".pid"));
            if (pid != null) {
                ProcessHandle.of(parseInt(pid, -1)).ifPresent(ProcessHandle::destroy);
            }
        }
    }

    @Override
    public DiscoveryResult discover(IProgressMonitor monitor) throws ClusterException {
        roundTrips.incrementAndGet();
        ShellResult r = shell.run("for c in namd3 namd2; do p=$(command -v \"$c\" 2>/dev/null) && echo \"$c|$p\"; done; true",
                null, monitor);
        List<NamdModule> namd = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\\|", 2);
            if (f.length == 2) {
                namd.add(new NamdModule("", f[0].equals("namd2") ? "2" : "3", f[1]));
            }
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        PartitionSpec local = new PartitionSpec("local", true, 1, cpus, cpus, 1, null, null, null, null, List.of());
        List<String> warnings = namd.isEmpty() ? List.of("Neither namd3 nor namd2 is on PATH") : List.of();
        return new DiscoveryResult(List.of(local), List.of(), namd, List.of(), warnings);
    }

    @Override
    public List<RemoteDocument> findJobInfos(IProgressMonitor monitor) throws ClusterException {
        roundTrips.incrementAndGet();
        return SlurmSession.findJobInfos(shell, projectRoot, monitor);
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

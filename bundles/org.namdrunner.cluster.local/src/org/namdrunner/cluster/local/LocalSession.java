package org.namdrunner.cluster.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StatusReport;
import org.namdrunner.cluster.local.runner.LocalRunner;
import org.namdrunner.cluster.local.runner.NamdSimulator;
import org.namdrunner.cluster.local.runner.SimConfig;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.JobInfo;

/**
 * The Local profile: jobs run on this computer, started and tracked from Java alone (no shell, no scheduler), on
 * Windows, macOS and Linux. Each job is run by a detached {@link LocalRunner} process, started with this
 * application's own {@code java} from class files the session copies to {@code <projectRoot>/.local-jobs/runner-<hash>/};
 * it outlives the application, runs NAMD, and leaves its state on disk next to the job
 * ({@code logs/local-<id>.job/.runner/.namd/.state/.rc}, see {@link LocalRunner}), so that a later session finds,
 * tracks or cancels it: a process is recognised by its pid AND start instant ({@link LocalRunner#liveProcess}),
 * never by a recycled pid. An index {@code <projectRoot>/.local-jobs/<id>} maps ids to job directories and submit
 * tokens (written after the runner started, by this session and by the runner, so an interrupted submit leaves
 * either nothing or a findable job).
 *
 * <p>With the profile property {@value #SIMULATOR_PROPERTY}{@code =true} (the Demo preset) the "NAMD" of every
 * job is the built-in {@link NamdSimulator}; {@value #SIMULATOR_PACE_PROPERTY} sets its steps per second unless the
 * environment variable {@value NamdSimulator#PACE_ENV} does.
 */
public class LocalSession implements ClusterSession {
    /** Profile property: run the built-in NAMD simulator instead of NAMD. */
    public static final String SIMULATOR_PROPERTY = "simulator";
    /** Profile property: steps per second of the simulator. */
    public static final String SIMULATOR_PACE_PROPERTY = "simulatorStepsPerSecond";
    /** Directory under the project root with the job index and the runner's class files. */
    public static final String INDEX_DIR = ".local-jobs";

    /** Classes the detached runner needs: all JDK-only, without nested classes (each is one class file). */
    static final List<Class<?>> RUNNER_CLASSES = List.of(LocalRunner.class, NamdSimulator.class, SimConfig.class);

    private static final AtomicLong LAST_ID = new AtomicLong();
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final ProfileConfig profile;
    private final String projectRoot;
    private final String scratchRoot;
    private final LocalJobFiles files;
    private final AtomicLong roundTrips = new AtomicLong();
    /** The environment of job processes (and their PATH for finding NAMD); null: this process's. */
    private final Map<String, String> environment;

    public LocalSession(ProfileConfig profile) {
        this(profile, null);
    }

    /**
     * A session whose jobs run with exactly {@code environment} (this process's when null); NAMD is looked up on its
     * PATH.
     */
    public LocalSession(ProfileConfig profile, Map<String, String> environment) {
        this.profile = profile;
        this.environment = environment == null ? null : Map.copyOf(environment);
        String user = user();
        this.projectRoot = resolve(profile.projectRoot(), user, "local-jobs");
        this.scratchRoot = profile.scratchRoot().isEmpty() ? "" : resolve(profile.scratchRoot(), user, "local-scratch");
        this.files = new LocalJobFiles(List.of(projectRoot, scratchRoot));
    }

    private static String resolve(String root, String user, String dflt) {
        String r = root == null || root.isBlank() ? "~/.local/share/namdrunner/" + dflt : root;
        if (r.startsWith("~")) {
            r = org.namdrunner.core.NamdRunner.userHome() + r.substring(1);
        }
        return Path.of(ProfileConfig.resolveRoot(r, user)).toAbsolutePath().normalize().toString();
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

    /** True when this profile runs the built-in simulator instead of NAMD. */
    public boolean simulator() {
        return "true".equalsIgnoreCase(profile.property(SIMULATOR_PROPERTY));
    }

    /**
     * A description of what will run (the Local profile executes no script): the NAMD command line, directories,
     * cores, wall-time limit and environment. Refuses what a local run cannot honour (environment modules).
     */
    @Override
    public String generateScript(JobScriptSpec spec) throws ClusterException {
        validate(spec);
        Path dir = Path.of(spec.projectDir());
        StringBuilder s = new StringBuilder();
        s.append("# NAMDRunner local job ").append(spec.jobId()).append(" on this computer").append(simulator()
                ? " with the demo simulator (simulated NAMD output)" : "").append('\n');
        s.append("# A description, not a script: NAMDRunner's local job runner (a Java process that outlives the\n");
        s.append("# application) copies input/ to the work directory, runs the command below there with its output in\n");
        s.append("# logs/namd.log, stops it on cancel or at the wall-time limit, copies the work directory back to\n");
        s.append("# output/ and records the exit code in logs/namd.exitcode. NAMDRunner regenerates it on every submit.\n\n");
        s.append("Job name:        ").append(spec.jobName()).append('\n');
        s.append("Job directory:   ").append(dir).append('\n');
        s.append("Work directory:  ").append(workDir(spec)).append('\n');
        s.append("Cores:           ").append(spec.resources().cores()).append('\n');
        s.append("Wall-time limit: ").append(spec.resources().wallTimeMinutes() == null ? "none" : spec.resources().slurmTime())
                .append('\n');
        List<String> cmd = new ArrayList<>(namdCommand(spec).orElse(List.of("<no NAMD found: " + missingNamd(spec) + ">")));
        cmd.add("+p" + spec.resources().cores());
        cmd.add(spec.configFile());
        s.append("Command:         ").append(display(cmd)).append('\n');
        if (spec.dependency() != null) {
            s.append("Dependency:      ").append(spec.dependency()).append(" (not enforced on this computer: the job starts at once)\n");
        }
        for (Map.Entry<String, String> e : jobEnvironment(spec).entrySet()) {
            s.append("Environment:     ").append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return s.toString();
    }

    private static void validate(JobScriptSpec spec) throws ClusterException {
        Names.requireJobName(spec.jobName());
        Names.requireFileName(spec.configFile());
        if (spec.module() != null && !spec.module().module().isEmpty() || !spec.extraModules().isEmpty()) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "The Local profile does not load environment "
                    + "modules (" + (spec.module() != null && !spec.module().module().isEmpty() ? spec.module().module()
                            : String.join(", ", spec.extraModules())) + "): give the NAMD executable's path instead");
        }
        for (Map.Entry<String, String> e : spec.environment().entrySet()) {
            Names.requireEnvName(e.getKey());
            Names.requireValue("Value of " + e.getKey(), e.getValue());
        }
    }

    private static String display(List<String> cmd) {
        List<String> out = new ArrayList<>();
        for (String a : cmd) {
            out.add(a.isEmpty() || a.matches(".*[\\s\"'].*") ? '"' + a.replace("\"", "\\\"") + '"' : a);
        }
        return String.join(" ", out);
    }

    private String workDir(JobScriptSpec spec) {
        return spec.scratchDir() == null || spec.scratchDir().isBlank()
                ? Path.of(spec.projectDir(), JobScriptSpec.WORK_DIR).toString() : Path.of(spec.scratchDir()).toString();
    }

    private Map<String, String> jobEnvironment(JobScriptSpec spec) {
        Map<String, String> env = new java.util.LinkedHashMap<>(spec.environment());
        String pace = profile.property(SIMULATOR_PACE_PROPERTY);
        if (simulator() && pace != null && !pace.isBlank() && env(NamdSimulator.PACE_ENV) == null) {
            env.putIfAbsent(NamdSimulator.PACE_ENV, pace.strip());
        }
        return env;
    }

    /** The NAMD command before {@code +pN config}: the simulator, or the declared/found executable; empty if none. */
    Optional<List<String>> namdCommand(JobScriptSpec spec) throws ClusterException {
        if (simulator()) {
            return Optional.of(List.of(javaExecutable().toString(), "-cp", runnerDir().toString(), NamdSimulator.class.getName()));
        }
        return findNamd(spec.module()).map(p -> List.of(p.toString()));
    }

    /**
     * Why a job with {@code module} (null: none) could not start NAMD on this computer, checked before anything is
     * created; empty when it can (the demo simulator always can).
     */
    public Optional<String> namdProblem(NamdModule module) {
        if (simulator() || findNamd(module).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("This computer cannot run NAMD: " + missingNamd(module) + ". Install NAMD, give the full "
                + "path of its executable in the profile's NAMD modules, or choose the Demo profile to try NAMDRunner "
                + "with simulated output");
    }

    /** The NAMD executable: the module's declared one, else namd3 or namd2, on this session's PATH. */
    private Optional<Path> findNamd(NamdModule m) {
        String declared = m == null ? null : m.executableOrGuess();
        List<String> names = new ArrayList<>();
        if (declared != null) {
            names.add(declared);
        }
        names.addAll(List.of("namd3", "namd2"));
        for (String n : names) {
            Optional<Path> p = findExecutable(n, env("PATH"));
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static String missingNamd(JobScriptSpec spec) {
        return missingNamd(spec.module());
    }

    private static String missingNamd(NamdModule m) {
        return "no NAMD executable (" + (m != null && m.executable() != null ? m.executable() + ", " : "") + "namd3 or namd2) found on PATH";
    }

    private String env(String name) {
        return environment == null ? System.getenv(name) : environment.get(name);
    }

    /** An absolute executable path, or a name looked up on {@code path} (with PATHEXT's endings on Windows). */
    static Optional<Path> findExecutable(String name, String path) {
        Path given = Path.of(name);
        if (given.isAbsolute()) {
            return Files.isRegularFile(given) && Files.isExecutable(given) ? Optional.of(given) : Optional.empty();
        }
        if (given.getNameCount() != 1) {
            return Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        List<String> endings = new ArrayList<>(List.of(""));
        if (WINDOWS) {
            String ext = System.getenv("PATHEXT");
            for (String e : (ext == null ? ".COM;.EXE;.BAT;.CMD" : ext).split(";")) {
                endings.add(e.toLowerCase(Locale.ROOT));
            }
        }
        for (String d : path.split(File.pathSeparator)) {
            if (d.isBlank()) {
                continue;
            }
            for (String e : endings) {
                try {
                    Path p = Path.of(d, name + e);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return Optional.of(p);
                    }
                } catch (java.nio.file.InvalidPathException ex) {
                    // a malformed PATH entry: skip it
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code java} of this application (the runner and the simulator run on it). */
    static Path javaExecutable() throws ClusterException {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        for (String n : WINDOWS ? List.of("javaw.exe", "java.exe") : List.of("java")) {
            if (Files.isExecutable(bin.resolve(n))) {
                return bin.resolve(n);
            }
        }
        Optional<String> self = ProcessHandle.current().info().command();
        if (self.isPresent() && Files.isExecutable(Path.of(self.get()))) {
            return Path.of(self.get());
        }
        throw new ClusterException(ClusterException.Kind.CONFIGURATION, "Cannot find the Java executable of this application "
                + "(looked in " + bin + "): the local job runner needs it");
    }

    private Path index() {
        return Path.of(projectRoot, INDEX_DIR);
    }

    /** The directory with the runner's class files (named by their hash, so an update brings a new one). */
    public Path runnerDir() throws ClusterException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Class<?> c : RUNNER_CLASSES) {
            sha.update(classBytes(c));
        }
        return index().resolve("runner-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16));
    }

    private static byte[] classBytes(Class<?> c) throws ClusterException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            if (in == null) {
                throw new ClusterException(ClusterException.Kind.CONFIGURATION, "Class file of " + c.getName() + " not found");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.CONFIGURATION, "Reading " + c.getName() + " failed: " + e.getMessage(), e);
        }
    }

    /** Copies the runner's class files to {@link #runnerDir()} unless they are there. */
    private Path installRunner() throws ClusterException, IOException {
        Path dir = runnerDir();
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        for (Class<?> c : RUNNER_CLASSES) {
            Path f = tmp.resolve(c.getName().replace('.', '/') + ".class");
            Files.createDirectories(f.getParent());
            Files.write(f, classBytes(c));
        }
        try {
            Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            files.deleteTree(tmp.toString(), null); // another session installed it first
        }
        return dir;
    }

    @Override
    public String submit(JobScriptSpec spec, IProgressMonitor monitor) throws ClusterException {
        roundTrips.incrementAndGet();
        Path dir = files.confine(spec.projectDir(), false);
        String description = generateScript(spec);
        long id = nextId();
        String sid = Long.toString(id);
        try {
            Path logs = dir.resolve(JobScriptSpec.LOG_DIR);
            Files.createDirectories(logs);
            Files.writeString(dir.resolve(JobScriptSpec.SCRIPT_FILE), description, StandardCharsets.UTF_8);
            Files.createDirectories(index());
            Path runner = installRunner();
            String token = spec.submitToken() == null ? "" : spec.submitToken();
            Properties job = new Properties();
            job.setProperty(LocalRunner.KEY_ID, sid);
            job.setProperty(LocalRunner.KEY_PROJECT_DIR, dir.toString());
            job.setProperty(LocalRunner.KEY_WORK_DIR, workDir(spec));
            job.setProperty(LocalRunner.KEY_CONFIG, spec.configFile());
            job.setProperty(LocalRunner.KEY_CORES, Integer.toString(spec.resources().cores()));
            job.setProperty(LocalRunner.KEY_LIMIT_SECONDS, Long.toString(
                    spec.resources().wallTimeMinutes() == null ? 0 : spec.resources().wallTimeMinutes() * 60L));
            job.setProperty(LocalRunner.KEY_INDEX_DIR, index().toString());
            job.setProperty(LocalRunner.KEY_SUBMIT_TOKEN, token);
            Optional<List<String>> namd = namdCommand(spec);
            if (namd.isPresent()) {
                for (int i = 0; i < namd.get().size(); i++) {
                    job.setProperty(LocalRunner.KEY_NAMD_PREFIX + i, namd.get().get(i));
                }
            } else {
                job.setProperty(LocalRunner.KEY_NAMD_MISSING, missingNamd(spec));
            }
            jobEnvironment(spec).forEach((k, v) -> job.setProperty(LocalRunner.KEY_ENV_PREFIX + k, v));
            Path jobFile = logs.resolve(LocalRunner.jobFile(sid));
            try (Writer w = Files.newBufferedWriter(jobFile, StandardCharsets.UTF_8)) {
                job.store(w, "NAMDRunner local job " + spec.jobId() + " (read by the local job runner)");
            }
            ProcessBuilder pb = new ProcessBuilder(javaExecutable().toString(), "-cp", runner.toString(),
                    LocalRunner.class.getName(), jobFile.toString()).directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("slurm-" + sid + ".out").toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve("slurm-" + sid + ".err").toFile()));
            if (environment != null) {
                pb.environment().clear();
                pb.environment().putAll(environment);
            }
            // The index entry (id -> dir, submit token) exists once the job exists, never before: a submitter killed
            // before the start leaves nothing behind (a retry submits), one killed after it is covered by the runner.
            Process p = pb.start();
            p.getOutputStream().close();
            LocalRunner.writeAtomically(logs.resolve(LocalRunner.runnerFile(sid)), LocalRunner.processRecord(p.toHandle()));
            if (!Files.exists(index().resolve(sid))) {
                LocalRunner.writeAtomically(index().resolve(sid), dir + "\n" + token + "\n");
            }
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Starting the local job failed: " + e.getMessage(), e);
        }
        return sid;
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
        JobStatus done = finished(id, logs);
        if (done != null) {
            return done;
        }
        Path runner = logs.resolve(LocalRunner.runnerFile(id));
        if (!Files.exists(runner)) {
            return new JobStatus(id, JobState.PENDING, "PENDING", "Starting", null, null, null, "local");
        }
        if (LocalRunner.liveProcess(runner).isPresent()) {
            return new JobStatus(id, JobState.RUNNING, "RUNNING", null, null, null, "localhost", "local");
        }
        // the runner writes the exit code before it ends: read again, it may have ended just now
        done = finished(id, logs);
        if (done != null) {
            return done;
        }
        String mark = read(logs.resolve(LocalRunner.stateFile(id)));
        if (mark != null) {
            JobState state = JobState.fromSlurm(mark);
            return new JobStatus(id, state, state.name(), state == JobState.TIMEOUT ? "TimeLimit" : "Cancelled", null, null,
                    "localhost", "local");
        }
        return new JobStatus(id, JobState.FAILED, "FAILED", "The local job runner ended without an exit code (computer "
                + "restarted or process killed?)", null, null, "localhost", "local");
    }

    /** The terminal status when the runner recorded the exit code, else null. */
    private static JobStatus finished(String id, Path logs) {
        String rc = read(logs.resolve(LocalRunner.rcFile(id)));
        if (rc == null) {
            return null;
        }
        String mark = read(logs.resolve(LocalRunner.stateFile(id)));
        int code = parseInt(rc, 1);
        JobState state = mark != null ? JobState.fromSlurm(mark) : code == 0 ? JobState.COMPLETED : JobState.FAILED;
        String reason = mark != null ? (state == JobState.TIMEOUT ? "TimeLimit" : "Cancelled") : code == 0 ? null : "NonZeroExitCode";
        return new JobStatus(id, state, state.name(), reason, null, code, "localhost", "local");
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

    /**
     * Asks the runner to stop the job (it polls for {@code local-<id>.state}, stops NAMD, copies the results back and
     * records the exit code); when the runner is gone, stops NAMD directly.
     */
    @Override
    public void cancel(Collection<String> schedulerIds, IProgressMonitor monitor) throws ClusterException {
        roundTrips.incrementAndGet();
        for (String id : schedulerIds) {
            Optional<Path> dir = dirOf(id);
            if (dir.isEmpty()) {
                throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "No local job " + id);
            }
            Path logs = dir.get().resolve(JobScriptSpec.LOG_DIR);
            if (read(logs.resolve(LocalRunner.rcFile(id))) != null) {
                continue;
            }
            try {
                LocalRunner.writeAtomically(logs.resolve(LocalRunner.stateFile(id)), LocalRunner.STATE_CANCELLED + "\n");
            } catch (IOException e) {
                throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Cancelling " + id + " failed: " + e.getMessage(), e);
            }
            if (LocalRunner.liveProcess(logs.resolve(LocalRunner.runnerFile(id))).isEmpty()) {
                LocalRunner.liveProcess(logs.resolve(LocalRunner.namdFile(id))).ifPresent(h -> {
                    h.descendants().forEach(ProcessHandle::destroy);
                    h.destroy();
                });
            }
        }
    }

    @Override
    public DiscoveryResult discover(IProgressMonitor monitor) throws ClusterException {
        roundTrips.incrementAndGet();
        List<NamdModule> namd = new ArrayList<>();
        for (String n : List.of("namd3", "namd2")) {
            findExecutable(n, env("PATH")).ifPresent(p -> namd.add(new NamdModule("", n.equals("namd2") ? "2" : "3", p.toString())));
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        PartitionSpec local = new PartitionSpec("local", true, 1, cpus, cpus, 1, null, null, null, null, List.of());
        List<String> warnings = namd.isEmpty() && !simulator() ? List.of("Neither namd3 nor namd2 is on PATH") : List.of();
        return new DiscoveryResult(List.of(local), List.of(), namd, List.of(), warnings);
    }

    /** Every {@code job_info.json} up to three levels below the project root. */
    @Override
    public List<RemoteDocument> findJobInfos(IProgressMonitor monitor) throws ClusterException {
        roundTrips.incrementAndGet();
        Path root = Path.of(projectRoot);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<RemoteDocument> docs = new ArrayList<>();
        try (Stream<Path> s = Files.find(root, 3, (p, a) -> a.isRegularFile() && p.getFileName().toString().equals(JobInfo.FILE_NAME))) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                try {
                    docs.add(new RemoteDocument(p.toString(), Files.readString(p, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    // unreadable file: skipped, the caller reports the others
                }
            }
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Searching " + root + " failed: " + e.getMessage(), e);
        }
        return docs;
    }

    @Override
    public long roundTrips() {
        return roundTrips.get();
    }

    @Override
    public void close() {
        // nothing held open: jobs run in their own processes
    }
}

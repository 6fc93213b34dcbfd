package org.namdrunner.cluster.local.runner;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The process that runs one Local job, detached from the workbench (it outlives it): a plain Java main class that
 * uses the JDK only (no OSGi, no shell), so the Local profile copies its class file next to the jobs and starts it
 * with the workbench's own {@code java}. It does what the Slurm job script does on a cluster: copies
 * {@code input/} to the work directory, starts NAMD there ({@code logs/namd.log}), stops it on a cancel request
 * or at the wall-time limit, copies the work directory back to {@code output/}, and records NAMD's exit code.
 *
 * <p>Usage: {@code java -cp <dir> org.namdrunner.cluster.local.runner.LocalRunner <job file>}, where the job file
 * ({@code logs/local-<id>.job}, {@link Properties}) was written by the Local session. Files it writes next to the
 * job file, in {@code logs/}: {@code local-<id>.runner} (its pid and start instant), {@code local-<id>.namd}
 * (NAMD's), {@code local-<id>.state} (TIMEOUT when it stopped NAMD at the limit; the session writes CANCELLED to
 * ask for a stop), {@code local-<id>.rc} (the exit code, written last, atomically), {@code namd.exitcode} (as the
 * Slurm script), and its own messages in {@code slurm-<id>.err} (its standard error) as on a cluster.
 */
public final class LocalRunner {
    public static final String KEY_ID = "id";
    public static final String KEY_PROJECT_DIR = "projectDir";
    public static final String KEY_WORK_DIR = "workDir";
    public static final String KEY_CONFIG = "config";
    public static final String KEY_CORES = "cores";
    public static final String KEY_LIMIT_SECONDS = "limitSeconds";
    public static final String KEY_INDEX_DIR = "indexDir";
    public static final String KEY_SUBMIT_TOKEN = "submitToken";
    /** {@code namd.0}, {@code namd.1}, ...: the NAMD command before the config file; none: no NAMD was found. */
    public static final String KEY_NAMD_PREFIX = "namd.";
    /** {@code env.NAME}: environment variables for NAMD. */
    public static final String KEY_ENV_PREFIX = "env.";
    /** Why no NAMD command could be resolved (with {@link #KEY_NAMD_PREFIX} absent). */
    public static final String KEY_NAMD_MISSING = "namdMissing";

    public static final String STATE_CANCELLED = "CANCELLED";
    public static final String STATE_TIMEOUT = "TIMEOUT";
    /** Exit code recorded for a job we stopped (as a shell reports SIGTERM). */
    public static final int STOPPED_EXIT_CODE = 143;

    private static final long POLL_MS = 200;
    private static final long GRACE_MS = 10_000;

    private final Properties job;
    private final Path logs;
    private final String id;

    private LocalRunner(Properties job, Path logs) {
        this.job = job;
        this.logs = logs;
        this.id = job.getProperty(KEY_ID);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LocalRunner <job file>");
            System.exit(2);
        }
        ignoreHangUp();
        Path jobFile = Path.of(args[0]).toAbsolutePath();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(jobFile, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        LocalRunner runner = new LocalRunner(p, jobFile.getParent());
        int rc;
        try {
            rc = runner.run();
        } catch (IOException | RuntimeException e) {
            System.err.println("NAMDRunner: the local job runner failed: " + e);
            rc = 1;
        }
        runner.finish(rc);
        System.exit(rc);
    }

    /** File names in {@code logs/} of job {@code id}. */
    public static String jobFile(String id) {
        return "local-" + id + ".job";
    }

    public static String runnerFile(String id) {
        return "local-" + id + ".runner";
    }

    public static String namdFile(String id) {
        return "local-" + id + ".namd";
    }

    public static String stateFile(String id) {
        return "local-" + id + ".state";
    }

    public static String rcFile(String id) {
        return "local-" + id + ".rc";
    }

    /**
     * The text of a process record: pid, start instant (epoch milliseconds, 0 when the OS does not tell) and, on Linux,
     * the start time in clock ticks since boot ({@link #startTicks}).
     */
    public static String processRecord(ProcessHandle h) {
        long start = h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        long ticks = startTicks(h.pid());
        return "pid=" + h.pid() + "\nstart=" + start + "\n" + (ticks >= 0 ? "ticks=" + ticks + "\n" : "");
    }

    /**
     * The live process of a record written by {@link #processRecord}: present only while the process with that pid
     * runs AND started when the record says (a recycled pid belongs to another process).
     * <p>
     * On Linux the start is compared in clock ticks since boot, exactly. The JDK's start instant is not comparable
     * between two JVMs: each adds the process's ticks to the boot time it read once from {@code /proc/stat}
     * ({@code btime}, whole seconds, recomputed by the kernel from the wall clock), so a workbench and a runner started
     * a minute apart can see the same process start 1 s apart. Without ticks (another OS, or an older record) the
     * instants are compared with that second of slack.
     */
    public static Optional<ProcessHandle> liveProcess(Path record) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
            p.load(r);
            long pid = Long.parseLong(p.getProperty("pid", "-1").strip());
            long start = Long.parseLong(p.getProperty("start", "0").strip());
            long ticks = Long.parseLong(p.getProperty("ticks", "-1").strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> sameStart(h, start, ticks));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean sameStart(ProcessHandle h, long start, long ticks) {
        long now = ticks >= 0 ? startTicks(h.pid()) : -1;
        if (now >= 0) {
            return now == ticks;
        }
        return start == 0 || h.info().startInstant().map(s -> Math.abs(s.toEpochMilli() - start) < 2000).orElse(true);
    }

    /**
     * Linux: the start time of process {@code pid} in clock ticks since boot (field 22 of {@code /proc/<pid>/stat},
     * counted after the command name, which may hold spaces and parentheses); -1 elsewhere or when it is gone.
     */
    static long startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Writes {@code text} to {@code target} atomically (temporary file + move). */
    public static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private int run() throws IOException {
        writeAtomically(logs.resolve(runnerFile(id)), processRecord(ProcessHandle.current()));
        // The submitter writes the index entry too, but may have been killed right after starting us.
        Path index = Path.of(job.getProperty(KEY_INDEX_DIR));
        if (!Files.exists(index.resolve(id))) {
            Files.createDirectories(index);
            writeAtomically(index.resolve(id), job.getProperty(KEY_PROJECT_DIR) + "\n" + job.getProperty(KEY_SUBMIT_TOKEN, "") + "\n");
        }
        List<String> namd = new ArrayList<>();
        for (int i = 0; job.containsKey(KEY_NAMD_PREFIX + i); i++) {
            namd.add(job.getProperty(KEY_NAMD_PREFIX + i));
        }
        if (namd.isEmpty()) {
            System.err.println("NAMDRunner: " + job.getProperty(KEY_NAMD_MISSING, "no NAMD executable (namd3 or namd2) found on PATH"));
            return 127;
        }
        Path project = Path.of(job.getProperty(KEY_PROJECT_DIR));
        Path work = Path.of(job.getProperty(KEY_WORK_DIR));
        Files.createDirectories(work);
        Files.createDirectories(project.resolve("output"));
        try {
            copyTree(project.resolve("input"), work);
        } catch (IOException e) {
            System.err.println("NAMDRunner: copying inputs to " + work + " failed: " + e.getMessage());
            return 2;
        }
        List<String> cmd = new ArrayList<>(namd);
        cmd.add("+p" + job.getProperty(KEY_CORES, "1"));
        cmd.add(job.getProperty(KEY_CONFIG));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(logs.resolve("namd.log").toFile());
        for (String k : job.stringPropertyNames()) {
            if (k.startsWith(KEY_ENV_PREFIX)) {
                pb.environment().put(k.substring(KEY_ENV_PREFIX.length()), job.getProperty(k));
            }
        }
        pb.environment().put("NAMDRUNNER_JOB_ID", id);
        System.err.println("NAMDRunner: running " + String.join(" ", cmd) + " in " + work);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            System.err.println("NAMDRunner: cannot start NAMD (" + cmd.get(0) + "): " + e.getMessage());
            copyBack(work, project);
            return 127;
        }
        p.getOutputStream().close();
        writeAtomically(logs.resolve(namdFile(id)), processRecord(p.toHandle()));
        long limitS = Long.parseLong(job.getProperty(KEY_LIMIT_SECONDS, "0"));
        long deadline = limitS > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(limitS) : Long.MAX_VALUE;
        try {
            while (!p.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                String why = null;
                if (Files.exists(logs.resolve(stateFile(id)))) {
                    why = "cancelled";
                } else if (System.nanoTime() > deadline) {
                    writeAtomically(logs.resolve(stateFile(id)), STATE_TIMEOUT + "\n");
                    System.err.println("*** JOB " + id + " CANCELLED DUE TO TIME LIMIT ***");
                    why = "time limit";
                }
                if (why != null) {
                    System.err.println("NAMDRunner: job stopped (" + why + ")");
                    stop(p);
                    copyBack(work, project);
                    return STOPPED_EXIT_CODE;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(p);
        }
        copyBack(work, project);
        return p.exitValue();
    }

    /** Asks NAMD and its children to end, then forces them after a grace period. */
    private static void stop(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(GRACE_MS, TimeUnit.MILLISECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(GRACE_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copyBack(Path work, Path project) {
        try {
            copyTree(work, project.resolve("output"));
        } catch (IOException e) {
            System.err.println("NAMDRunner: copying results back failed: " + e.getMessage());
        }
    }

    private void finish(int rc) throws IOException {
        writeAtomically(logs.resolve("namd.exitcode"), rc + "\n");
        writeAtomically(logs.resolve(rcFile(id)), rc + "\n");
    }

    /** Copies the contents of {@code from} into {@code to} (creating directories, keeping modification times). */
    public static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * Keeps running when the terminal the workbench was started from hangs up (where the platform has SIGHUP; the
     * JDK's unsupported signal API is used through reflection and its absence is harmless).
     */
    private static void ignoreHangUp() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object ign = handler.getField("SIG_IGN").get(null);
            signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance("HUP"), ign);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no SIGHUP here (Windows) or no signal API: nothing to ignore
        }
    }
}

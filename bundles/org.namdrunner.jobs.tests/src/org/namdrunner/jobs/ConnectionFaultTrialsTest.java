package org.namdrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.SharedInputs;
import org.namdrunner.cluster.ShellResult;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.op.CreateJobOperation;
import org.namdrunner.jobs.op.DownloadOperation;
import org.namdrunner.jobs.op.SubmitOperation;
import org.namdrunner.jobs.op.SyncOperation;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.UserInteraction;
import org.namdrunner.store.Store;
import org.namdrunner.testing.TcpProxy;
import org.namdrunner.testing.TestCluster;

/**
 * Issue 18, fault trials with a cut connection: one job per trial through the jobs layer (Create Job with submit,
 * the automatic sync, the download of its results) on the test cluster, through a TCP proxy. In each trial ONE fault
 * hits a random point of one phase (each phase in turn) — upload (the inputs), submit (the {@code sbatch} round trip), sync (the status
 * query) or download (the results folder): the proxy cuts every connection after a random number of the bytes that
 * call moves (measured in a fault-free calibration trial), or the sshd processes serving the proxy's connections
 * (found by their peer port with {@code ss}; only ours) are killed with SIGKILL after a random part of the call's
 * calibrated duration. Then the test does what a user (or the automatic sync) does: it repeats the failed action —
 * Submit, Sync, Download Results — once a second until the job is done.
 *
 * <p>Counted and asserted: duplicate submissions (Slurm jobs carrying the job's submit token, from squeue and sacct),
 * corrupt or partial files under a final name (every input on the cluster and every downloaded result compared by
 * sha256 with its source; the stored input object with its digest name), jobs lost from the store, jobs that did not
 * complete with their results within 180 s of the fault; all must be 0. Reported: the worst time from the fault to
 * the end of the interrupted phase. {@code namdrunner.faults.cuts} trials (default 5; {@code benchmarks/faults/run}
 * runs 100), seed {@code namdrunner.faults.seed}.
 */
@Tag("cluster")
class ConnectionFaultTrialsTest {
    static final IProgressMonitor M = new NullProgressMonitor();
    static final long RECOVERY_LIMIT_MS = 180_000;

    enum Phase { UPLOAD, SUBMIT, SYNC, DOWNLOAD }

    enum Method { PROXY_CUT, KILL_SSHD }

    /** Where the one fault of a trial goes, and what it hit. */
    static final class Fault {
        final Phase phase;
        final Method method;
        final double at; // 0..1 of the call's bytes or duration
        volatile long firedAt;
        volatile boolean inside; // the call was still running when the fault hit
        volatile long callEndedAt;
        volatile boolean armed = true;
        volatile String note = "";

        Fault(Phase phase, Method method, double at) {
            this.phase = phase;
            this.method = method;
            this.at = at;
        }
    }

    /**
     * Shared by every shell of the session (a cut makes the jobs layer open a new one): the trial's fault, and the
     * bytes and time per call of each phase, measured in the fault-free calibration trial.
     */
    static final class Calls {
        final Map<Phase, long[]> byPhase = new LinkedHashMap<>(); // up bytes, down bytes, nanos
        volatile Fault fault;
        volatile boolean calibrating;

        /** The first call of each phase: a trial's fault goes into the first call of its phase. */
        synchronized void add(Phase p, long up, long down, long nanos) {
            byPhase.putIfAbsent(p, new long[] {up, down, nanos});
        }
    }

    /** The session's shell, with a hook before each call of a phase. */
    static final class FaultShell implements RemoteShell {
        final RemoteShell d;
        final TcpProxy proxy;
        final Calls calls;

        FaultShell(RemoteShell d, TcpProxy proxy, Calls calls) {
            this.d = d;
            this.proxy = proxy;
            this.calls = calls;
        }

        static Phase phaseOf(String script) {
            if (script.contains("sbatch")) {
                return Phase.SUBMIT;
            }
            if (script.contains("squeue")) {
                return Phase.SYNC;
            }
            return null;
        }

        interface Call<T> {
            T call() throws ClusterException;
        }

        <T> T around(Phase p, Call<T> c) throws ClusterException {
            long up = proxy.upstreamBytes();
            long down = proxy.downstreamBytes();
            long t = System.nanoTime();
            Fault f = calls.fault;
            boolean mine = p != null && f != null && f.armed && f.phase == p;
            if (mine) {
                f.armed = false;
                fire(f, p);
            }
            try {
                return c.call();
            } finally {
                if (mine) {
                    f.callEndedAt = System.nanoTime();
                    if (f.firedAt == 0 && f.method == Method.PROXY_CUT) {
                        f.note = "call ended before the fault";
                        proxy.disarm();
                    } else {
                        f.inside = f.inside || f.firedAt <= System.nanoTime();
                    }
                }
                if (calls.calibrating && p != null) {
                    calls.add(p, proxy.upstreamBytes() - up, proxy.downstreamBytes() - down, System.nanoTime() - t);
                }
            }
        }

        private void fire(Fault f, Phase p) {
            long[] cal = calls.byPhase.getOrDefault(p, new long[] {4096, 4096, 200_000_000});
            if (f.method == Method.PROXY_CUT) {
                long total = Math.max(1, cal[0] + cal[1]);
                long r = (long) (f.at * total);
                if (r < cal[0]) {
                    proxy.killAfterUpstreamBytes(Math.max(1, r));
                } else {
                    proxy.killAfterDownstreamBytes(Math.max(1, r - cal[0]));
                }
                // the proxy cuts when the count is reached; note the time from a watcher
                long kills = proxy.kills();
                Thread w = new Thread(() -> {
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (proxy.kills() == kills && System.nanoTime() < end && f.note.isEmpty()) {
                        Thread.onSpinWait();
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (proxy.kills() != kills) {
                        f.firedAt = System.nanoTime();
                        f.inside = true;
                    }
                }, "fault-watch");
                w.setDaemon(true);
                w.start();
            } else {
                long delayNanos = (long) (f.at * cal[2]);
                Thread k = new Thread(() -> {
                    try {
                        TimeUnit.NANOSECONDS.sleep(delayNanos);
                        List<Integer> ports = proxy.upstreamLocalPorts();
                        f.firedAt = System.nanoTime();
                        f.inside = true;
                        killSshdServing(ports);
                    } catch (InterruptedException | IOException e) {
                        f.note = "kill failed: " + e;
                    }
                }, "fault-kill");
                k.setDaemon(true);
                k.start();
            }
        }

        @Override
        public ShellResult run(String script, List<String> args, byte[] stdin, IProgressMonitor monitor) throws ClusterException {
            return around(phaseOf(script), () -> d.run(script, args, stdin, monitor));
        }

        @Override
        public String user() {
            return d.user();
        }

        @Override
        public void upload(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException {
            around(Phase.UPLOAD, () -> {
                d.upload(local, remotePath, monitor);
                return null;
            });
        }

        @Override
        public String uploadVerified(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException {
            return around(Phase.UPLOAD, () -> d.uploadVerified(local, remotePath, monitor));
        }

        @Override
        public boolean downloadFolder(String remoteDir, Path localDir, IProgressMonitor monitor) throws ClusterException {
            return around(Phase.DOWNLOAD, () -> d.downloadFolder(remoteDir, localDir, monitor));
        }

        @Override
        public void download(String remotePath, Path local, IProgressMonitor monitor) throws ClusterException {
            around(Phase.DOWNLOAD, () -> {
                d.download(remotePath, local, monitor);
                return null;
            });
        }

        @Override
        public void close() {
            d.close();
        }
    }

    static final Pattern SS_PID = Pattern.compile("pid=(\\d+)");

    /** SIGKILL to the sshd processes whose connection's peer is one of the proxy's upstream ports (only ours). */
    static void killSshdServing(List<Integer> ports) throws IOException, InterruptedException {
        int sshPort = Integer.parseInt(TestCluster.properties().getProperty("port"));
        Set<String> pids = new LinkedHashSet<>();
        for (int port : ports) {
            Process p = new ProcessBuilder("ss", "-Htnp", "state", "established", "( sport = :" + sshPort + " and dport = :" + port + " )")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            Matcher m = SS_PID.matcher(out);
            while (m.find()) {
                pids.add(m.group(1));
            }
        }
        if (!pids.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("kill", "-9"));
            cmd.addAll(pids);
            new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor();
        }
    }

    /** Whether this JVM may see and kill sshd's processes (root, with ss): else every fault is a proxy cut. */
    static boolean canKillSshd() {
        try {
            Process p = new ProcessBuilder("ss", "-Htnp").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 && "root".equals(System.getProperty("user.name"));
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static JobService service(Store store, ProfileConfig profile, TcpProxy proxy, Calls calls) throws ClusterException {
        ClusterProfileRegistry registry = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository());
        registry.add(profile);
        SshConnectionContext ssh = new SshConnectionContext(UserInteraction.NONE, null, new CommandLog());
        Connector connector = new Connector() {
            @Override
            public RemoteShell openShell(ProfileConfig p, IProgressMonitor m) throws ClusterException {
                return new FaultShell(ssh.openShell(p, m), proxy, calls);
            }

            @Override
            public boolean needsConnection(ProfileConfig p) {
                return false;
            }

            @Override
            public boolean isConnected(ProfileConfig p) {
                return true;
            }
        };
        return new JobService(store, new ClusterSessions(() -> registry, connector), AutomationStepRegistry.fromExtensions(), null, null);
    }

    /** What the trials found. */
    static final class Report {
        int trials;
        int duplicates;
        int corrupt;
        int lost;
        int notResumed;
        long worstRecoveryMs;
        final Map<String, Integer> faults = new TreeMap<>();
        final Map<String, Integer> outcomes = new TreeMap<>();
        final List<String> problems = new ArrayList<>();
        final List<Long> recoveries = new ArrayList<>();

        String summary() {
            List<Long> r = new ArrayList<>(recoveries);
            r.sort(null);
            return trials + " trials: duplicate submissions " + duplicates + ", corrupt/partial files under a final name " + corrupt
                    + ", jobs lost from the store " + lost + ", jobs that did not resume " + notResumed + ", worst recovery "
                    + worstRecoveryMs + " ms, median recovery " + (r.isEmpty() ? 0 : r.get(r.size() / 2)) + " ms; faults " + faults
                    + "; how the interrupted action ended " + outcomes;
        }
    }

    @Test
    void cutConnectionsAtRandomPointsLoseNothingAndSubmitNothingTwice(@TempDir Path tmp) throws Exception {
        int trials = Integer.getInteger("namdrunner.faults.cuts", 5);
        long seed = Long.getLong("namdrunner.faults.seed", System.nanoTime());
        Random rnd = new Random(seed);
        boolean kill = canKillSshd();
        System.out.println("ConnectionFaultTrialsTest: " + trials + " trials, seed " + seed + (kill ? "" : ", sshd kills not possible here"));
        Calls calls = new Calls();
        Report report = new Report();
        Path results = Files.createDirectories(tmp.resolve("results"));
        try (TcpProxy proxy = new TcpProxy(); Store store = TestCluster.newStore("fault-trials");
                RemoteShell check = new SshConnectionContext(UserInteraction.NONE, null, new CommandLog())
                        .openShell(TestCluster.slurmProfile("fault-check-"), M)) {
            ProfileConfig profile = proxy.slurmProfile("faults-", tmp).toBuilder().statusMinIntervalSeconds(0).build();
            try (JobService service = service(store, profile, proxy, calls)) {
                Set<String> seen = new LinkedHashSet<>();
                // calibration: one trial without a fault measures bytes and time per call of each phase
                calls.calibrating = true;
                new Trial(service, profile, calls, tmp, results, 0, null).run(check, report, seen, rnd);
                calls.calibrating = false;
                System.out.println("ConnectionFaultTrialsTest: calibration (first call of each phase: up bytes/down bytes/ms): "
                        + calls.byPhase.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()[0] + "/" + e.getValue()[1] + "/"
                                + e.getValue()[2] / 1_000_000).toList());
                report.recoveries.clear();
                report.worstRecoveryMs = 0;
                report.trials = 0;
                for (int i = 1; i <= trials; i++) {
                    Phase phase = Phase.values()[(i - 1) % Phase.values().length]; // each phase in turn
                    Method method = kill && rnd.nextBoolean() ? Method.KILL_SSHD : Method.PROXY_CUT;
                    Fault f = new Fault(phase, method, rnd.nextDouble());
                    report.faults.merge(phase + "/" + method, 1, Integer::sum);
                    new Trial(service, profile, calls, tmp, results, i, f).run(check, report, seen, rnd);
                    report.trials++;
                }
                // nothing lost from the store over all trials
                for (String id : seen) {
                    if (store.jobs().find(id).isEmpty()) {
                        report.lost++;
                        report.problems.add("job " + id + " lost from the store");
                    }
                }
            }
        }
        System.out.println("ConnectionFaultTrialsTest: " + report.summary());
        report.problems.forEach(p -> System.out.println("ConnectionFaultTrialsTest: problem: " + p));
        assertEquals(trials, report.trials);
        assertEquals(0, report.duplicates, report.summary() + report.problems);
        assertEquals(0, report.corrupt, report.summary() + report.problems);
        assertEquals(0, report.lost, report.summary() + report.problems);
        assertEquals(0, report.notResumed, report.summary() + report.problems);
    }

    /** One job from creation to downloaded results, with at most one fault. */
    static final class Trial {
        final JobService service;
        final ProfileConfig profile;
        final Calls calls;
        final Path tmp;
        final Path results;
        final int n;
        final Fault fault;

        Trial(JobService service, ProfileConfig profile, Calls calls, Path tmp, Path results, int n, Fault fault) {
            this.service = service;
            this.profile = profile;
            this.calls = calls;
            this.tmp = tmp;
            this.results = results;
            this.n = n;
            this.fault = fault;
        }

        void run(RemoteShell check, Report report, Set<String> seen, Random rnd) throws Exception {
            Path in = Files.createDirectories(tmp.resolve("in-" + n));
            Files.writeString(in.resolve("mol.psf"), "PSF\n");
            Files.writeString(in.resolve("mol.pdb"), "ATOM\nEND\n");
            Path big = in.resolve("big.dcd"); // new content each trial, so that each trial really uploads
            byte[] buf = new byte[1 << 20];
            try (OutputStream out = Files.newOutputStream(big)) {
                for (int i = 0; i < 2; i++) {
                    rnd.nextBytes(buf);
                    out.write(buf);
                }
            }
            List<Path> inputs = List.of(in.resolve("mol.psf"), in.resolve("mol.pdb"), big);
            JobRequest r = new JobRequest("fault-" + n, null, JobsEngineClusterTest.template(""),
                    Map.of("sleep", "0.02", "out", "out", "steps", "20"), "run.namd", inputs, ResourceRequest.of("compute", 1, null, null),
                    null, Map.of(), null);
            String outcome = "ok";
            long phaseDone = 0;
            Job job = null;
            calls.fault = fault;
            // create + upload + submit
            CreateJobOperation create = new CreateJobOperation(service, profile.id(), r, null, 0, true, results);
            try {
                job = create.run(M).first();
            } catch (Exception e) {
                outcome = "create failed";
            }
            if (job == null) {
                job = service.store().jobs().find(create.jobId()).orElse(null);
            }
            if (job == null) {
                // not even recorded: the user creates it again
                outcome = "not created, created again";
                calls.fault = null;
                job = retry(() -> createAgain(r), null);
                if (job == null) {
                    report.notResumed++;
                    report.problems.add("trial " + n + ": the job could not be created again");
                    return;
                }
            }
            seen.add(job.id());
            long deadline = System.currentTimeMillis() + RECOVERY_LIMIT_MS;
            // submit until it has a scheduler id (a cut create or submit: the user presses Submit)
            while (reload(job).slurmJobId() == null && !reload(job).state().isTerminal() && System.currentTimeMillis() < deadline) {
                try {
                    new SubmitOperation(service, reload(job)).run(M);
                } catch (Exception e) {
                    outcome = outcome.equals("ok") ? "submit failed, submitted again" : outcome;
                    Thread.sleep(1000);
                }
            }
            if (fault != null && (fault.phase == Phase.UPLOAD || fault.phase == Phase.SUBMIT)) {
                phaseDone = System.nanoTime();
            }
            // follow with the automatic sync until it ended and its results are here
            Path folder = DownloadOperation.folder(results, reload(job));
            while (System.currentTimeMillis() < deadline) {
                Job now = reload(job);
                if (now.state().isTerminal() && complete(check, now, folder)) {
                    break;
                }
                try {
                    SyncOperation sync = new SyncOperation(service, List.of(profile.id()), false, false);
                    sync.run(M);
                    if (!sync.summary().problems().isEmpty()) {
                        outcome = outcome.equals("ok") ? "sync reported a problem, synced again" : outcome;
                    } else if (fault != null && fault.phase == Phase.SYNC && fault.firedAt != 0 && phaseDone == 0) {
                        phaseDone = System.nanoTime();
                    }
                } catch (Exception e) {
                    outcome = outcome.equals("ok") ? "sync failed, synced again" : outcome;
                }
                now = reload(job);
                if (now.state().isTerminal() && !complete(check, now, folder)) {
                    // the download at the end was cut: the user downloads again
                    try {
                        var o = new DownloadOperation(service, List.of(now), results).run(M);
                        if (!o.status().isOK() && o.status().getSeverity() > org.eclipse.core.runtime.IStatus.INFO) {
                            outcome = outcome.equals("ok") ? "download failed, downloaded again" : outcome;
                        }
                    } catch (Exception e) {
                        outcome = outcome.equals("ok") ? "download failed, downloaded again" : outcome;
                    }
                }
                if (!(reload(job).state().isTerminal() && complete(check, reload(job), folder))) {
                    Thread.sleep(500);
                }
            }
            calls.fault = null;
            Job end = reload(job);
            boolean done = end.state() == JobState.COMPLETED && complete(check, end, folder);
            long now = System.nanoTime();
            if (phaseDone == 0) {
                phaseDone = now;
            }
            if (fault != null) {
                String where = fault.firedAt == 0 ? "missed (" + fault.note + ")"
                        : fault.callEndedAt == 0 || fault.firedAt <= fault.callEndedAt ? "during the call" : "after the call";
                report.outcomes.merge(fault.phase + " " + where + ": " + outcome, 1, Integer::sum);
                if (fault.firedAt != 0) {
                    long ms = (phaseDone - fault.firedAt) / 1_000_000;
                    report.recoveries.add(ms);
                    report.worstRecoveryMs = Math.max(report.worstRecoveryMs, ms);
                }
            }
            if (!done) {
                report.notResumed++;
                report.problems.add("trial " + n + " (" + (fault == null ? "calibration" : fault.phase + "/" + fault.method) + "): "
                        + end.name() + " ended " + end.state() + " (" + end.reason() + "), results complete: " + complete(check, end, folder));
            }
            int submissions = submissions(check, end);
            if (submissions > 1) {
                report.duplicates += submissions - 1;
                report.problems.add("trial " + n + ": " + end.name() + " submitted " + submissions + " times");
            }
            List<String> bad = corrupt(check, end, inputs, folder);
            report.corrupt += bad.size();
            bad.forEach(b -> report.problems.add("trial " + n + ": " + b));
            System.out.println("ConnectionFaultTrialsTest: trial " + n + " " + (fault == null ? "calibration"
                    : fault.phase + "/" + fault.method + " at " + String.format("%.2f", fault.at) + (fault.firedAt == 0 ? " (missed: " + fault.note + ")" : ""))
                    + ": " + outcome + ", " + end.state() + ", submissions " + submissions + ", recovery "
                    + (fault != null && fault.firedAt != 0 ? (phaseDone - fault.firedAt) / 1_000_000 + " ms" : "-")
                    + (bad.isEmpty() ? "" : ", CORRUPT " + bad));
        }

        private Job createAgain(JobRequest r) throws Exception {
            return new CreateJobOperation(service, profile.id(), r, null, 0, true, results).run(M).first();
        }

        Job reload(Job j) {
            return service.store().jobs().find(j.id()).orElse(j);
        }
    }

    interface Action<T> {
        T run() throws Exception;
    }

    static <T> T retry(Action<T> a, T otherwise) throws InterruptedException {
        long end = System.currentTimeMillis() + RECOVERY_LIMIT_MS;
        while (System.currentTimeMillis() < end) {
            try {
                return a.run();
            } catch (Exception e) {
                Thread.sleep(1000);
            }
        }
        return otherwise;
    }

    /** The job's results are all here: every file of its output/ downloaded. */
    static boolean complete(RemoteShell check, Job j, Path folder) {
        try {
            Map<String, String> remote = remoteDigests(check, RemotePaths.join(j.remoteProjectDir(), "output"));
            if (remote.isEmpty()) {
                return false;
            }
            for (String rel : remote.keySet()) {
                if (!Files.isRegularFile(folder.resolve("output").resolve(rel))) {
                    return false;
                }
            }
            return true;
        } catch (ClusterException e) {
            return false;
        }
    }

    /** sha256 of every regular file below a remote folder, by relative path. */
    static Map<String, String> remoteDigests(RemoteShell check, String dir) throws ClusterException {
        ShellResult r = check.run("cd -- \"$1\" 2>/dev/null || exit 0; find . -type f -exec sha256sum -- {} +", List.of(dir), null, M);
        Map<String, String> out = new TreeMap<>();
        for (String line : r.stdout().split("\n")) {
            if (line.length() > 67 && line.charAt(64) == ' ') {
                String rel = line.substring(66);
                out.put(rel.startsWith("./") ? rel.substring(2) : rel, line.substring(0, 64));
            }
        }
        return out;
    }

    /** Slurm jobs that carry this job's submit token (squeue and sacct). */
    static int submissions(RemoteShell check, Job j) throws ClusterException {
        if (j.submitIntentToken() == null) {
            return j.slurmJobId() == null ? 0 : 1;
        }
        ShellResult r = check.run("squeue -h -t all -o '%i|%k' 2>/dev/null; sacct -X -n -P -S now-1days -E now -o JobID,Comment 2>/dev/null; true",
                List.of(), null, M);
        Set<String> ids = new LinkedHashSet<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length >= 2 && f[1].strip().endsWith(j.submitIntentToken())) {
                ids.add(f[0].strip());
            }
        }
        return ids.size();
    }

    /** Files under a final name that differ from their source: inputs on the cluster, the stored object, the downloads. */
    static List<String> corrupt(RemoteShell check, Job j, List<Path> inputs, Path folder) throws Exception {
        List<String> bad = new ArrayList<>();
        Map<String, String> remoteIn = remoteDigests(check, RemotePaths.join(j.remoteProjectDir(), "input"));
        for (Path p : inputs) {
            String want = sha256(p);
            String got = remoteIn.get(p.getFileName().toString());
            if (got != null && !got.equals(want)) {
                bad.add("input " + p.getFileName() + " on the cluster has sha256 " + got + ", expected " + want);
            }
            String root = j.remoteProjectDir().substring(0, j.remoteProjectDir().lastIndexOf('/'));
            String object = RemotePaths.join(RemotePaths.join(root, SharedInputs.STORE_DIR), want);
            ShellResult o = check.run("if [ -f \"$1\" ]; then sha256sum < \"$1\"; fi", List.of(object), null, M);
            String os = o.stdout().strip();
            if (!os.isEmpty() && !os.startsWith(want)) {
                bad.add("stored object " + object + " has sha256 " + os);
            }
        }
        Map<String, String> remoteOut = remoteDigests(check, j.remoteProjectDir());
        if (Files.isDirectory(folder)) {
            try (Stream<Path> s = Files.walk(folder)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    String rel = folder.relativize(p).toString();
                    if (rel.endsWith(".nrpart")) {
                        continue; // a part file is not under a final name
                    }
                    String want = remoteOut.get(rel);
                    if (want == null) {
                        bad.add("downloaded " + rel + " has no source on the cluster");
                    } else if (!want.equals(sha256(p))) {
                        bad.add("downloaded " + rel + " differs from the cluster's copy");
                    }
                }
            }
        }
        return bad;
    }

    static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(md.digest(Files.readAllBytes(p)));
    }
}

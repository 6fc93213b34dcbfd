// Fault trials of issue 18 item 4 against the workbench itself (docs/BENCHMARKS.md, "Fault trials"): the built product
// is started as users start it (its `namdrunner` script, GUI on an X display) and killed with SIGKILL at random
// points while its automatic sync drives jobs through their lifecycle, then started again. Runs on a flat class path
// of the product's plugins (the store and the job records only; the workbench does the work); see run-workbench.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.stream.Stream;

import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.Store;
import org.namdrunner.workflow.WorkflowNode;
import org.namdrunner.workflow.WorkflowStore;

public class WorkbenchKillTrials {

    static final String PROFILE = "kill-trials-local";
    /** Jobs per run: with a cap of 1 job in the queue, the workbench's engine submits the second itself. */
    static final int JOBS = 2;
    /** 4,000 steps at 250 steps/s: a job runs 16 s, so the second waits in the queue while the first runs. */
    static final int STEPS = 4000;

    final Path product;
    final Path testdata;
    final Random rnd;
    final int killsPerRun;
    final int minDelayMs;
    final int maxDelayMs;

    // what the trials count
    int kills;
    int runs;
    int duplicateSubmissions;
    int corruptFiles;
    int lostJobs;
    int notResumed;
    final List<Long> recoveryMs = new ArrayList<>();
    final Map<String, Integer> killPoints = new TreeMap<>();
    final List<String> notes = new ArrayList<>();

    WorkbenchKillTrials(Path product, Path testdata, long seed, int killsPerRun, int minDelayMs, int maxDelayMs) {
        this.product = product;
        this.testdata = testdata;
        this.rnd = new Random(seed);
        this.killsPerRun = killsPerRun;
        this.minDelayMs = minDelayMs;
        this.maxDelayMs = maxDelayMs;
    }

    /** One run's directories: store, "cluster" (the Local profile's job root), results, workspace, home. */
    record Run(Path dir, Path data, Path jobs, Path results, Path ws, Path home, Path log) {
        static Run in(Path dir) throws IOException {
            Run r = new Run(dir, dir.resolve("data"), dir.resolve("jobs"), dir.resolve("results"), dir.resolve("ws"),
                    dir.resolve("home"), dir.resolve("workbench.log"));
            for (Path p : List.of(r.data, r.jobs, r.results, r.ws, r.home)) {
                Files.createDirectories(p);
            }
            return r;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: WorkbenchKillTrials PRODUCT_DIR KILLS SEED WORK_DIR [TESTDATA]");
            System.exit(2);
        }
        Path product = Path.of(args[0]).toAbsolutePath();
        int total = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        Path work = Path.of(args[3]).toAbsolutePath();
        Path testdata = Path.of(args.length > 4 ? args[4] : "testdata").toAbsolutePath();
        WorkbenchKillTrials t = new WorkbenchKillTrials(product, testdata, seed, Integer.getInteger("killsPerRun", 10),
                Integer.getInteger("minDelayMs", 1000), Integer.getInteger("maxDelayMs", 20000));
        long t0 = System.currentTimeMillis();
        System.out.println("WorkbenchKillTrials: " + total + " kills, seed " + seed + ", product " + product);
        // stopped early (SIGTERM, e.g. a time limit): what was counted so far is still reported
        Thread early = new Thread(() -> t.report((System.currentTimeMillis() - t0) / 1000));
        Runtime.getRuntime().addShutdownHook(early);
        while (t.kills < total) {
            t.run(Run.in(work.resolve("run-" + (++t.runs))), total);
        }
        Runtime.getRuntime().removeShutdownHook(early);
        t.report((System.currentTimeMillis() - t0) / 1000);
        boolean ok = t.duplicateSubmissions == 0 && t.corruptFiles == 0 && t.lostJobs == 0 && t.notResumed == 0;
        System.exit(ok ? 0 : 1);
    }

    void run(Run r, int total) throws Exception {
        setUp(r);
        for (int i = 1; i <= JOBS; i++) {
            cli(r, "submit", "--profile", PROFILE, "--config", r.dir.resolve("run.namd").toString(), "--name", "job-" + i,
                    "--input", r.dir.resolve("w.psf").toString(), "--input", r.dir.resolve("w.pdb").toString(), "--input",
                    r.dir.resolve("w.prm").toString(), "--results", r.results.resolve("job-" + i).toString());
        }
        Set<String> seen = new LinkedHashSet<>(check(r, new LinkedHashSet<>()).keySet());
        for (int k = 0; k < killsPerRun && kills < total; k++) {
            if (resultsComplete(r)) {
                break; // a kill from now on would land after the lifecycle, not in it
            }
            Process p = workbench(r);
            int delay = minDelayMs + rnd.nextInt(maxDelayMs - minDelayMs);
            if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                notes.add("run " + runs + ": the workbench ended by itself (exit " + p.exitValue() + "), see " + r.log);
                break;
            }
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            kills++;
            Map<String, JobState> states = check(r, seen);
            seen.addAll(states.keySet());
            killPoints.merge(describe(states, r), 1, Integer::sum);
        }
        // the last start: left alone until every job is COMPLETED with its results downloaded
        long start = System.currentTimeMillis();
        boolean done = false;
        for (int attempt = 0; attempt < 3 && !done; attempt++) {
            Process p = workbench(r);
            long deadline = System.currentTimeMillis() + 240_000;
            while (System.currentTimeMillis() < deadline && !resultsComplete(r)) {
                if (p.waitFor(1, TimeUnit.SECONDS)) {
                    notes.add("run " + runs + ": the workbench ended by itself (exit " + p.exitValue() + "), see " + r.log);
                    break;
                }
            }
            Thread.sleep(3000); // the record of the last round
            long end = System.currentTimeMillis();
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            check(r, seen);
            done = allFinished(r);
            if (done) {
                recoveryMs.add(end - start - 3000);
            } else if (attempt < 2) {
                notes.add("run " + runs + ": not finished after start " + (attempt + 1) + " of the last phase; started again");
            }
        }
        if (!done) {
            notResumed++;
            notes.add("run " + runs + ": did not resume, see " + r.dir);
        }
        System.out.println("WorkbenchKillTrials: run " + runs + " done, " + kills + " kills so far");
    }

    void setUp(Run r) throws IOException {
        Path in = testdata.resolve("inputs");
        Files.copy(in.resolve("demo_water.psf"), r.dir.resolve("w.psf"));
        Files.copy(in.resolve("demo_water.pdb"), r.dir.resolve("w.pdb"));
        Files.copy(in.resolve("demo_water.prm"), r.dir.resolve("w.prm"));
        Files.writeString(r.dir.resolve("run.namd"), String.join("\n", "structure w.psf", "coordinates w.pdb",
                "paraTypeCharmm on", "parameters w.prm", "exclude scaled1-4", "1-4scaling 1.0", "cutoff 8", "switching off",
                "pairlistdist 10", "timestep 1", "temperature 300", "outputName job", "restartfreq 500", "dcdfreq 500",
                "outputEnergies 100", "run " + STEPS, ""));
        try (Store st = Store.open(r.data)) {
            ProfileConfig p = ProfileConfig.builder(PROFILE, "org.namdrunner.cluster.local").name("Kill trials (simulated NAMD)")
                    .preset(false).projectRoot(r.jobs.toString()).scratchRoot("").launcher(LauncherMode.PLUS_P)
                    .statusMinIntervalSeconds(0)
                    .partition(new PartitionSpec("local", true, 1, 2, 2, 1, null, null, null, null, List.of()))
                    .property("simulator", "true").property("simulatorStepsPerSecond", "250")
                    .property("workflow.maxJobsInQueue", "1").build();
            new StoreProfileRepository(st).save(p);
        }
    }

    /** The product's command line with this run's store; fails the trials when it fails. */
    void cli(Run r, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(product.resolve("namdrunner").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(r.dir.resolve("cli.log").toFile()));
        env(pb, r, "-Xmx512m");
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("namdrunner " + String.join(" ", args) + " failed, see " + r.dir.resolve("cli.log")
                    + ":\n" + Files.readString(r.dir.resolve("cli.log")));
        }
    }

    /** The workbench as its users start it, on this run's store and workspace. */
    Process workbench(Run r) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(product.resolve("namdrunner").toString(), "-data", r.ws.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(r.log.toFile()));
        env(pb, r, "-Xmx1g");
        return pb.start();
    }

    static void env(ProcessBuilder pb, Run r, String heap) {
        pb.environment().put("HOME", r.home.toString());
        pb.environment().put("NAMDRUNNER_VMARGS", heap + " -Dnamdrunner.data=" + r.data);
    }

    /**
     * After a kill: the store opens, no job recorded before is gone, no job directory was submitted twice (the Local
     * profile's submission index and its per-submission exit files), and every downloaded file equals its original.
     */
    Map<String, JobState> check(Run r, Set<String> seen) throws IOException {
        Map<String, JobState> states = new LinkedHashMap<>();
        Map<String, Path> dirs = new LinkedHashMap<>();
        try (Store st = Store.open(r.data)) {
            for (Job j : st.jobs().list(JobQuery.all())) {
                states.put(j.id(), j.state());
                if (j.remoteProjectDir() != null) {
                    dirs.put(j.name(), Path.of(j.remoteProjectDir()));
                }
            }
        }
        for (String id : seen) {
            if (!states.containsKey(id)) {
                lostJobs++;
                notes.add("run " + runs + ": job " + id + " is gone from the store");
            }
        }
        List<String> submitted = submissions(r);
        int dup = submitted.size() - new LinkedHashSet<>(submitted).size();
        try (Stream<Path> list = Files.list(r.jobs)) {
            for (Path d : list.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).toList()) {
                Path logs = d.resolve("logs");
                if (Files.isDirectory(logs)) {
                    try (Stream<Path> l = Files.list(logs)) {
                        long launches = l.filter(f -> f.getFileName().toString().matches("local-[0-9]+\\.rc")).count();
                        dup += (int) Math.max(0, launches - 1);
                    }
                }
            }
        }
        if (dup > 0) {
            notes.add("run " + runs + ": " + dup + " duplicate submission(s): " + submitted);
        }
        duplicateSubmissions += dup;
        corruptFiles += corrupt(r, dirs);
        return states;
    }

    /** Job directories of the Local profile's submission index, one per submission. */
    static List<String> submissions(Run r) throws IOException {
        Path idx = r.jobs.resolve(".local-jobs");
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(idx)) {
            try (Stream<Path> s = Files.list(idx)) {
                for (Path p : s.filter(f -> f.getFileName().toString().matches("[0-9]+")).sorted().toList()) {
                    out.add(Files.readAllLines(p).get(0));
                }
            }
        }
        return out;
    }

    /**
     * Downloaded files (final names only; *.nrpart are parts) that differ from the job directory's file of the same
     * path below the results folder ({@code results/job-1/output/job.coor} ↔ {@code <job dir>/output/job.coor}).
     */
    int corrupt(Run r, Map<String, Path> jobDirs) throws IOException {
        int bad = 0;
        try (Stream<Path> s = Files.walk(r.results)) {
            for (Path f : s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".nrpart")).toList()) {
                Path rel = r.results.relativize(f);
                Path dir = jobDirs.get(rel.getName(0).toString());
                if (dir == null || rel.getNameCount() < 2) {
                    bad++;
                    notes.add("run " + runs + ": " + f + " belongs to no job");
                    continue;
                }
                Path original = dir.resolve(rel.subpath(1, rel.getNameCount()).toString());
                if (!Files.isRegularFile(original)) {
                    continue; // written by the download only (nothing to compare with)
                }
                if (!sha256(original).equals(sha256(f))) {
                    bad++;
                    notes.add("run " + runs + ": " + f + " differs from " + original);
                }
            }
        }
        return bad;
    }

    /** Every job ended and its results are here, with no part file left. */
    boolean resultsComplete(Run r) throws IOException {
        for (int i = 1; i <= JOBS; i++) {
            Path res = r.results.resolve("job-" + i);
            if (!Files.isDirectory(res)) {
                return false;
            }
            try (Stream<Path> s = Files.walk(res)) {
                List<String> names = s.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
                if (!names.contains("job.coor") || names.stream().anyMatch(n -> n.endsWith(".nrpart"))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every job COMPLETED and finished by the engine (results downloaded) in the store. */
    boolean allFinished(Run r) throws IOException {
        try (Store st = Store.open(r.data)) {
            List<Job> jobs = st.jobs().list(JobQuery.all());
            if (jobs.size() != JOBS) {
                return false;
            }
            WorkflowStore wf = new WorkflowStore(st);
            for (Job j : jobs) {
                WorkflowNode n = wf.node(j.id()).orElse(null);
                if (j.state() != JobState.COMPLETED || n == null || !n.finished) {
                    return false;
                }
            }
        }
        return resultsComplete(r);
    }

    /** Where a kill landed: the states of the run's jobs at that moment, and whether results were there. */
    static String describe(Map<String, JobState> states, Run r) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (JobState s : states.values()) {
            sb.append(sb.length() == 0 ? "" : "+").append(s.name());
        }
        long downloaded = 0;
        try (Stream<Path> s = Files.walk(r.results)) {
            downloaded = s.filter(Files::isRegularFile).count();
        }
        return sb + (downloaded > 0 ? " (results: " + downloaded + " files)" : "");
    }

    static String sha256(Path f) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(Files.readAllBytes(f)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void report(long seconds) {
        List<Long> rec = new ArrayList<>(recoveryMs);
        rec.sort(null);
        String median = rec.isEmpty() ? "-" : String.format("%.1f s", rec.get(rec.size() / 2) / 1000.0);
        String worst = rec.isEmpty() ? "-" : String.format("%.1f s", rec.get(rec.size() - 1) / 1000.0);
        System.out.println("WorkbenchKillTrials: " + kills + " SIGKILLs of the workbench over " + runs + " runs of " + JOBS
                + " jobs in " + seconds + " s");
        System.out.println("WorkbenchKillTrials: duplicate submissions " + duplicateSubmissions);
        System.out.println("WorkbenchKillTrials: corrupt or partial files under a final name " + corruptFiles);
        System.out.println("WorkbenchKillTrials: jobs lost from the store " + lostJobs);
        System.out.println("WorkbenchKillTrials: runs that did not resume " + notResumed);
        System.out.println("WorkbenchKillTrials: time from the last start to all results, " + rec.size() + " runs: median "
                + median + ", worst " + worst);
        killPoints.forEach((k, v) -> System.out.println("WorkbenchKillTrials: kill landed at " + k + ": " + v));
        notes.forEach(n -> System.out.println("WorkbenchKillTrials: note: " + n));
    }
}

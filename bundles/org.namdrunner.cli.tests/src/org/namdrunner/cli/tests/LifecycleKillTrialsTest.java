package org.namdrunner.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.cluster.ShellResult;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.UserInteraction;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.Store;
import org.namdrunner.testing.TestCluster;
import org.namdrunner.workflow.WorkflowStore;

/**
 * Issue 18, fault trials with a killed process: {@code namdrunner automation run} of a 2-stage chain on the test
 * cluster's Slurm (the command line's code path in a child JVM, {@link SlurmKillMain}) is killed with SIGKILL at random
 * points of its lifecycle — creating the jobs, uploading inputs, submitting, following, finishing — and started again
 * with the same {@code --run-id}, at most {@value #KILLS_PER_RUN} times per run; then it runs to its end.
 *
 * <p>Counted over all trials, all must be 0: duplicate submissions (Slurm jobs carrying a job's submit token, from
 * squeue and sacct), corrupt or partial files under a final name (every input on the cluster compared by sha256 with
 * the local file), jobs lost from the store (a job seen after a kill that is gone later), runs that did not resume
 * (not every stage COMPLETED after the last start). Reported: the worst time from a restart to the end of the run,
 * and a run without kills for comparison. {@code namdrunner.faults.kills} kills (default 5; {@code
 * benchmarks/faults/run} runs 100), seed {@code namdrunner.faults.seed}.
 */
@Tag("cluster")
class LifecycleKillTrialsTest {
    static final int KILLS_PER_RUN = 5;
    static final List<String> STAGES = List.of("s1", "s2");
    static final String AUTOMATION_ID = "two-slurm-stages";

    @Test
    void killedAtRandomPointsTheRunResumesWithoutLossOrDuplicates(@TempDir Path tmp) throws Exception {
        TestCluster.standinNamd3();
        int trials = Integer.getInteger("namdrunner.faults.kills", 5);
        long seed = Long.getLong("namdrunner.faults.seed", System.nanoTime());
        Random rnd = new Random(seed);
        List<String> cp = ChildJvm.classpath(Files.createDirectories(tmp.resolve("cp")));
        System.out.println("LifecycleKillTrialsTest: " + trials + " kills, seed " + seed);
        int kills = 0;
        int runs = 0;
        int duplicates = 0;
        int corrupt = 0;
        int lost = 0;
        int notResumed = 0;
        long worstRestartToEndMs = 0;
        List<String> problems = new ArrayList<>();
        Map<String, Integer> killPoints = new TreeMap<>();
        try (RemoteShell check = new SshConnectionContext(UserInteraction.NONE, null, new CommandLog())
                .openShell(TestCluster.slurmProfile("kill-check-"), new NullProgressMonitor())) {
            // a run without kills: how long one takes here, and where the kill points go
            long cleanMs;
            {
                Run a = Run.create(tmp.resolve("clean"), rnd);
                long t = System.nanoTime();
                Process p = ChildJvm.start(cp, SlurmKillMain.class.getName(), a.args("clean"), a.out, a.err);
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                cleanMs = (System.nanoTime() - t) / 1_000_000;
                assertEquals(0, p.exitValue(), "the run without kills failed:\n" + Files.readString(a.out) + Files.readString(a.err));
                System.out.println("LifecycleKillTrialsTest: a run without kills takes " + cleanMs + " ms");
            }
            long maxDelay = Math.max(2000, cleanMs);
            while (kills < trials) {
                runs++;
                Run a = Run.create(tmp.resolve("run" + runs), rnd);
                String runId = "kill-" + runs;
                Set<String> seen = new LinkedHashSet<>();
                for (int k = 0; k < KILLS_PER_RUN && kills < trials; k++) {
                    Process p = ChildJvm.start(cp, SlurmKillMain.class.getName(), a.args(runId), a.out, a.err);
                    long delay = 300 + (long) (rnd.nextDouble() * maxDelay);
                    if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                        break; // finished before the kill point
                    }
                    p.destroyForcibly(); // SIGKILL
                    p.waitFor(30, TimeUnit.SECONDS);
                    kills++;
                    killPoints.merge(a.where(seen), 1, Integer::sum);
                }
                long t = System.nanoTime();
                Process last = ChildJvm.start(cp, SlurmKillMain.class.getName(), a.args(runId), a.out, a.err);
                boolean ended = last.waitFor(300, TimeUnit.SECONDS);
                if (!ended) {
                    last.destroyForcibly();
                    last.waitFor(30, TimeUnit.SECONDS);
                }
                long ms = (System.nanoTime() - t) / 1_000_000;
                worstRestartToEndMs = Math.max(worstRestartToEndMs, ms);
                // the checks
                try (Store st = Store.open(a.store)) {
                    List<Job> jobs = st.jobs().list(JobQuery.all());
                    for (String id : seen) {
                        if (st.jobs().find(id).isEmpty()) {
                            lost++;
                            problems.add("run " + runId + ": job " + id + " lost from the store");
                        }
                    }
                    WorkflowStore.RunRecord run = new WorkflowStore(st).run(runId).orElse(null);
                    boolean resumed = ended && last.exitValue() == 0 && run != null && jobs.size() == STAGES.size();
                    for (String s : STAGES) {
                        Job j = run == null || run.jobsByStep.get(s) == null ? null : st.jobs().find(run.jobsByStep.get(s)).orElse(null);
                        if (j == null || j.state() != JobState.COMPLETED) {
                            resumed = false;
                            problems.add("run " + runId + ": stage " + s + (j == null ? " has no job" : " ended " + j.state() + " (" + j.reason() + ")"));
                        }
                    }
                    for (Job j : jobs) {
                        int n = submissions(check, j);
                        if (n > 1) {
                            duplicates += n - 1;
                            problems.add("run " + runId + ": " + j.name() + " submitted " + n + " times");
                        }
                        for (String bad : a.corruptInputs(check, j)) {
                            corrupt++;
                            problems.add("run " + runId + ": " + bad);
                        }
                    }
                    if (!resumed) {
                        notResumed++;
                        problems.add("run " + runId + " did not resume (exit " + (ended ? last.exitValue() : "none, still running") + "):\n"
                                + tail(a.out) + tail(a.err));
                    }
                }
                // running totals, so that a long run stopped early still reports what it did
                System.out.println("LifecycleKillTrialsTest: after run " + runs + ": " + kills + " kills, duplicates " + duplicates
                        + ", corrupt " + corrupt + ", lost " + lost + ", not resumed " + notResumed + ", restart to end " + ms + " ms");
            }
        }
        String summary = kills + " kills over " + runs + " runs: duplicate submissions " + duplicates + ", corrupt/partial files under a "
                + "final name " + corrupt + ", jobs lost from the store " + lost + ", runs that did not resume " + notResumed
                + ", worst time from the last restart to the end of the run " + worstRestartToEndMs + " ms; state at the kill points "
                + killPoints;
        System.out.println("LifecycleKillTrialsTest: " + summary);
        problems.forEach(p -> System.out.println("LifecycleKillTrialsTest: problem: " + p));
        assertEquals(trials, kills);
        assertEquals(0, duplicates, summary + problems);
        assertEquals(0, corrupt, summary + problems);
        assertEquals(0, lost, summary + problems);
        assertEquals(0, notResumed, summary + problems);
    }

    static String tail(Path p) throws java.io.IOException {
        String s = Files.exists(p) ? Files.readString(p) : "";
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    /** Slurm jobs that carry this job's submit token (squeue and sacct). */
    static int submissions(RemoteShell check, Job j) throws Exception {
        if (j.submitIntentToken() == null) {
            return j.slurmJobId() == null ? 0 : 1;
        }
        ShellResult r = check.run("squeue -h -t all -o '%i|%k' 2>/dev/null; sacct -X -n -P -S now-1days -E now -o JobID,Comment 2>/dev/null; true",
                List.of(), null, new NullProgressMonitor());
        Set<String> ids = new LinkedHashSet<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length >= 2 && f[1].strip().endsWith(j.submitIntentToken())) {
                ids.add(f[0].strip());
            }
        }
        return ids.size();
    }

    /** One chain run's folder: automation, template, inputs (one of 1 MiB, new bytes per run), store with the profile. */
    static final class Run {
        final Path dir;
        final Path inputs;
        final Path store;
        final Path xmi;
        final Path out;
        final Path err;
        final String profileId;

        private Run(Path dir, String profileId) {
            this.dir = dir;
            this.inputs = dir.resolve("inputs");
            this.store = dir.resolve("store");
            this.xmi = dir.resolve("chain.xmi");
            this.out = dir.resolve("stdout.txt");
            this.err = dir.resolve("stderr.txt");
            this.profileId = profileId;
        }

        static Run create(Path dir, Random rnd) throws Exception {
            ProfileConfig profile = TestCluster.slurmProfile("kill-");
            Run a = new Run(dir, profile.id());
            Files.createDirectories(a.inputs);
            Files.writeString(dir.resolve("stage.namd"), LocalAutomation.template());
            StringBuilder x = new StringBuilder(LocalAutomation.xmi(AUTOMATION_ID));
            // two stages of the three
            String xml = x.toString();
            int s3 = xml.indexOf("  <steps id=\"s3\"");
            xml = xml.substring(0, s3) + "</automation:Automation>\n";
            Files.writeString(a.xmi, xml);
            for (String f : List.of("mol.psf", "mol.pdb", "par.prm")) {
                Files.writeString(a.inputs.resolve(f), f + "\n");
            }
            byte[] buf = new byte[1 << 20];
            rnd.nextBytes(buf);
            try (OutputStream o = Files.newOutputStream(a.inputs.resolve("big.dcd"))) {
                o.write(buf);
            }
            try (Store st = Store.open(a.store)) {
                ClusterProfileRegistry reg = SlurmKillMain.registry(new StoreProfileRepository(st));
                reg.add(profile);
            }
            return a;
        }

        List<String> args(String runId) {
            return List.of("automation", "run", xmi.toString(), "--profile", profileId, "--inputs", inputs.toString(), "--name", "kill",
                    "--run-id", runId, "--store", store.toString(), "--poll", "0.5", "--set", "sleep=0.02", "--timeout", "280");
        }

        /** Where a kill landed: the jobs' states (and remembers the jobs seen). */
        String where(Set<String> seen) throws Exception {
            try (Store st = Store.open(store)) {
                List<Job> jobs = st.jobs().list(JobQuery.all());
                StringBuilder w = new StringBuilder(jobs.size() + " job(s)");
                for (Job j : jobs) {
                    seen.add(j.id());
                    w.append(' ').append(j.name().replaceAll("^kill-", "")).append('=').append(j.state());
                }
                return w.toString();
            }
        }

        /** Inputs on the cluster that differ from the local file (only files with an input's name). */
        List<String> corruptInputs(RemoteShell check, Job j) throws Exception {
            List<String> bad = new ArrayList<>();
            String dir = RemotePaths.join(j.remoteProjectDir(), "input");
            ShellResult r = check.run("cd -- \"$1\" 2>/dev/null || exit 0; for f in *; do [ -f \"$f\" ] && printf '%s ' \"$f\" && sha256sum < \"$f\"; done; true",
                    List.of(dir), null, new NullProgressMonitor());
            Map<String, String> remote = new TreeMap<>();
            for (String line : r.stdout().split("\n")) {
                String[] f = line.split(" ");
                if (f.length >= 2) {
                    remote.put(f[0], f[1]);
                }
            }
            try (var s = Files.list(inputs)) {
                for (Path p : s.toList()) {
                    String got = remote.get(p.getFileName().toString());
                    String want = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
                    if (got != null && !got.equals(want)) {
                        bad.add(j.name() + ": input " + p.getFileName() + " on the cluster differs from the local file");
                    }
                }
            }
            return bad;
        }
    }
}

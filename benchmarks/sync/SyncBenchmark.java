import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ShellResult;
import org.namdrunner.cluster.StatusReport;
import org.namdrunner.cluster.slurm.SlurmSession;
import org.namdrunner.cluster.slurm.SshRemoteShell;
import org.namdrunner.remote.AuthMethod;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.ConnectionSettings;
import org.namdrunner.remote.RemoteConnection;
import org.namdrunner.remote.UserInteraction;

/**
 * Status sync of 1, 100, 1,000 and 10,000 tracked jobs against the test cluster, compared with one bare squeue
 * round trip on the same SSH session. Real held jobs (sbatch --hold) for up to 1,000; the 10,000 case adds 9,000
 * ids Slurm does not know (the worst case: they go through the by-id sacct pass). Run with run.sh.
 */
public class SyncBenchmark {
    static final int REPEAT = 15;

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (var r = java.nio.file.Files.newBufferedReader(Path.of(args.length > 0 ? args[0]
                : "/var/tmp/namdrunner-test-cluster/cluster.properties"))) {
            p.load(r);
        }
        ConnectionSettings s = ConnectionSettings.builder(p.getProperty("host")).port(Integer.parseInt(p.getProperty("port")))
                .user(p.getProperty("user")).authMethod(AuthMethod.PUBLIC_KEY).keyFile(Path.of(p.getProperty("keyFile")))
                .knownHostsFile(Path.of(p.getProperty("knownHosts"))).sshConfigFile(null).useEclipseProxySettings(false)
                .commandsPerSecond(50).build();
        ProfileConfig profile = ProfileConfig.builder("bench", "org.namdrunner.cluster.slurm").host(p.getProperty("host"))
                .projectRoot(p.getProperty("projectRoot")).statusMinIntervalSeconds(0).build();
        try (RemoteConnection c = new RemoteConnection(s, UserInteraction.NONE, null, new CommandLog())) {
            c.connect(null);
            SlurmSession session = new SlurmSession(profile, new SshRemoteShell(c, false));
            // 1,000 real held jobs, submitted in one command.
            ShellResult sub = session.shell().run("i=0; while [ $i -lt 1000 ]; do sbatch --parsable --hold -p debug -t 1 "
                    + "-J nr-bench --comment=namdrunner:bench --wrap=true || exit 1; i=$((i+1)); done", null, null);
            List<String> real = new ArrayList<>(Arrays.asList(sub.stdout().strip().split("\\s+")));
            System.err.println("submitted " + real.size() + " held jobs (exit " + sub.exitCode() + ")");
            try {
                Op bare = () -> session.shell().run("squeue -h -u \"$USER\"", null, null);
                System.out.println("| tracked jobs | round trips per sync | sync wall time (median of " + REPEAT
                        + ") | bare `squeue -u $USER` round trip (median, interleaved) | ratio |");
                System.out.println("|---:|---:|---:|---:|---:|");
                for (int n : new int[] {1, 100, 1000, 10000}) {
                    List<String> ids = new ArrayList<>(real.subList(0, Math.min(n, real.size())));
                    for (int k = 0; ids.size() < n; k++) {
                        ids.add(Integer.toString(90_000_000 + k));
                    }
                    StatusReport[] last = new StatusReport[1];
                    Op sync = () -> last[0] = session.query(ids, null);
                    sync.run();
                    bare.run();
                    double[] ts = new double[REPEAT];
                    double[] tb = new double[REPEAT];
                    long trips = 0;
                    for (int i = 0; i < REPEAT; i++) {
                        long before = session.roundTrips();
                        ts[i] = time(sync);
                        trips = Math.max(trips, session.roundTrips() - before);
                        tb[i] = time(bare);
                    }
                    double t = median(ts);
                    double b = median(tb);
                    System.out.printf("| %,d | %d | %.1f ms | %.1f ms | %.2f× |%n", n, trips, t, b, t / b);
                    System.err.println(n + ": " + last[0].statuses().size() + " known, " + last[0].missing().size() + " unknown");
                }
            } finally {
                session.shell().run("xargs scancel --", String.join("\n", real).getBytes(), null);
            }
        }
    }

    interface Op {
        Object run() throws Exception;
    }

    static double time(Op op) throws Exception {
        long s = System.nanoTime();
        op.run();
        return (System.nanoTime() - s) / 1e6;
    }

    static double median(double[] t) {
        double[] c = t.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}

package org.namdrunner.remote.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.namdrunner.remote.AuthMethod;
import org.namdrunner.remote.CommandLine;
import org.namdrunner.remote.ConnectionSettings;
import org.namdrunner.remote.RemoteConnection;
import org.namdrunner.remote.RemoteFiles;
import org.namdrunner.remote.Transfers;
import org.namdrunner.remote.UserInteraction;

/**
 * Side-by-side transfer benchmark: NAMDRunner's remote layer vs OpenSSH {@code sftp}/{@code scp} against the
 * test cluster, in the same run. Run by {@code benchmarks/remote/run} (plain JVM, classpath of the built
 * bundle jars). Prints a Markdown report (and writes it to the file given as second argument).
 *
 * <pre>
 * RemoteBenchmark cluster.properties [report.md] [--large-mib N] [--small-count N] [--small-kib N] [--reps N]
 * </pre>
 */
public final class RemoteBenchmark {
    private final Properties p;
    private final Path work;
    private final int reps;
    private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private RemoteBenchmark(Properties p, Path work, int reps) {
        this.p = p;
        this.work = work;
        this.reps = reps;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: RemoteBenchmark cluster.properties [report.md] [--large-mib N] "
                    + "[--small-count N] [--small-kib N] [--reps N]");
            System.exit(2);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
            p.load(r);
        }
        Path report = args.length > 1 && !args[1].startsWith("--") ? Path.of(args[1]) : null;
        long largeMiB = opt(args, "--large-mib", 1024);
        int smallCount = (int) opt(args, "--small-count", 2000);
        int smallKiB = (int) opt(args, "--small-kib", 10);
        int reps = (int) opt(args, "--reps", 3);
        String only = sopt(args, "--only", "all");
        Path work = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", "/var/tmp")), "nr-bench-");
        try {
            RemoteBenchmark b = new RemoteBenchmark(p, work, reps);
            b.only = only;
            String md = b.run(largeMiB, smallCount, smallKiB);
            System.out.println(md);
            if (report != null) {
                Files.writeString(report, md);
            }
        } finally {
            deleteTree(work);
        }
    }

    /** Which parts run: all, large, small, threshold. */
    private String only = "all";

    private boolean runs(String part) {
        return only.equals("all") ? !part.equals("threshold") : only.equals(part);
    }

    private static String sopt(String[] args, String name, String def) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }

    private static long opt(String[] args, String name, long def) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Long.parseLong(args[i + 1]);
            }
        }
        return def;
    }

    private String run(long largeMiB, int smallCount, int smallKiB) throws Exception {
        String host = p.getProperty("host");
        int port = Integer.parseInt(p.getProperty("port"));
        String user = p.getProperty("user");
        String key = p.getProperty("keyFile");
        String known = p.getProperty("knownHosts");
        String remoteBase = p.getProperty("projectRoot") + "/bench-" + UUID.randomUUID();
        long largeBytes = largeMiB * 1024 * 1024;

        System.err.println("generating " + largeMiB + " MiB file and " + smallCount + " x " + smallKiB + " KiB files in "
                + work);
        Path large = work.resolve("large.bin");
        writeRandom(large, largeBytes, 1);
        Path small = work.resolve("small");
        Files.createDirectories(small);
        Random rnd = new Random(2);
        for (int i = 0; i < smallCount; i++) {
            byte[] b = new byte[smallKiB * 1024];
            rnd.nextBytes(b);
            Path dir = small.resolve("d" + (i % 20));
            Files.createDirectories(dir);
            Files.write(dir.resolve("f" + i + ".dat"), b);
        }
        long smallBytes = (long) smallCount * smallKiB * 1024;

        ConnectionSettings s = ConnectionSettings.builder(host).port(port).user(user).authMethod(AuthMethod.PUBLIC_KEY)
                .keyFile(Path.of(key)).knownHostsFile(Path.of(known)).sshConfigFile(null).commandsPerSecond(50)
                .projectRoot(p.getProperty("projectRoot")).scratchRoot(p.getProperty("scratchRoot"))
                .useEclipseProxySettings(false).build();
        NullProgressMonitor m = new NullProgressMonitor();
        try (RemoteConnection c = new RemoteConnection(s, UserInteraction.NONE, null, null)) {
            RemoteFiles files = new RemoteFiles(c);
            Transfers verified = new Transfers(c, files);
            Transfers raw = new Transfers(c, files).setVerify(false);
            files.mkdirs(remoteBase, m);
            String[] ssh = { "-i", key, "-o", "UserKnownHostsFile=" + known, "-o", "StrictHostKeyChecking=yes",
                    "-o", "BatchMode=yes", "-P", String.valueOf(port) };
            String target = user + "@" + host;
            String defaultCipher = openSshDefaultCipher(ssh, target);
            notes.add("OpenSSH client default cipher negotiated with the test sshd: `" + defaultCipher + "`; "
                    + "NAMDRunner negotiates `aes128-gcm@openssh.com`.");

            // warm-up (JIT, page cache, sshd): not measured
            System.err.println("warm-up");
            Path warm = work.resolve("warm.bin");
            writeRandom(warm, Math.min(largeBytes, 128L * 1024 * 1024), 9);
            raw.upload(warm, remoteBase + "/warm.bin", m);
            raw.download(remoteBase + "/warm.bin", work.resolve("warm.back"), m);
            verified.upload(warm, remoteBase + "/warm.bin", m);
            verified.download(remoteBase + "/warm.bin", work.resolve("warm.back"), m);
            sftpBatch(ssh, target, null, "put " + warm + " " + remoteBase + "/warm2.bin");
            Files.delete(work.resolve("warm.back"));
            if (runs("threshold")) {
                threshold(c, verified, remoteBase, smallKiB, m);
            }
            for (int r = 0; r < (only.equals("threshold") ? 0 : reps); r++) {
                final int rep = r;
                System.err.println("repetition " + (rep + 1) + " of " + reps);
                String rl = remoteBase + "/large-" + rep;
                Path back = work.resolve("back-" + rep + ".bin");
                time("OpenSSH login only (ssh host true)", () -> exec(concat(new String[] { "ssh" }, sshArgs(ssh),
                        new String[] { target, "true" })));
                if (runs("large")) {
                // --- large file, upload
                time("large up: OpenSSH sftp (default cipher)", () -> sftpBatch(ssh, target, null,
                        "put " + large + " " + rl + ".osftp"));
                time("large up: OpenSSH sftp (aes128-gcm)", () -> sftpBatch(ssh, target, "aes128-gcm@openssh.com",
                        "put " + large + " " + rl + ".osftp2"));
                time("large up: OpenSSH scp (default cipher)", () -> exec(concat(new String[] { "scp", "-q" },
                        ssh, new String[] { large.toString(), target + ":" + rl + ".oscp" })));
                time("large up: NAMDRunner (transfer only)", () -> raw.upload(large, rl + ".ours", m));
                time("large up: NAMDRunner (+ sha256 verify)", () -> verified.upload(large, rl + ".oursv", m));
                // --- large file, download
                time("large down: OpenSSH sftp (default cipher)", () -> sftpBatch(ssh, target, null,
                        "get " + rl + ".osftp " + back + ".osftp"));
                time("large down: OpenSSH sftp (aes128-gcm)", () -> sftpBatch(ssh, target, "aes128-gcm@openssh.com",
                        "get " + rl + ".osftp " + back + ".osftp2"));
                time("large down: OpenSSH scp (default cipher)", () -> exec(concat(new String[] { "scp", "-q" },
                        ssh, new String[] { target + ":" + rl + ".osftp", back + ".oscp" })));
                time("large down: NAMDRunner (transfer only)", () -> raw.download(rl + ".ours", back, m));
                time("large down: NAMDRunner (+ sha256 verify)", () -> verified.download(rl + ".oursv",
                        work.resolve("backv-" + rep + ".bin"), m));
                for (String suffix : new String[] { ".osftp", ".osftp2", ".oscp", ".ours", ".oursv" }) {
                    c.exec(CommandLine.of("rm").arg("-f").endOfOptions().arg(rl + suffix), m);
                }
                try (Stream<Path> st = Files.list(work)) {
                    for (Path f : st.filter(f -> f.getFileName().toString().startsWith("back")).toList()) {
                        Files.delete(f);
                    }
                }
                }
                if (runs("small")) {
                // --- small files
                String rs = remoteBase + "/small-" + rep;
                time("small up: OpenSSH sftp -r", () -> {
                    c.exec(CommandLine.of("mkdir").arg("-p").endOfOptions().arg(rs + "-osftp"), m);
                    sftpBatch(ssh, target, null, "put -r " + small + "/. " + rs + "-osftp");
                });
                time("small up: OpenSSH scp -r", () -> exec(concat(new String[] { "scp", "-q", "-r" }, ssh,
                        new String[] { small.toString(), target + ":" + rs + "-oscp" })));
                time("small up: OpenSSH tar | ssh tar", () -> shell("tar -C " + small + " -cf - . | ssh "
                        + String.join(" ", sshArgs(ssh)) + " " + target + " 'mkdir -p " + rs + "-otar && tar -C " + rs
                        + "-otar -xf -'"));
                time("small up: NAMDRunner per-file SFTP", () -> raw.uploadDirectory(small, rs + "-sftp",
                        Transfers.Strategy.SFTP, m));
                time("small up: NAMDRunner tar stream", () -> raw.uploadDirectory(small, rs + "-tar",
                        Transfers.Strategy.TAR, m));
                time("small up: NAMDRunner tar stream (+ verify)", () -> verified.uploadDirectory(small, rs + "-tarv",
                        Transfers.Strategy.TAR, m));
                time("small down: OpenSSH sftp -r", () -> sftpBatch(ssh, target, null, "get -r " + rs + "-tar "
                        + work.resolve("sd-osftp-" + rep)));
                time("small down: OpenSSH scp -r", () -> exec(concat(new String[] { "scp", "-q", "-r" }, ssh,
                        new String[] { target + ":" + rs + "-tar", work.resolve("sd-oscp-" + rep).toString() })));
                time("small down: OpenSSH tar | ssh tar", () -> {
                    Path d = Files.createDirectories(work.resolve("sd-otar-" + rep));
                    shell("ssh " + String.join(" ", sshArgs(ssh)) + " " + target + " 'tar -C " + rs
                            + "-tar -cf - .' | tar -C " + d + " -xf -");
                });
                time("small down: NAMDRunner per-file SFTP", () -> raw.downloadDirectory(rs + "-tar",
                        work.resolve("sd-sftp-" + rep), Transfers.Strategy.SFTP, m));
                time("small down: NAMDRunner tar stream", () -> raw.downloadDirectory(rs + "-tar",
                        work.resolve("sd-tar-" + rep), Transfers.Strategy.TAR, m));
                time("small down: NAMDRunner tar stream (+ verify)", () -> verified.downloadDirectory(rs + "-tar",
                        work.resolve("sd-tarv-" + rep), Transfers.Strategy.TAR, m));
                c.exec(CommandLine.of("rm").arg("-rf").endOfOptions().arg(rs + "-osftp").arg(rs + "-oscp")
                        .arg(rs + "-otar").arg(rs + "-sftp").arg(rs + "-tar").arg(rs + "-tarv"), m);
                try (Stream<Path> st = Files.list(work)) {
                    for (Path f : st.filter(f -> f.getFileName().toString().startsWith("sd-")).toList()) {
                        deleteTree(f);
                    }
                }
                }
            }
            files.delete(remoteBase, m);
        }
        return report(largeMiB, largeBytes, smallCount, smallKiB, smallBytes);
    }

    private static final int[] THRESHOLD_COUNTS = { 1, 2, 4, 8, 16, 32 };

    /**
     * Where the tar stream starts to beat file-by-file transfers: for each file count, verified uploads and
     * downloads of that many small files as one tar stream, with per-file SFTP ({@code Strategy.SFTP}) and with
     * one {@code Transfers.upload}/{@code download} call per file, interleaved, {@code reps} times.
     */
    private void threshold(RemoteConnection c, Transfers t, String remoteBase, int kib, NullProgressMonitor m)
            throws Exception {
        Random rnd = new Random(5);
        for (int r = 0; r < reps; r++) {
            System.err.println("threshold repetition " + (r + 1) + " of " + reps);
            for (int n : THRESHOLD_COUNTS) {
                Path dir = work.resolve("thr-" + n);
                if (!Files.exists(dir)) {
                    Files.createDirectories(dir);
                    for (int i = 0; i < n; i++) {
                        byte[] b = new byte[kib * 1024];
                        rnd.nextBytes(b);
                        Files.write(dir.resolve("f" + i + ".dat"), b);
                    }
                }
                String rd = remoteBase + "/thr-" + n + "-" + r;
                time("threshold " + n + " up: tar stream", () -> t.uploadDirectory(dir, rd + "-tar",
                        Transfers.Strategy.TAR, m));
                time("threshold " + n + " up: per-file SFTP", () -> t.uploadDirectory(dir, rd + "-sftp",
                        Transfers.Strategy.SFTP, m));
                time("threshold " + n + " up: one upload() per file", () -> {
                    new RemoteFiles(c).mkdirs(rd + "-each", m);
                    try (Stream<Path> st = Files.list(dir)) {
                        for (Path f : st.toList()) {
                            t.upload(f, rd + "-each/" + f.getFileName(), m);
                        }
                    }
                });
                time("threshold " + n + " down: tar stream", () -> t.downloadDirectory(rd + "-tar",
                        work.resolve("thr-back-tar"), Transfers.Strategy.TAR, m));
                time("threshold " + n + " down: per-file SFTP", () -> t.downloadDirectory(rd + "-tar",
                        work.resolve("thr-back-sftp"), Transfers.Strategy.SFTP, m));
                time("threshold " + n + " down: one download() per file", () -> {
                    try (Stream<Path> st = Files.list(dir)) {
                        for (Path f : st.toList()) {
                            t.download(rd + "-tar/" + f.getFileName(), work.resolve("thr-back-each").resolve(
                                    f.getFileName()), m);
                        }
                    }
                });
                for (String d : new String[] { "thr-back-tar", "thr-back-sftp", "thr-back-each" }) {
                    deleteTree(work.resolve(d));
                }
                c.exec(CommandLine.of("rm").arg("-rf").endOfOptions().arg(rd + "-tar").arg(rd + "-sftp")
                        .arg(rd + "-each"), m);
            }
        }
    }

    private void thresholdReport(StringBuilder sb) {
        if (!seconds.containsKey("threshold 1 up: tar stream")) {
            return;
        }
        sb.append("\nThreshold (verified; median seconds over the repetitions; files of the small-file size):\n\n"
                + "| files | up: tar | up: per-file SFTP | up: upload() per file | down: tar | down: per-file SFTP "
                + "| down: download() per file |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int n : THRESHOLD_COUNTS) {
            sb.append("| ").append(n);
            for (String v : new String[] { "up: tar stream", "up: per-file SFTP", "up: one upload() per file",
                    "down: tar stream", "down: per-file SFTP", "down: one download() per file" }) {
                sb.append(String.format(" | %.3f", median("threshold " + n + " " + v)));
            }
            sb.append(" |\n");
        }
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private void time(String name, Action a) throws Exception {
        long t0 = System.nanoTime();
        a.run();
        double s = (System.nanoTime() - t0) / 1e9;
        seconds.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
        System.err.printf("  %-48s %8.2f s%n", name, s);
    }

    private double median(String name) {
        List<Double> v = new ArrayList<>(seconds.get(name));
        v.sort(Comparator.naturalOrder());
        return v.get(v.size() / 2);
    }

    private String report(long largeMiB, long largeBytes, int smallCount, int smallKiB, long smallBytes)
            throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append("Run ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
                .append(", ").append(reps).append(" repetitions (median shown), host `")
                .append(exec(new String[] { "uname", "-srm" }).strip()).append("`, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
                .append(System.getProperty("java.version")).append(", ").append(exec(new String[] { "ssh", "-V" }).strip())
                .append(". Client and test sshd share the machine (loopback); load average at the end: ")
                .append(Files.readString(Path.of("/proc/loadavg")).strip()).append(".\n\n");
        for (String n : notes) {
            sb.append("- ").append(n).append('\n');
        }
        sb.append('\n');
        sb.append("| transfer | seconds (median) | MB/s | all runs (s) |\n|---|---:|---:|---|\n");
        for (String name : seconds.keySet()) {
            if (name.startsWith("threshold")) {
                continue;
            }
            long bytes = name.startsWith("large") ? largeBytes : name.startsWith("small") ? smallBytes : 0;
            double med = median(name);
            sb.append(String.format("| %s | %.2f | %s | %s |%n", name, med,
                    bytes == 0 ? "—" : String.format("%.1f", bytes / 1e6 / med),
                    seconds.get(name).stream().map(x -> String.format("%.2f", x)).toList()));
        }
        sb.append("\nRatios (throughput of NAMDRunner / throughput of the reference; > 1 = NAMDRunner faster):\n\n");
        sb.append("| comparison | ratio of medians | median of per-repetition ratios | per repetition |\n"
                + "|---|---:|---:|---|\n");
        ratio(sb, "large up: NAMDRunner (transfer only)", "large up: OpenSSH sftp (default cipher)");
        ratio(sb, "large up: NAMDRunner (transfer only)", "large up: OpenSSH sftp (aes128-gcm)");
        ratio(sb, "large up: NAMDRunner (transfer only)", "large up: OpenSSH scp (default cipher)");
        ratio(sb, "large up: NAMDRunner (+ sha256 verify)", "large up: OpenSSH sftp (default cipher)");
        ratio(sb, "large up: NAMDRunner (+ sha256 verify)", "large up: OpenSSH sftp (aes128-gcm)");
        ratio(sb, "large down: NAMDRunner (transfer only)", "large down: OpenSSH sftp (default cipher)");
        ratio(sb, "large down: NAMDRunner (transfer only)", "large down: OpenSSH sftp (aes128-gcm)");
        ratio(sb, "large down: NAMDRunner (transfer only)", "large down: OpenSSH scp (default cipher)");
        ratio(sb, "large down: NAMDRunner (+ sha256 verify)", "large down: OpenSSH sftp (default cipher)");
        ratio(sb, "large down: NAMDRunner (+ sha256 verify)", "large down: OpenSSH sftp (aes128-gcm)");
        ratio(sb, "small up: NAMDRunner tar stream", "small up: NAMDRunner per-file SFTP");
        ratio(sb, "small up: NAMDRunner tar stream", "small up: OpenSSH sftp -r");
        ratio(sb, "small up: NAMDRunner tar stream", "small up: OpenSSH scp -r");
        ratio(sb, "small up: NAMDRunner tar stream", "small up: OpenSSH tar | ssh tar");
        ratio(sb, "small up: NAMDRunner per-file SFTP", "small up: OpenSSH sftp -r");
        ratio(sb, "small down: NAMDRunner tar stream", "small down: NAMDRunner per-file SFTP");
        ratio(sb, "small down: NAMDRunner tar stream", "small down: OpenSSH sftp -r");
        ratio(sb, "small down: NAMDRunner tar stream", "small down: OpenSSH scp -r");
        ratio(sb, "small down: NAMDRunner per-file SFTP", "small down: OpenSSH sftp -r");
        ratio(sb, "small down: NAMDRunner tar stream (+ verify)", "small down: OpenSSH scp -r");
        ratio(sb, "small down: NAMDRunner tar stream (+ verify)", "small down: OpenSSH tar | ssh tar");
        ratio(sb, "small down: NAMDRunner tar stream", "small down: OpenSSH tar | ssh tar");
        thresholdReport(sb);
        sb.append("\nLarge file: ").append(largeMiB).append(" MiB of random bytes; small files: ").append(smallCount)
                .append(" × ").append(smallKiB).append(" KiB in 20 folders. MB = 10^6 bytes.\n");
        return sb.toString();
    }

    private void ratio(StringBuilder sb, String ours, String ref) {
        if (!seconds.containsKey(ours) || !seconds.containsKey(ref)) {
            return;
        }
        List<Double> per = new ArrayList<>();
        List<Double> o = seconds.get(ours);
        List<Double> r = seconds.get(ref);
        for (int i = 0; i < Math.min(o.size(), r.size()); i++) {
            per.add(r.get(i) / o.get(i));
        }
        per.sort(Comparator.naturalOrder());
        sb.append(String.format("| %s vs %s | %.2f× | %.2f× | %s |%n", ours, ref, median(ref) / median(ours),
                per.get(per.size() / 2), per.stream().map(x -> String.format("%.2f", x)).toList()));
    }

    private String openSshDefaultCipher(String[] ssh, String target) throws Exception {
        String[] cmd = concat(new String[] { "ssh", "-v" }, sshArgs(ssh), new String[] { target, "true" });
        Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        pr.waitFor();
        for (String line : out.split("\n")) {
            int i = line.indexOf("kex: client->server cipher: ");
            if (i >= 0) {
                return line.substring(i + "kex: client->server cipher: ".length()).split(" ")[0];
            }
        }
        return "unknown";
    }

    /** ssh(1) spelling of the scp/sftp options (-p instead of -P). */
    private static String[] sshArgs(String[] ssh) {
        String[] a = ssh.clone();
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals("-P")) {
                a[i] = "-p";
            }
        }
        return a;
    }

    private void sftpBatch(String[] ssh, String target, String cipher, String batch) throws Exception {
        Path b = Files.createTempFile(work, "batch", ".txt");
        Files.writeString(b, batch + "\n");
        List<String> cmd = new ArrayList<>(List.of("sftp", "-q", "-b", b.toString()));
        if (cipher != null) {
            cmd.addAll(List.of("-c", cipher));
        }
        cmd.addAll(Arrays.asList(ssh));
        cmd.add(target);
        exec(cmd.toArray(String[]::new));
        Files.delete(b);
    }

    private static void shell(String script) throws Exception {
        exec(new String[] { "sh", "-c", script });
    }

    private static String exec(String[] cmd) throws Exception {
        Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = pr.waitFor();
        if (rc != 0) {
            throw new IOException("command failed (" + rc + "): " + String.join(" ", cmd) + "\n" + out);
        }
        return out;
    }

    private static String[] concat(String[]... parts) {
        return Stream.of(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }

    private static void writeRandom(Path p, long size, long seed) throws IOException {
        Random rnd = new Random(seed);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(p)) {
            for (long left = size; left > 0;) {
                rnd.nextBytes(buf);
                int n = (int) Math.min(buf.length, left);
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}

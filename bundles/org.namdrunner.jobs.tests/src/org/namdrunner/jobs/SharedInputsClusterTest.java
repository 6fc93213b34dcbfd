package org.namdrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.SharedInputs;
import org.namdrunner.cluster.ShellResult;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.op.CreateSweepOperation;
import org.namdrunner.jobs.op.DeleteOperation;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.CommandLogEntry;
import org.namdrunner.remote.UserInteraction;
import org.namdrunner.store.Store;
import org.namdrunner.testing.TcpProxy;
import org.namdrunner.testing.TestCluster;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.Sweep;

/**
 * Issue 18, inputs shared on the cluster: a 20-job sweep created through the Create Sweep operation with the same
 * inputs sends their bytes once. Counted twice, independently: by the transfer layer (the command log's upload
 * entries) and by a TCP proxy in front of sshd (every byte NAMDRunner sent, SSH framing and all commands included).
 * On the cluster every job's input is a hard link of one stored object; deleting jobs leaves the others' inputs whole.
 */
@Tag("cluster")
class SharedInputsClusterTest {
    static final IProgressMonitor M = new NullProgressMonitor();
    static final int JOBS = 20;
    static final Pattern UPLOAD_BYTES = Pattern.compile("^(\\d+) bytes");

    @Test
    void aSweepOf20JobsWithTheSameInputsSendsTheirBytesOnce(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("inputs"));
        // contents of this run only: the cluster's store keeps what earlier runs and other tests uploaded ("PSF\n"),
        // and content already there is rightly not sent again
        String nonce = java.util.UUID.randomUUID().toString();
        Files.writeString(in.resolve("mol.psf"), "PSF\n! " + nonce + "\n");
        Files.writeString(in.resolve("mol.pdb"), "REMARK " + nonce + "\nATOM\nEND\n");
        Path big = in.resolve("big.dcd"); // random, so that nothing on the way can compress it
        Random rnd = new Random();
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 8; i++) {
                rnd.nextBytes(buf);
                out.write(buf);
            }
        }
        List<Path> inputs = List.of(in.resolve("mol.psf"), in.resolve("mol.pdb"), big);
        long inputBytes = 0;
        for (Path p : inputs) {
            inputBytes += Files.size(p);
        }
        String bigSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(big)));
        CommandLog log = new CommandLog();
        try (TcpProxy proxy = new TcpProxy(); Store store = TestCluster.newStore("shared-inputs")) {
            ProfileConfig profile = proxy.slurmProfile("shared-inputs-", tmp);
            try (JobService service = JobsEngineClusterTest.service(store, profile, log);
                    RemoteShell check = new SshConnectionContext(UserInteraction.NONE, null, new CommandLog())
                            .openShell(TestCluster.slurmProfile("shared-check-"), M)) {
                long upBefore = proxy.upstreamBytes();
                JobSpec base = JobSpec.named("shared").template(null, JobsEngineClusterTest.template("langevinTemp <<temp>>"))
                        .value("sleep", "0.05").value("out", "out").value("steps", "10").inputs(inputs)
                        .resources(ResourceRequest.of("compute", 1, null, null)).submit(false);
                List<String> temps = new ArrayList<>();
                for (int i = 0; i < JOBS; i++) {
                    temps.add(Integer.toString(300 + i));
                }
                List<Job> sweep = new CreateSweepOperation(service, profile.id(), base, Map.of("temp", temps), Sweep.Mode.LIST).run(M).created();
                long sent = proxy.upstreamBytes() - upBefore;
                assertEquals(JOBS, sweep.size());

                long uploaded = 0;
                int uploads = 0;
                for (CommandLogEntry e : log.entries()) {
                    if (e.kind() == CommandLogEntry.Kind.TRANSFER && e.command().startsWith("upload ") && e.output() != null) {
                        Matcher m = UPLOAD_BYTES.matcher(e.output());
                        if (m.find()) {
                            uploaded += Long.parseLong(m.group(1));
                            uploads++;
                        }
                    }
                }
                System.out.printf("SharedInputsClusterTest: %d jobs, inputs %d B; transfer layer sent %d B in %d uploads; "
                        + "the proxy saw %d B from NAMDRunner to sshd (%.2fx the inputs)%n", JOBS, inputBytes, uploaded, uploads, sent,
                        sent / (double) inputBytes);
                assertEquals(inputBytes, uploaded, "the transfer layer sent each input once: " + uploads + " uploads");
                assertEquals(inputs.size(), uploads);
                assertTrue(sent >= inputBytes, "the proxy saw the inputs go through: " + sent);
                assertTrue(sent < 2 * inputBytes, "the inputs went through once, not " + JOBS + " times: " + sent + " bytes for "
                        + inputBytes + " bytes of inputs");

                // on the cluster: one object, linked into every job
                List<String> paths = new ArrayList<>();
                for (Job j : sweep) {
                    paths.add(RemotePaths.join(RemotePaths.join(j.remoteProjectDir(), "input"), "big.dcd"));
                }
                String root = ProfileConfig.resolveRoot(profile.projectRoot(), check.user());
                String object = RemotePaths.join(SharedInputs.storeDir(paths.get(0), List.of(root)), bigSha);
                paths.add(object);
                ShellResult st = check.run("stat -c '%i %h' -- \"$@\"", paths, null, M);
                assertTrue(st.ok(), st.stderr());
                List<String> lines = st.stdout().lines().toList();
                assertEquals(JOBS + 1, lines.size(), st.stdout());
                assertEquals(1, lines.stream().distinct().count(), "one inode for all jobs and the stored object: " + st.stdout());
                assertEquals(Integer.toString(JOBS + 1), lines.get(0).split(" ")[1], "link count: " + st.stdout());

                // deleting 19 jobs (with their files) keeps the last one's input whole
                for (Job j : sweep.subList(0, JOBS - 1)) {
                    new DeleteOperation(service, j, true).run(M);
                }
                String last = paths.get(JOBS - 1);
                ShellResult after = check.run("stat -c '%h' -- \"$1\" && sha256sum < \"$1\"", List.of(last), null, M);
                assertTrue(after.ok(), after.stderr());
                assertEquals(List.of("2", bigSha + "  -"), after.stdout().lines().toList(), "the last job and the store keep the data");
                new DeleteOperation(service, sweep.get(JOBS - 1), true).run(M);
                ShellResult obj = check.run("stat -c '%h' -- \"$1\" && rm -f -- \"$1\"", List.of(object), null, M);
                assertEquals("1", obj.stdout().strip(), "no job links the object any more (removed by this test)");
            }
        }
    }
}

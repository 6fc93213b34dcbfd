package org.namdrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.op.CancelOperation;
import org.namdrunner.jobs.op.CreateJobOperation;
import org.namdrunner.jobs.op.SyncOperation;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.UserInteraction;
import org.namdrunner.store.Store;
import org.namdrunner.testing.TestCluster;
import org.namdrunner.testing.TwoFactorCluster;

/**
 * Two-factor login against the test cluster's sshds that require the key and then a one-time code (pam_oath; a
 * Duo-style menu with pam_google_authenticator): the jobs layer logs in with one keyboard-interactive round and every
 * later operation (upload, submit, status queries, listing, reading and downloading files, discovery) rides on that
 * one authenticated session; after the server side of the connection is killed, the next operation asks again.
 */
@Tag("cluster")
class TwoFactorSessionTest {

    static final IProgressMonitor M = new NullProgressMonitor();

    /** One keyboard-interactive round as the server sent it. */
    record Round(String destination, String name, String instruction, List<UserInteraction.Prompt> prompts) {
    }

    /** Answers every keyboard-interactive round with a fresh code (or {@code wrong}) and records the rounds. */
    static final class CodeTyper implements UserInteraction {
        final List<Round> rounds = Collections.synchronizedList(new ArrayList<>());
        final String wrong;

        CodeTyper(String wrong) {
            this.wrong = wrong;
        }

        @Override
        public String[] promptKeyboardInteractive(String destination, String name, String instruction, List<Prompt> prompts) {
            rounds.add(new Round(destination, name, instruction, List.copyOf(prompts)));
            return new String[] { wrong != null ? wrong : TwoFactorCluster.freshCode() };
        }

        @Override
        public Secret promptPassword(String destination, boolean retry) {
            throw new AssertionError("no password is asked on the two-factor sshd: " + destination);
        }

        @Override
        public Secret promptPassphrase(String keyFile, boolean retry) {
            throw new AssertionError("the test key has no passphrase: " + keyFile);
        }

        @Override
        public boolean confirmHostKey(String host, String keyType, String fingerprint) {
            throw new AssertionError("the two-factor sshd's host keys are in its known_hosts: " + host);
        }
    }

    static JobService service(Store store, ProfileConfig profile, UserInteraction ui) throws ClusterException {
        ClusterProfileRegistry registry = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository());
        registry.add(profile);
        SshConnectionContext ssh = new SshConnectionContext(ui, null, new CommandLog());
        Connector connector = new Connector() {
            @Override
            public RemoteShell openShell(ProfileConfig p, IProgressMonitor m) throws ClusterException {
                return ssh.openShell(p, m);
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

    static long count(List<String> lines, int from, String what) {
        return lines.subList(Math.min(from, lines.size()), lines.size()).stream().filter(l -> l.contains(what)).count();
    }

    static void sync(JobService service, ProfileConfig profile) throws Exception {
        SyncOperation sync = new SyncOperation(service, List.of(profile.id()), true, true);
        sync.run(M);
        assertTrue(sync.summary().problems().isEmpty(), sync.summary().problems().toString());
    }

    @Test
    void oneCodeCarriesEveryOperationAndOnlyAReconnectAsksAgain(@TempDir Path tmp) throws Exception {
        ProfileConfig profile = TwoFactorCluster.slurmProfile("otp-jobs-", false, "keyboard-interactive");
        Files.writeString(tmp.resolve("mol.psf"), "PSF\n");
        Files.writeString(tmp.resolve("mol.pdb"), "ATOM\nEND\n");
        CodeTyper typer = new CodeTyper(null);
        int logFrom = TwoFactorCluster.serverLog(false).size();
        try (Store store = TestCluster.newStore("otp-jobs"); JobService service = service(store, profile, typer)) {
            JobRequest r = new JobRequest("otp-1", null, JobsEngineClusterTest.template(""),
                    Map.of("sleep", "0.05", "out", "o", "steps", "10"), "run.namd",
                    List.of(tmp.resolve("mol.psf"), tmp.resolve("mol.pdb")), ResourceRequest.of("compute", 1, null, null), null,
                    Map.of(), null);
            Job job = new CreateJobOperation(service, profile.id(), r, null, 0, true, null).run(M).first();
            try {
                assertTrue(job.slurmJobId() != null, "submitted through the two-factor login: " + job);
                sync(service, profile);
                sync(service, profile);
                ClusterSession session = service.sessions().session(profile.id(), M);
                List<String> inputs = session.files().list(job.remoteProjectDir() + "/input", M);
                assertTrue(inputs.contains("mol.pdb"), inputs.toString());
                assertEquals("ATOM\nEND\n", new String(session.files().read(job.remoteProjectDir() + "/input/mol.pdb", M)));
                session.files().download(job.remoteProjectDir() + "/input/mol.psf", tmp.resolve("back.psf"), M);
                assertEquals("PSF\n", Files.readString(tmp.resolve("back.psf")));
                assertTrue(!session.discover(M).partitions().isEmpty(), "discovery over the same session");

                assertEquals(1, typer.rounds.size(), "one keyboard-interactive round for every operation: " + typer.rounds);
                Round first = typer.rounds.get(0);
                assertEquals("", first.name());
                assertEquals("", first.instruction());
                assertEquals(List.of(new UserInteraction.Prompt(TwoFactorCluster.OATH_PROMPT, false)), first.prompts(),
                        "pam_oath's prompt as the server sent it, echo off");
                List<String> log = TwoFactorCluster.serverLog(false);
                assertEquals(1, count(log, logFrom, "Accepted keyboard-interactive/pam for nrtest"), "one login on the server");
                assertEquals(1, count(log, logFrom, "Partial publickey for nrtest"), "one connection: the key, then the code");

                // the server side of the connection dies: the next operation reconnects and asks again, once
                assertTrue(TwoFactorCluster.killConnections(false) >= 1, "a connection to kill");
                sync(service, profile);
                assertEquals(2, typer.rounds.size(), "asked again after the disconnect, and only once: " + typer.rounds);
                assertEquals(first.prompts(), typer.rounds.get(1).prompts());
                assertTrue(!session.discover(M).partitions().isEmpty());
                assertEquals(2, typer.rounds.size(), "the new session carries the next operations: " + typer.rounds);
                assertEquals(2, count(TwoFactorCluster.serverLog(false), logFrom, "Accepted keyboard-interactive/pam for nrtest"));
            } finally {
                new CancelOperation(service, List.of(job)).run(M);
            }
        }
    }

    @Test
    void duoStyleMenuAndPromptArePassedAsSentWithEchoOn() throws Exception {
        ProfileConfig profile = TwoFactorCluster.slurmProfile("otp-duo-", true, "key");
        CodeTyper typer = new CodeTyper(null);
        int logFrom = TwoFactorCluster.serverLog(true).size();
        try (Store store = TestCluster.newStore("otp-duo"); JobService service = service(store, profile, typer)) {
            sync(service, profile);
            ClusterSession session = service.sessions().session(profile.id(), M);
            assertTrue(session.files().list(session.projectRoot(), M) != null);
            sync(service, profile);
            assertEquals(1, typer.rounds.size(), typer.rounds.toString());
            Round round = typer.rounds.get(0);
            assertEquals("nrtest@127.0.0.1:" + TwoFactorCluster.properties().getProperty("duoPort"), round.destination());
            assertEquals(List.of(new UserInteraction.Prompt(TwoFactorCluster.DUO_PROMPT, true)), round.prompts(),
                    "the menu and 'Passcode or option (1-3): ' as one prompt, echo on");
            assertEquals(1, count(TwoFactorCluster.serverLog(true), logFrom, "Accepted keyboard-interactive/pam for nrtest"));
        }
    }

    @Test
    void wrongCodesEndTheLoginAfterThreeQuestions() throws Exception {
        ProfileConfig profile = TwoFactorCluster.slurmProfile("otp-wrong-", false, "key");
        // a code that is never right: one more digit than the server's codes
        CodeTyper typer = new CodeTyper("0000000");
        try (Store store = TestCluster.newStore("otp-wrong"); JobService service = service(store, profile, typer)) {
            ClusterException e = assertThrows(ClusterException.class, () -> service.sessions().session(profile.id(), M));
            assertTrue(e.getMessage().startsWith("Authentication failed for nrtest@127.0.0.1:"), e.getMessage());
            assertEquals(3, typer.rounds.size(), "asked three times, then given up (not until the server's MaxAuthTries)");
        }
    }
}

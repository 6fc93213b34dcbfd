package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication, host keys, sessions, quoting and the rate limiter against the real test cluster. */
@Tag("cluster")
class ConnectionIntegrationTest {
    @TempDir
    Path tmp;

    final NullProgressMonitor monitor = new NullProgressMonitor();

    static String whoami(RemoteConnection c) throws RemoteException {
        return c.exec(CommandLine.of("id").arg("-un"), new NullProgressMonitor()).requireSuccess("id").stdout().strip();
    }

    @Test
    void passwordAuthenticationAndRememberedPassword() throws Exception {
        SecretStore store = TestSecureStorage.open(tmp.resolve("secure"));
        ScriptedUser user = new ScriptedUser();
        user.password = TestCluster.password();
        user.rememberPassword = true;
        ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.PASSWORD).build();
        try (RemoteConnection c = TestCluster.connect(s, user, store)) {
            assertEquals(TestCluster.user(), whoami(c));
        }
        assertEquals(1, user.asked.size(), "asked once for the password: " + user.asked);
        assertArrayEquals(TestCluster.password().toCharArray(), store.getPassword(s.getId()), "remembered in secure storage");
        // second login: the password comes from secure storage, nobody is asked
        try (RemoteConnection c = TestCluster.connect(s, UserInteraction.NONE, store)) {
            assertEquals(TestCluster.user(), whoami(c));
        }
    }

    @Test
    void wrongPasswordIsAuthFailedWithAClearMessage() throws Exception {
        ScriptedUser user = new ScriptedUser();
        user.password = "not-the-password-" + System.nanoTime();
        user.passwordAnswers = 2;
        ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.PASSWORD).build();
        try (RemoteConnection c = TestCluster.connect(s, user, null)) {
            RemoteException e = assertThrows(RemoteException.class, () -> c.connect(monitor));
            assertEquals(RemoteErrorKind.AUTH_FAILED, e.getKind(), e.getMessage());
            assertTrue(e.getMessage().contains("Authentication failed for " + TestCluster.user() + "@"
                    + TestCluster.host() + ":" + TestCluster.port()), e.getMessage());
            assertTrue(e.getMessage().contains("password"), e.getMessage());
            assertFalse(e.getMessage().contains(user.password));
            assertFalse(String.valueOf(e).contains(user.password));
            assertFalse(c.isConnected());
        }
        assertTrue(user.asked.size() >= 2, "the user was asked again after the failure: " + user.asked);
        assertTrue(user.asked.get(1).endsWith("retry"));
    }

    @Test
    void cancellingThePasswordPromptIsCancelledNotAuthFailed() throws Exception {
        ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.PASSWORD).build();
        try (RemoteConnection c = TestCluster.connect(s, new ScriptedUser(), null)) {
            RemoteException e = assertThrows(RemoteException.class, () -> c.connect(monitor));
            assertEquals(RemoteErrorKind.CANCELLED, e.getKind(), e.getMessage());
        }
    }

    @Test
    void privateKeyAuthentication() throws Exception {
        ScriptedUser user = new ScriptedUser();
        try (RemoteConnection c = TestCluster.connect(TestCluster.settings(tmp, AuthMethod.PUBLIC_KEY).build(), user,
                null)) {
            assertEquals(TestCluster.user(), whoami(c));
        }
        assertTrue(user.asked.isEmpty(), "no prompts for an unencrypted key: " + user.asked);
    }

    @Test
    void keyLoginWithNoKeyAnywhereOffersThePasswordPrompt() throws Exception {
        String home = System.getProperty("user.home");
        System.setProperty("user.home", java.nio.file.Files.createDirectories(tmp.resolve("home-without-keys")).toString());
        try {
            ScriptedUser user = new ScriptedUser();
            user.password = TestCluster.password();
            ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.PUBLIC_KEY).keyFile(null).build();
            try (RemoteConnection c = TestCluster.connect(s, user, null)) {
                assertEquals(TestCluster.user(), whoami(c));
            }
            assertEquals(1, user.asked.size(), "asked once, for the password: " + user.asked);
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void privateKeyWithPassphraseRememberedInSecureStorage() throws Exception {
        SecretStore store = TestSecureStorage.open(tmp.resolve("secure"));
        String key = TestCluster.get("keyFileEncrypted");
        ScriptedUser user = new ScriptedUser();
        user.passphrase = TestCluster.get("keyPassphrase");
        user.rememberPassphrase = true;
        ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.PUBLIC_KEY).keyFile(Path.of(key)).build();
        try (RemoteConnection c = TestCluster.connect(s, user, store)) {
            assertEquals(TestCluster.user(), whoami(c));
        }
        assertEquals(List.of("passphrase " + key), user.asked);
        assertNotNull(store.getPassphrase(key));
        try (RemoteConnection c = TestCluster.connect(s, UserInteraction.NONE, store)) {
            assertEquals(TestCluster.user(), whoami(c));
        }
        // wrong passphrase: the key cannot be used, login fails with AUTH_FAILED
        ScriptedUser wrong = new ScriptedUser();
        wrong.passphrase = "wrong-passphrase";
        try (RemoteConnection c = TestCluster.connect(s, wrong, null)) {
            RemoteException e = assertThrows(RemoteException.class, () -> c.connect(monitor));
            assertEquals(RemoteErrorKind.AUTH_FAILED, e.getKind(), e.getMessage());
            assertTrue(e.getMessage().contains("passphrase"), e.getMessage());
        }
    }

    @Test
    void agentLoginUsesTheKeysOfARealSshAgentAndAsksNothing() throws Exception {
        // a real OpenSSH agent on its own socket, named for this host by IdentityAgent as a user's ~/.ssh/config would
        Path sock = tmp.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("agent.out").toFile()).start();
        try {
            long until = System.nanoTime() + 10_000_000_000L;
            while (!Files.exists(sock) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(sock), "ssh-agent made its socket: " + Files.readString(tmp.resolve("agent.out")));
            Path config = tmp.resolve("ssh_config");
            Files.writeString(config, "Host " + TestCluster.host() + "\n  IdentityAgent " + sock + "\n");
            ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.AGENT).sshConfigFile(config).build();

            // the agent holds no key yet: a clear configuration error that says what to do
            ScriptedUser user = new ScriptedUser();
            try (RemoteConnection c = TestCluster.connect(s, user, null)) {
                RemoteException e = assertThrows(RemoteException.class, () -> c.connect(monitor));
                assertEquals(RemoteErrorKind.CONFIGURATION, e.getKind(), e.getMessage());
                assertTrue(e.getMessage().contains("holds no keys") && e.getMessage().contains("ssh-add"), e.getMessage());
            }

            ProcessBuilder pb = new ProcessBuilder("ssh-add", TestCluster.get("keyFile")).redirectErrorStream(true);
            pb.environment().put("SSH_AUTH_SOCK", sock.toString());
            Process added = pb.start();
            String out = new String(added.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, added.waitFor(), "ssh-add: " + out);

            try (RemoteConnection c = TestCluster.connect(s, user, null)) {
                assertEquals(TestCluster.user(), whoami(c));
            }
            assertTrue(user.asked.isEmpty(), "the agent signs; nothing is asked: " + user.asked);
        } finally {
            agent.destroy();
            agent.waitFor();
        }
        // the agent is gone: its socket no longer exists, and the error says so
        Files.deleteIfExists(sock);
        ConnectionSettings gone = TestCluster.settings(tmp, AuthMethod.AGENT).sshConfigFile(tmp.resolve("ssh_config")).build();
        try (RemoteConnection c = TestCluster.connect(gone, new ScriptedUser(), null)) {
            RemoteException e = assertThrows(RemoteException.class, () -> c.connect(monitor));
            assertEquals(RemoteErrorKind.CONFIGURATION, e.getKind(), e.getMessage());
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        }
    }

    @Test
    void keyboardInteractivePromptsGoToTheUser() throws Exception {
        ScriptedUser user = new ScriptedUser();
        user.kbdAnswers = new String[] { TestCluster.password() };
        ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.KEYBOARD_INTERACTIVE).build();
        try (RemoteConnection c = TestCluster.connect(s, user, null)) {
            assertEquals(TestCluster.user(), whoami(c));
        }
        assertNotNull(user.lastPrompts, "keyboard-interactive prompts were passed to the callback");
        assertEquals(1, user.lastPrompts.size());
        assertTrue(user.lastPrompts.get(0).text().toLowerCase().contains("password"), user.lastPrompts.toString());
        assertFalse(user.lastPrompts.get(0).echo());
    }

    @Test
    void unreachablePortIsHostUnreachable() throws Exception {
        int freePort;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = ss.getLocalPort();
        }
        ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.PUBLIC_KEY).port(freePort).build();
        try (RemoteConnection c = new RemoteConnection(s, UserInteraction.NONE, null, TestCluster.LOG, null,
                TestCluster.quickBackoff(3))) {
            RemoteException e = assertThrows(RemoteException.class, () -> c.connect(monitor));
            assertEquals(RemoteErrorKind.HOST_UNREACHABLE, e.getKind(), e.getMessage());
            assertTrue(e.getMessage().contains("port " + freePort), e.getMessage());
            long attempts = TestCluster.LOG.entries().stream()
                    .filter(x -> x.kind() == CommandLogEntry.Kind.CONNECTION && x.cluster().endsWith(":" + freePort)
                            && x.command().startsWith("connect failed"))
                    .count();
            assertTrue(attempts >= 3, "retried with backoff (bounded): " + attempts);
        }
        RemoteException e = assertThrows(RemoteException.class, () -> new RemoteConnection(
                ConnectionSettings.builder("no-such-host.invalid").port(22).user("x").authMethod(AuthMethod.PASSWORD)
                        .knownHostsFile(tmp.resolve("kh2")).sshConfigFile(null).useEclipseProxySettings(false).build(),
                UserInteraction.NONE, null, TestCluster.LOG, null, TestCluster.quickBackoff(1)).connect(monitor));
        assertEquals(RemoteErrorKind.HOST_UNREACHABLE, e.getKind(), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-host.invalid"));
    }

    @Test
    void changedHostKeyIsRefusedNamingHostAndFingerprint() throws Exception {
        // a known_hosts file whose entries for the test server are different (freshly generated) keys
        Path known = tmp.resolve("known_hosts");
        StringBuilder sb = new StringBuilder();
        String hostEntry = "[" + TestCluster.host() + "]:" + TestCluster.port();
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            Path k = tmp.resolve("fake_" + type);
            Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", type, "-N", "", "-f", k.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertEquals(0, p.waitFor());
            sb.append(hostEntry).append(' ').append(Files.readString(k.resolveSibling("fake_" + type + ".pub")).strip())
                    .append('\n');
        }
        Files.writeString(known, sb.toString());
        ScriptedUser user = new ScriptedUser();
        user.trustHostKeys = true; // must not even be asked
        ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.PUBLIC_KEY).knownHostsFile(known).build();
        try (RemoteConnection c = TestCluster.connect(s, user, null)) {
            RemoteException e = assertThrows(RemoteException.class, () -> c.connect(monitor));
            assertEquals(RemoteErrorKind.HOST_KEY_CHANGED, e.getKind(), e.getMessage());
            assertTrue(e.getMessage().contains(hostEntry), e.getMessage());
            assertTrue(e.getMessage().contains("SHA256:"), e.getMessage());
            String fp = TestCluster.get("hostKeyFingerprint");
            if (fp != null && e.getMessage().contains("ssh-ed25519")) {
                assertTrue(e.getMessage().contains(fp), "names the server's real fingerprint: " + e.getMessage());
            }
        }
        assertTrue(user.asked.isEmpty(), "a changed key is never offered for trust: " + user.asked);
        assertEquals(sb.toString(), Files.readString(known), "known_hosts untouched");
    }

    @Test
    void unknownHostKeyIsAskedAndTrustedOrRejected() throws Exception {
        Path known = tmp.resolve("empty_known_hosts");
        ScriptedUser no = new ScriptedUser();
        ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.PUBLIC_KEY).knownHostsFile(known).build();
        try (RemoteConnection c = TestCluster.connect(s, no, null)) {
            RemoteException e = assertThrows(RemoteException.class, () -> c.connect(monitor));
            assertEquals(RemoteErrorKind.HOST_KEY_REJECTED, e.getKind(), e.getMessage());
            assertTrue(e.getMessage().contains("SHA256:"), e.getMessage());
        }
        assertEquals(1, no.asked.size());
        ScriptedUser yes = new ScriptedUser();
        yes.trustHostKeys = true;
        try (RemoteConnection c = TestCluster.connect(s, yes, null)) {
            assertEquals(TestCluster.user(), whoami(c));
        }
        assertEquals("[" + TestCluster.host() + "]:" + TestCluster.port(), yes.hostKeyHost);
        assertTrue(yes.hostKeyFingerprint.startsWith("SHA256:"));
        assertTrue(Files.readString(known).contains("[" + TestCluster.host() + "]:" + TestCluster.port()),
                "trusted key added to known_hosts");
        // now known: no question asked
        ScriptedUser again = new ScriptedUser();
        try (RemoteConnection c = TestCluster.connect(s, again, null)) {
            assertEquals(TestCluster.user(), whoami(c));
        }
        assertTrue(again.asked.isEmpty(), again.asked.toString());
    }

    @Test
    void oneSessionCarriesEveryCommandAndSftp() throws Exception {
        ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.PUBLIC_KEY).commandsPerSecond(100).build();
        try (RemoteConnection c = TestCluster.connect(s, UserInteraction.NONE, null)) {
            Set<String> clientPorts = new HashSet<>();
            for (int i = 0; i < 15; i++) {
                CommandResult r = c.exec(CommandLine.of("sh").arg("-c").arg("echo \"$SSH_CONNECTION\""), monitor);
                clientPorts.add(r.stdout().strip().split(" ")[1]);
            }
            String home = c.home(monitor);
            assertTrue(home.startsWith("/"), home);
            assertEquals(1, clientPorts.size(), "every command came over the same TCP connection: " + clientPorts);
            assertEquals(1, c.getLoginCount());
            // in OSGi the connect goes through org.eclipse.jsch.core's IJSchService, with the tuned cipher
            String connected = TestCluster.LOG.entries().stream()
                    .filter(x -> x.kind() == CommandLogEntry.Kind.CONNECTION && x.cluster().equals(c.getDisplayName())
                            && x.command().startsWith("connected"))
                    .reduce((a, b) -> b).orElseThrow().command();
            assertTrue(connected.contains("via org.eclipse.jsch.core"), connected);
            assertTrue(connected.contains("aes128-gcm@openssh.com"), connected);
        }
    }

    @Test
    void commandResultsAndFailuresAreClassified() throws Exception {
        try (RemoteConnection c = TestCluster.connect(TestCluster.settings(tmp, AuthMethod.PUBLIC_KEY).build(),
                UserInteraction.NONE, null)) {
            CommandResult r = c.exec(CommandLine.of("sh").arg("-c").arg("echo out; echo err >&2; exit 3"), monitor);
            assertEquals(3, r.exitCode());
            assertEquals("out\n", r.stdout());
            assertEquals("err\n", r.stderr());
            RemoteException e = assertThrows(RemoteException.class, () -> r.requireSuccess("The test command"));
            assertEquals(RemoteErrorKind.COMMAND_FAILED, e.getKind());
            assertTrue(e.getMessage().contains("exit code 3") && e.getMessage().contains("err"), e.getMessage());
            CommandResult missing = c.exec(CommandLine.of("ls").endOfOptions().arg("/nonexistent/x"), monitor);
            assertEquals(RemoteErrorKind.NOT_FOUND,
                    assertThrows(RemoteException.class, () -> missing.requireSuccess("Listing")).getKind());
            CommandResult denied = c.exec(CommandLine.of("cat").endOfOptions().arg("/etc/shadow"), monitor);
            assertEquals(RemoteErrorKind.PERMISSION_DENIED,
                    assertThrows(RemoteException.class, () -> denied.requireSuccess("Reading")).getKind());
            // the command log has the command, exit code, and output
            CommandLogEntry last = null;
            for (CommandLogEntry x : TestCluster.LOG.entries()) {
                if (x.kind() == CommandLogEntry.Kind.COMMAND && x.command().contains("exit 3")) {
                    last = x;
                }
            }
            assertNotNull(last);
            assertEquals(3, last.exitCode());
            assertTrue(last.output().contains("out") && last.output().contains("err"));
            // stdin
            CommandResult cat = c.exec(CommandLine.of("cat"),
                    ExecOptions.DEFAULT.withStdin("fed via stdin".getBytes(StandardCharsets.UTF_8)), monitor);
            assertEquals("fed via stdin", cat.stdout());
            // timeout and cancel
            RemoteException t = assertThrows(RemoteException.class, () -> c.exec(CommandLine.of("sleep").arg(30),
                    ExecOptions.DEFAULT.withTimeout(Duration.ofMillis(300)), monitor));
            assertEquals(RemoteErrorKind.TIMEOUT, t.getKind());
        }
    }

    /**
     * Property test: random strings full of shell metacharacters go through ShellQuote to the remote shell and
     * come back byte for byte, both as direct arguments and as positional parameters of sh -c.
     */
    @Test
    void quotingRoundTripsThroughTheRemoteShell() throws Exception {
        Random rnd = new Random(20260101);
        ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.PUBLIC_KEY).commandsPerSecond(100).build();
        try (RemoteConnection c = TestCluster.connect(s, UserInteraction.NONE, null)) {
            for (int batch = 0; batch < 8; batch++) {
                List<String> inputs = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    inputs.add(ShellQuoteTest.randomNasty(rnd, 60));
                }
                inputs.add("");
                inputs.add("'");
                inputs.add("$(touch /tmp/pwned)`touch /tmp/pwned2`;rm -rf ~ &");
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                for (String in : inputs) {
                    expected.writeBytes(in.getBytes(StandardCharsets.UTF_8));
                    expected.write(0);
                }
                CommandLine direct = CommandLine.of("printf").arg("%s\\0").args(inputs);
                CommandResult r1 = c.exec(direct, monitor).requireSuccess("printf");
                assertArrayEquals(expected.toByteArray(), r1.stdoutBytes(), "direct arguments, batch " + batch);
                CommandLine viaSh = CommandLine.shellScript("for a in \"$@\"; do printf '%s\\0' \"$a\"; done",
                        inputs.toArray(String[]::new));
                CommandResult r2 = c.exec(viaSh, monitor).requireSuccess("sh -c");
                assertArrayEquals(expected.toByteArray(), r2.stdoutBytes(), "sh -c positional, batch " + batch);
            }
            CommandResult pwned = c.exec(CommandLine.of("ls").arg("/tmp/pwned").arg("/tmp/pwned2"), monitor);
            assertTrue(pwned.exitCode() != 0, "no command substitution happened");
        }
    }

    @Test
    void rateLimiterAgainstRealCommands() throws Exception {
        // 1 command per 2 s, at most 3 waiting: of 8 quick submissions 1 runs, 3 wait and 4 are refused
        ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.PUBLIC_KEY).commandsPerSecond(0.5)
                .maxQueuedCommands(3).build();
        try (RemoteConnection c = TestCluster.connect(s, UserInteraction.NONE, null)) {
            c.connect(monitor);
            List<CompletableFuture<CommandResult>> accepted = new ArrayList<>();
            List<RemoteException> refused = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                try {
                    accepted.add(c.execAsync(CommandLine.of("echo").arg("request-" + i), ExecOptions.DEFAULT));
                } catch (RemoteException e) {
                    refused.add(e);
                }
            }
            // an identical request in flight is coalesced (not queued, not refused)
            CompletableFuture<CommandResult> again = c.execAsync(CommandLine.of("echo").arg("request-3"),
                    ExecOptions.DEFAULT);
            assertEquals(4, accepted.size());
            assertEquals(4, refused.size());
            for (RemoteException e : refused) {
                assertEquals(RemoteErrorKind.TOO_MANY_REQUESTS, e.getKind());
                assertTrue(e.getMessage().startsWith("Too many pending requests"), e.getMessage());
            }
            for (int i = 0; i < accepted.size(); i++) {
                assertEquals("request-" + i + "\n", accepted.get(i).get().stdout(), "accepted requests all ran");
            }
            assertEquals("request-3\n", again.get().stdout());
            assertEquals(1, c.getRateLimiter().coalescedCount());
            long ran = TestCluster.LOG.entries().stream().filter(x -> x.kind() == CommandLogEntry.Kind.COMMAND
                    && x.command().startsWith("echo request-3")).count();
            assertEquals(1, ran, "the coalesced request executed once");
            List<CommandLogEntry> mine = TestCluster.LOG.entries().stream()
                    .filter(x -> x.cluster().equals(c.getDisplayName()) || x.cluster().equals(s.getId())).toList();
            assertTrue(mine.stream().anyMatch(x -> x.kind() == CommandLogEntry.Kind.QUEUE_FULL));
            assertTrue(mine.stream().anyMatch(x -> x.kind() == CommandLogEntry.Kind.RATE_LIMITED));
            assertTrue(mine.stream().anyMatch(x -> x.kind() == CommandLogEntry.Kind.COALESCED));
        }
    }

    @Test
    void brokenConnectionIsReestablished() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestCluster.host(), TestCluster.port())) {
            Path known = tmp.resolve("known_hosts");
            Files.writeString(known, Files.readString(Path.of(TestCluster.get("knownHosts"))).replace(
                    "[" + TestCluster.host() + "]:" + TestCluster.port(), "[" + TestCluster.host() + "]:" + proxy.port()));
            ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.PUBLIC_KEY).port(proxy.port())
                    .knownHostsFile(known).build();
            try (RemoteConnection c = TestCluster.connect(s, UserInteraction.NONE, null)) {
                assertEquals(TestCluster.user(), whoami(c));
                proxy.killAll();
                assertEquals(TestCluster.user(), whoami(c), "the next command reconnects transparently");
                assertEquals(2, c.getLoginCount());
                assertEquals(2, proxy.acceptedConnections());
            }
        }
    }

    @Test
    void sshConfigAliasAndProxyJump() throws Exception {
        Path cfg = tmp.resolve("ssh_config");
        String key = TestCluster.get("keyFile");
        Files.writeString(cfg, "Host tcjump\n  HostName " + TestCluster.host() + "\n  Port " + TestCluster.port()
                + "\n  User " + TestCluster.user() + "\n  IdentityFile " + key + "\n"
                + "Host tc\n  HostName " + TestCluster.host() + "\n  Port " + TestCluster.port() + "\n  User "
                + TestCluster.user() + "\n  IdentityFile " + key + "\n  ProxyJump tcjump\n");
        Path known = tmp.resolve("known_hosts");
        Files.copy(Path.of(TestCluster.get("knownHosts")), known);
        ConnectionSettings s = ConnectionSettings.builder("tc").authMethod(AuthMethod.PUBLIC_KEY).knownHostsFile(known)
                .sshConfigFile(cfg).useEclipseProxySettings(false).build();
        try (RemoteConnection c = TestCluster.connect(s, UserInteraction.NONE, null)) {
            assertEquals(TestCluster.user(), whoami(c));
            CommandResult r = c.exec(CommandLine.of("sh").arg("-c").arg("echo \"$SSH_CONNECTION\""), monitor);
            assertTrue(r.stdout().startsWith("127.0.0.1 "), r.stdout());
            assertEquals(1, c.jumpHostCount(), "connected through the ProxyJump host");
            assertEquals(TestCluster.user() + "@" + TestCluster.host() + ":" + TestCluster.port(), c.getDisplayName());
        }
    }
}

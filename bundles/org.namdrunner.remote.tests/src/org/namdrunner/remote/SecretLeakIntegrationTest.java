package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Grep-style check that the test cluster's password and key passphrase never appear in the command log,
 * JSch's log, anything printed, the workbench log, or any file written under the test data directory
 * (where databases and secure storage go).
 */
@Tag("cluster")
class SecretLeakIntegrationTest {

    @Test
    void passwordAndPassphraseNeverLeak() throws Exception {
        String password = TestCluster.password();
        String passphrase = TestCluster.get("keyPassphrase");
        Path data = Path.of(System.getProperty("namdrunner.data", System.getProperty("java.io.tmpdir")))
                .resolve("secret-leak-test");
        Files.createDirectories(data);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            SecretStore store = TestSecureStorage.open(data.resolve("secure_storage"));
            // password login, remembered
            ScriptedUser user = new ScriptedUser();
            user.password = password;
            user.rememberPassword = true;
            ConnectionSettings s = TestCluster.settings(data, AuthMethod.PASSWORD).commandsPerSecond(50).build();
            try (RemoteConnection c = TestCluster.connect(s, user, store)) {
                c.exec(CommandLine.of("id").arg("-un"), new NullProgressMonitor()).requireSuccess("id");
                // a user who pastes the password into a command: the log still masks it
                c.exec(CommandLine.of("echo").arg("typed " + password), new NullProgressMonitor());
                CommandResult failed = c.exec(CommandLine.of("ls").arg("/nonexistent-" + password),
                        new NullProgressMonitor());
                RemoteException e = assertThrows(RemoteException.class, () -> failed.requireSuccess("ls"));
                assertFalse(e.getMessage().contains(password), e.getMessage());
            }
            // wrong password, then keyboard-interactive, then an encrypted key
            ScriptedUser wrong = new ScriptedUser();
            wrong.password = password + "-wrong";
            wrong.passwordAnswers = 1;
            try (RemoteConnection c = TestCluster.connect(s, wrong, null)) {
                RemoteException e = assertThrows(RemoteException.class, () -> c.connect(new NullProgressMonitor()));
                assertEquals(RemoteErrorKind.AUTH_FAILED, e.getKind());
            }
            ScriptedUser kbd = new ScriptedUser();
            kbd.kbdAnswers = new String[] { password };
            try (RemoteConnection c = TestCluster.connect(
                    TestCluster.settings(data, AuthMethod.KEYBOARD_INTERACTIVE).build(), kbd, null)) {
                c.connect(new NullProgressMonitor());
            }
            ScriptedUser key = new ScriptedUser();
            key.passphrase = passphrase;
            key.rememberPassphrase = true;
            try (RemoteConnection c = TestCluster.connect(TestCluster.settings(data, AuthMethod.PUBLIC_KEY)
                    .keyFile(Path.of(TestCluster.get("keyFileEncrypted"))).build(), key, store)) {
                c.connect(new NullProgressMonitor());
            }
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }

        List<String> leaks = new ArrayList<>();
        List<String> secrets = List.of(password, passphrase);
        StringBuilder log = new StringBuilder();
        for (CommandLogEntry e : TestCluster.LOG.entries()) {
            log.append(e).append('\n').append(e.command()).append('\n').append(e.output()).append('\n');
        }
        assertTrue(log.toString().contains("typed " + SecretRedactor.MASK), "the echo was logged, masked");
        check("command log", log.toString(), secrets, leaks);
        check("JSch log", TestCluster.JSCH_LOG.toString(), secrets, leaks);
        check("stdout/stderr", printed.toString(StandardCharsets.UTF_8), secrets, leaks);
        List<Path> scanned = new ArrayList<>();
        scanTree(data.getParent(), secrets, leaks, scanned);
        try {
            if (Platform.getLogFileLocation() != null) {
                Path workbenchLog = Platform.getLogFileLocation().toFile().toPath();
                if (Files.exists(workbenchLog)) {
                    scanTree(workbenchLog.getParent(), secrets, leaks, scanned);
                }
            }
        } catch (IllegalStateException e) {
            // no instance area
        }
        assertTrue(scanned.stream().anyMatch(p -> p.getFileName().toString().equals("secure_storage")),
                "the secure storage file was scanned too: " + scanned);
        if (!leaks.isEmpty()) {
            fail("Secrets leaked into: " + leaks);
        }
    }

    private static void check(String where, String text, List<String> secrets, List<String> leaks) {
        for (String s : secrets) {
            if (text.contains(s)) {
                leaks.add(where);
            }
        }
    }

    private static void scanTree(Path root, List<String> secrets, List<String> leaks, List<Path> scanned)
            throws IOException {
        if (root == null || !Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (Files.size(f) > 64L * 1024 * 1024) {
                    continue;
                }
                scanned.add(f);
                byte[] content = Files.readAllBytes(f);
                for (String s : secrets) {
                    for (byte[] needle : List.of(s.getBytes(StandardCharsets.UTF_8), s.getBytes(StandardCharsets.UTF_16LE))) {
                        if (indexOf(content, needle) >= 0) {
                            leaks.add(f.toString());
                        }
                    }
                }
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package org.namdrunner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.store.Store;
import org.namdrunner.testing.TwoFactorCluster;

/**
 * The command line against the test cluster's two-factor sshd (key, then pam_oath's one-time code): on a terminal the
 * server's prompt is shown as sent and the code read once without echo; without a terminal the command fails with a
 * message naming the profile and that it needs a one-time code.
 */
@Tag("cluster")
class TwoFactorCliTest {

    /** A terminal whose user types a fresh code at every secret prompt. */
    static final class TypingTerminal implements TerminalInteraction.Terminal {
        final StringBuilder shown = new StringBuilder();
        final List<String> typed = new ArrayList<>();
        int lineReads;

        @Override
        public void print(String text) {
            shown.append(text);
        }

        @Override
        public String readLine() {
            lineReads++;
            return null;
        }

        @Override
        public char[] readSecret() {
            String code = TwoFactorCluster.freshCode();
            typed.add(code);
            return code.toCharArray();
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void realTerminal() {
        TerminalInteraction.terminal = TerminalInteraction::systemTerminal;
    }

    private int sync(Path storeDir, ProfileConfig profile) {
        return new NamdCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of("sync", "--profile", profile.id(), "--store", storeDir.toString()));
    }

    private static ProfileConfig profileIn(Path storeDir, String prefix) throws Exception {
        ProfileConfig p = TwoFactorCluster.slurmProfile(prefix, false, "key");
        try (Store store = Store.open(storeDir)) {
            new StoreProfileRepository(store).save(p);
        }
        return p;
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutATerminalTheCommandSaysWhichProfileNeedsAOneTimeCode(@TempDir Path dir) throws Exception {
        assertNull(TerminalInteraction.systemTerminal(), "the test runs without a terminal (no console)");
        ProfileConfig p = profileIn(dir, "otp-cli-none-");
        int logFrom = TwoFactorCluster.serverLog(false).size();
        assertEquals(NamdCli.ERRORS, sync(dir, p), printed());
        String text = printed();
        assertTrue(text.contains("Profile '" + p.name() + "' (" + p.id() + ", nrtest@127.0.0.1:"
                + TwoFactorCluster.properties().getProperty("port") + ") needs a one-time code"), text);
        assertTrue(text.contains("\"" + TwoFactorCluster.OATH_PROMPT.strip() + "\""), "the server's prompt: " + text);
        assertTrue(text.contains("no terminal to ask on"), text);
        List<String> log = TwoFactorCluster.serverLog(false);
        assertTrue(log.subList(Math.min(logFrom, log.size()), log.size()).stream().noneMatch(l -> l.contains("Accepted keyboard-interactive")),
                "no login without a code");
    }

    @Test
    void onATerminalTheServersPromptIsShownAsSentAndTheCodeReadOnceWithoutEcho(@TempDir Path dir) throws Exception {
        ProfileConfig p = profileIn(dir, "otp-cli-tty-");
        TypingTerminal tty = new TypingTerminal();
        TerminalInteraction.terminal = () -> tty;
        assertEquals(NamdCli.OK, sync(dir, p), printed());
        assertEquals("Login to " + p.name() + " (nrtest@127.0.0.1:" + TwoFactorCluster.properties().getProperty("port") + ")\n"
                + TwoFactorCluster.OATH_PROMPT, tty.shown.toString());
        assertEquals(1, tty.typed.size(), "one code for the command");
        assertEquals(0, tty.lineReads, "read without echo");
        assertFalse(printed().contains(tty.typed.get(0)), "the code is not printed: " + printed());
    }
}

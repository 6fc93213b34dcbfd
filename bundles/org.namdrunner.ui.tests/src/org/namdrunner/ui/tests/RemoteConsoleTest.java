package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.remote.AuthMethod;
import org.namdrunner.remote.CommandLine;
import org.namdrunner.remote.CommandResult;
import org.namdrunner.remote.ConnectionSettings;
import org.namdrunner.remote.ExecOptions;
import org.namdrunner.remote.RemoteConnection;
import org.namdrunner.ui.remote.ConnectionStatusItem;
import org.namdrunner.ui.remote.DialogUserInteraction;
import org.namdrunner.ui.remote.RemoteUi;
import org.namdrunner.ui.remote.SshConsole;

/**
 * Against the test cluster: connecting asks "trust this host key?" with the real fingerprint and then the
 * password in dialogs, the status line shows the connection, and the SSH console shows the commands run, their
 * exit codes, output, and the rate limiter's events.
 */
@Tag("ui")
@Tag("cluster")
class RemoteConsoleTest {

    static Properties cluster() throws Exception {
        String path = System.getProperty("namdrunner.testcluster");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            fail("Test cluster properties not found (" + path + "): start it with scripts/test-cluster start "
                    + "(scripts/run-tests does this)");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(path))) {
            p.load(r);
        }
        return p;
    }

    @AfterEach
    void disconnect() {
        RemoteUi.disconnectAll();
        UiTestSupport.settle(Display.getCurrent());
    }

    @Test
    void connectWithDialogsThenSeeCommandsInTheConsole() throws Exception {
        Display d = Display.getCurrent();
        Properties p = cluster();
        Path dir = Files.createTempDirectory("ui-remote");
        Path known = Files.createFile(dir.resolve("known_hosts"));
        ConnectionSettings settings = ConnectionSettings.builder(p.getProperty("host")).id("ui-test-cluster")
                .port(Integer.parseInt(p.getProperty("port"))).user(p.getProperty("user"))
                .authMethod(AuthMethod.PASSWORD).knownHostsFile(known).sshConfigFile(null)
                .projectRoot(p.getProperty("projectRoot")).scratchRoot(p.getProperty("scratchRoot"))
                .useEclipseProxySettings(false).build();

        CLabel status = statusLabel(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell());
        assertNotNull(status, "no connection status in the status line");
        assertEquals("Not connected", status.getText());

        // 1. unknown host key: the dialog shows the server's real fingerprint; 2. password (not saved)
        String[] hostKeyMessage = new String[1];
        List<Throwable> f1 = UiTestSupport.onShell(d, DialogUserInteraction.HOST_KEY_TITLE, hostKey -> {
            UiTestSupport.settle(d);
            hostKeyMessage[0] = String.join("\n", labels(hostKey));
            UiTestSupport.screenshot(hostKey, "connect-host-key");
            UiTestSupport.click(UiTestSupport.findButton(hostKey, DialogUserInteraction.TRUST_BUTTON));
        });
        List<Throwable> f2 = UiTestSupport.onShell(d, DialogUserInteraction.PASSWORD_TITLE, pw -> {
            UiTestSupport.settle(d);
            Text secret = passwordField(pw);
            assertNotNull(secret, "no password field");
            secret.setText(p.getProperty("password"));
            UiTestSupport.screenshot(pw, "connect-password");
            UiTestSupport.click(UiTestSupport.findButton(pw, "OK"));
        });
        RemoteUi.connectJob(settings);
        UiTestSupport.joinFamily(d, RemoteUi.class, 60_000);

        assertTrue(f1.isEmpty() && f2.isEmpty(), "dialogs: " + f1 + " " + f2);
        assertNotNull(hostKeyMessage[0], "no host key question");
        assertTrue(hostKeyMessage[0].contains(p.getProperty("hostKeyFingerprint")), "fingerprint not shown: " + hostKeyMessage[0]);
        RemoteConnection c = RemoteUi.connection(settings);
        assertTrue(c.isConnected(), "not connected");
        assertTrue(Files.readString(known).length() > 0, "trusted key not written to known_hosts");
        UiTestSupport.waitUntil(d, 5000, () -> status.getText().startsWith("Connected: "), "status line");
        assertEquals("Connected: " + c.getDisplayName(), status.getText());

        CommandResult r = c.exec(CommandLine.of("sh").args("-c", "echo hello-console; echo to-stderr >&2; exit 3"),
                ExecOptions.DEFAULT.withCoalesce(false), new NullProgressMonitor());
        assertEquals(3, r.exitCode());

        SshConsole console = sshConsole();
        UiTestSupport.waitUntil(d, 10_000, () -> console.getDocument().get().contains("hello-console"), "command output in the console");
        String text = console.getDocument().get();
        assertTrue(text.contains("] $ sh -c ") && text.contains("echo hello-console; echo to-stderr >&2; exit 3"), text);
        assertTrue(text.contains("  \u2192 exit 3 ("), text);
        assertTrue(text.contains("    hello-console"), text);
        assertTrue(text.contains("CONNECTION: "), text);

        // the rate limiter's events: 1 command per 2 s, 1 may wait, so of 4 at once some wait and some are refused
        ConnectionSettings limited = ConnectionSettings.builder(p.getProperty("host")).id("ui-test-cluster-limited")
                .port(Integer.parseInt(p.getProperty("port"))).user(p.getProperty("user"))
                .authMethod(AuthMethod.PUBLIC_KEY).keyFile(Path.of(p.getProperty("keyFile"))).knownHostsFile(known)
                .sshConfigFile(null).useEclipseProxySettings(false).commandsPerSecond(0.5).maxQueuedCommands(1).build();
        RemoteConnection lc = RemoteUi.connection(limited);
        lc.connect(new NullProgressMonitor());
        List<CompletableFuture<CommandResult>> futures = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 4; i++) {
            try {
                futures.add(lc.execAsync(CommandLine.of("echo").arg("burst-" + i), ExecOptions.DEFAULT.withCoalesce(false)));
            } catch (org.namdrunner.remote.RemoteException e) {
                assertEquals(org.namdrunner.remote.RemoteErrorKind.TOO_MANY_REQUESTS, e.getKind());
                refused++;
            }
        }
        assertTrue(refused > 0, "the queue limit of 1 refused nothing");
        for (CompletableFuture<CommandResult> f : futures) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (Exception notRun) {
                // queue full: expected for some
            }
        }
        UiTestSupport.waitUntil(d, 10_000, () -> console.getDocument().get().contains("QUEUE FULL: ")
                && console.getDocument().get().contains("RATE LIMITED: "), "rate-limit and queue-full events");

        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().showView(IConsoleConstants.ID_CONSOLE_VIEW);
        ConsolePlugin.getDefault().getConsoleManager().showConsoleView(console);
        UiTestSupport.settle(d);
        UiTestSupport.screenshotLightAndDark(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "ssh-console");

        RemoteUi.disconnectAll();
        UiTestSupport.waitUntil(d, 5000, () -> status.getText().equals("Not connected"), "status after disconnect");
    }

    static SshConsole sshConsole() {
        for (IConsole c : ConsolePlugin.getDefault().getConsoleManager().getConsoles()) {
            if (c instanceof SshConsole s) {
                return s;
            }
        }
        throw new AssertionError("no SSH console registered");
    }

    static Shell waitForShell(Display d, String title) {
        Shell[] found = new Shell[1];
        UiTestSupport.waitUntil(d, 30_000, () -> {
            for (Shell s : d.getShells()) {
                if (!s.isDisposed() && s.isVisible() && title.equals(s.getText())) {
                    found[0] = s;
                    return true;
                }
            }
            return false;
        }, "dialog '" + title + "'");
        UiTestSupport.settle(d);
        return found[0];
    }

    static List<String> labels(Control c) {
        List<String> out = new ArrayList<>();
        if (c instanceof Label l) {
            out.add(l.getText());
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                out.addAll(labels(child));
            }
        }
        return out;
    }

    static Text passwordField(Control c) {
        if (c instanceof Text t && (t.getStyle() & SWT.PASSWORD) != 0) {
            return t;
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                Text t = passwordField(child);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    static CLabel statusLabel(Control c) {
        if (c instanceof CLabel l && Boolean.TRUE.equals(l.getData(ConnectionStatusItem.ID))) {
            return l;
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                CLabel l = statusLabel(child);
                if (l != null) {
                    return l;
                }
            }
        }
        return null;
    }
}

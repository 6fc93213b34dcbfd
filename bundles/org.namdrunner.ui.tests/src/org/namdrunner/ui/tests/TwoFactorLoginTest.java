package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.ui.preferences.PreferenceTestHooks;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.op.SyncOperation;
import org.namdrunner.remote.RemoteFiles;
import org.namdrunner.testing.TwoFactorCluster;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.jobs.Engine;
import org.namdrunner.ui.preferences.ProfileDialog;
import org.namdrunner.ui.remote.DialogUserInteraction;
import org.namdrunner.ui.remote.RemoteUi;
import org.namdrunner.ui.remote.WorkbenchSessions;

/**
 * Two-factor login in the workbench against the test cluster's sshds that want the key and then a one-time code: the
 * Authentication dialog shows the server's prompt as sent (pam_oath's, echo off; a Duo-style menu, echo on), the test
 * types a code computed from the shared secret, and the syncs, file listings and the profile dialog's Discover after it
 * ride on that one login without asking again.
 */
@Tag("ui")
@Tag("cluster")
class TwoFactorLoginTest {
    static final NullProgressMonitor M = new NullProgressMonitor();
    private final List<String> profiles = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        RemoteUi.disconnectAll();
        StoreProfileRepository repo = new StoreProfileRepository(NamdRunnerUi.store());
        for (String id : profiles) {
            Engine.service().sessions().drop(id);
            repo.delete(id);
        }
        UiTestSupport.settle(Display.getCurrent());
    }

    private ProfileConfig profile(String prefix, boolean duo) throws Exception {
        ProfileConfig p = TwoFactorCluster.slurmProfile(prefix, duo, "key");
        new StoreProfileRepository(NamdRunnerUi.store()).save(p);
        profiles.add(p.id());
        return p;
    }

    /** Counts every Authentication dialog that opens until {@code stop} is set. */
    static Map<Shell, Boolean> watchAuthenticationDialogs(Display d, AtomicBoolean stop) {
        Map<Shell, Boolean> seen = new ConcurrentHashMap<>();
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            for (Shell s : d.getShells()) {
                if (!s.isDisposed() && s.isVisible() && DialogUserInteraction.KEYBOARD_TITLE.equals(s.getText())) {
                    seen.put(s, true);
                }
            }
            if (!stop.get()) {
                d.timerExec(20, poll[0]);
            }
        };
        d.timerExec(20, poll[0]);
        return seen;
    }

    /** The text shown by the label carrying this {@link DialogUserInteraction#SERVER_TEXT} value, as the server sent it. */
    static String serverText(Control c, String what) {
        if (c instanceof Label l && what.equals(l.getData(DialogUserInteraction.SERVER_TEXT))) {
            return l.getText().replace("&&", "&");
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                String t = serverText(child, what);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    static Text field(Control c) {
        if (c instanceof Text t && (t.getStyle() & SWT.READ_ONLY) == 0) {
            return t;
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                Text t = field(child);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    static long accepted(boolean duo, int from) {
        List<String> log = TwoFactorCluster.serverLog(duo);
        return log.subList(Math.min(from, log.size()), log.size()).stream()
                .filter(l -> l.contains("Accepted keyboard-interactive/pam for nrtest")).count();
    }

    @Test
    void oneCodeInTheAuthenticationDialogThenSyncAndListingsDoNotAskAgain() throws Exception {
        Display d = Display.getCurrent();
        ProfileConfig p = profile("ui-otp-", false);
        int logFrom = TwoFactorCluster.serverLog(false).size();
        AtomicBoolean stop = new AtomicBoolean();
        Map<Shell, Boolean> dialogs = watchAuthenticationDialogs(d, stop);
        String[] shown = new String[3];
        boolean[] hidden = new boolean[1];
        List<Throwable> failures = UiTestSupport.onShell(d, DialogUserInteraction.KEYBOARD_TITLE, s -> {
            UiTestSupport.settle(d);
            shown[0] = serverText(s, "prompt0");
            shown[1] = serverText(s, "name");
            shown[2] = serverText(s, "instruction");
            Text code = field(s);
            assertNotNull(code, "no answer field");
            hidden[0] = (code.getStyle() & SWT.PASSWORD) != 0;
            code.setText(TwoFactorCluster.freshCode());
            UiTestSupport.screenshot(s, "two-factor-login");
            UiTestSupport.click(UiTestSupport.findButton(s, "OK"));
        });
        String[] listed = new String[2];
        CompletableFuture<Void> work = CompletableFuture.runAsync(() -> {
            try {
                JobService service = Engine.service();
                SyncOperation sync = new SyncOperation(service, List.of(p.id()), true, true);
                sync.run(M);
                assertTrue(sync.summary().problems().isEmpty(), sync.summary().problems().toString());
                ClusterSession session = service.sessions().session(p.id(), M);
                listed[0] = String.valueOf(session.files().list(session.projectRoot(), M));
                // the Remote Explorer's listing over the workbench connection of the profile
                listed[1] = String.valueOf(new RemoteFiles(WorkbenchSessions.ensureConnected(p)).list(session.projectRoot(), M));
                SyncOperation again = new SyncOperation(service, List.of(p.id()), true, true);
                again.run(M);
                assertTrue(again.summary().problems().isEmpty(), again.summary().problems().toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        UiTestSupport.waitUntil(d, 180_000, work::isDone, "sync and listings through the two-factor login");
        work.join();

        // Discover in the saved profile's dialog while it is connected: over that login too
        ProfileDialog pd = new ProfileDialog(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
                WorkbenchSessions.registry(), p, false, false);
        pd.setBlockOnOpen(false);
        pd.open();
        UiTestSupport.settle(d);
        UiTestSupport.click(PreferenceTestHooks.getDiscoverButton(pd));
        UiTestSupport.waitUntil(d, 120_000, () -> Job.getJobManager().find(ProfileDialog.class).length == 0 || dialogs.size() > 1,
                "discovery");
        for (Shell s : dialogs.keySet()) {
            if (!s.isDisposed()) {
                s.close(); // a second login question: cancelled, and counted below
            }
        }
        UiTestSupport.waitUntil(d, 120_000, () -> Job.getJobManager().find(ProfileDialog.class).length == 0, "discovery job");
        UiTestSupport.settle(d);
        String discovered = PreferenceTestHooks.getDiscoverStatus(pd).getText();
        pd.close();
        stop.set(true);
        assertTrue(discovered.startsWith("Found "), discovered);
        assertTrue(failures.isEmpty(), "dialog: " + failures);
        assertEquals(TwoFactorCluster.OATH_PROMPT, shown[0], "the server's prompt as sent");
        assertEquals(null, shown[1], "the server sent no name");
        assertEquals(null, shown[2], "the server sent no instruction");
        assertTrue(hidden[0], "the code is typed hidden (the server asked without echo)");
        assertEquals(1, dialogs.size(), "one Authentication dialog for the sync, the listings, the second sync and Discover");
        assertEquals(1, accepted(false, logFrom), "one login on the server");
        assertNotNull(listed[0]);
        assertNotNull(listed[1]);
        assertTrue(WorkbenchSessions.isConnected(p), "the connection stays up");
    }

    @Test
    void aDuoStyleMenuIsShownAsSentAndItsPasscodeFieldEchoes() throws Exception {
        Display d = Display.getCurrent();
        ProfileConfig p = profile("ui-duo-", true);
        int logFrom = TwoFactorCluster.serverLog(true).size();
        String[] shown = new String[1];
        boolean[] hidden = new boolean[1];
        List<Throwable> failures = UiTestSupport.onShell(d, DialogUserInteraction.KEYBOARD_TITLE, s -> {
            UiTestSupport.settle(d);
            shown[0] = serverText(s, "prompt0");
            Text code = field(s);
            assertNotNull(code, "no answer field");
            hidden[0] = (code.getStyle() & SWT.PASSWORD) != 0;
            code.setText(TwoFactorCluster.freshCode());
            UiTestSupport.screenshot(s, "two-factor-duo");
            UiTestSupport.click(UiTestSupport.findButton(s, "OK"));
        });
        RemoteUi.connectJob(WorkbenchSessions.settings(p));
        UiTestSupport.joinFamily(d, RemoteUi.class, 120_000);
        assertTrue(failures.isEmpty(), "dialog: " + failures);
        assertEquals(TwoFactorCluster.DUO_PROMPT, shown[0], "the menu and prompt as sent");
        assertTrue(!hidden[0], "the server asked with echo: the passcode or option is visible");
        assertTrue(WorkbenchSessions.isConnected(p));
        assertEquals(1, accepted(true, logFrom));
    }
}

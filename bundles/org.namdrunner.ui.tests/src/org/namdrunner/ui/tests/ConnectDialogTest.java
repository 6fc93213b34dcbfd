package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.cluster.slurm.SlurmProfileType;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.NamdRunnerWindowAdvisor;
import org.namdrunner.ui.remote.ConnectDialog;
import org.namdrunner.ui.remote.RemoteUi;

/** File > Connect…: pick the test cluster's profile from the list, connect, see it in the status line. */
@Tag("ui")
@Tag("cluster")
class ConnectDialogTest {

    @AfterEach
    void disconnect() {
        RemoteUi.disconnectAll();
        UiTestSupport.settle(Display.getCurrent());
    }

    @Test
    void connectToAProfileChosenInTheDialog() throws Exception {
        Display d = Display.getCurrent();
        Properties p = RemoteConsoleTest.cluster();
        ClusterProfileRegistry registry = ClusterProfileRegistry.fromExtensions(new StoreProfileRepository(NamdRunnerUi.store()));
        String id = "ui-connect-test";
        registry.delete(id);
        registry.add(ProfileConfig.builder(id, SlurmProfileType.TYPE_ID).name("UI test cluster").host(p.getProperty("host"))
                .port(Integer.parseInt(p.getProperty("port"))).userRule(p.getProperty("user"))
                .projectRoot(p.getProperty("projectRoot")).scratchRoot(p.getProperty("scratchRoot"))
                .property("authMethod", "PUBLIC_KEY").property("keyFile", p.getProperty("keyFile"))
                .property("knownHosts", p.getProperty("knownHosts")).property("sshConfig", "none").build());

        List<String> shown = new ArrayList<>();
        List<Throwable> failures = UiTestSupport.onShell(d, ConnectDialog.TITLE, shell -> {
            UiTestSupport.settle(d);
            org.eclipse.swt.widgets.List list = findList(shell);
            shown.addAll(List.of(list.getItems()));
            int i = -1;
            for (int k = 0; k < list.getItemCount(); k++) {
                if (list.getItem(k).startsWith("UI test cluster")) {
                    i = k;
                }
            }
            assertTrue(i >= 0, "profile not listed: " + shown);
            list.select(i);
            UiTestSupport.screenshot(shell, "connect-profile");
            UiTestSupport.click(UiTestSupport.findButton(shell, ConnectDialog.CONNECT_BUTTON));
        });
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getService(IHandlerService.class)
                .executeCommand(NamdRunnerWindowAdvisor.CONNECT_COMMAND, null);
        assertTrue(failures.isEmpty(), failures.toString());
        UiTestSupport.joinFamily(d, RemoteUi.class, 60_000);
        assertEquals(1, RemoteUi.connected().size(), "connected: " + shown);
        assertTrue(RemoteUi.statusText().startsWith("Connected: " + p.getProperty("user") + "@"), RemoteUi.statusText());

        // File > Connect… again: the dialog shows which profiles are connected already
        List<String> again = new ArrayList<>();
        List<Throwable> second = UiTestSupport.onShell(d, ConnectDialog.TITLE, shell -> {
            UiTestSupport.settle(d);
            again.addAll(List.of(findList(shell).getItems()));
            shell.close();
        });
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getService(IHandlerService.class)
                .executeCommand(NamdRunnerWindowAdvisor.CONNECT_COMMAND, null);
        assertTrue(second.isEmpty(), second.toString());
        assertTrue(again.stream().anyMatch(r -> r.startsWith("UI test cluster") && r.endsWith("(connected)")), again.toString());
        assertTrue(again.stream().filter(r -> !r.startsWith("UI test cluster")).noneMatch(r -> r.endsWith("(connected)")),
                again.toString());
        registry.delete(id);
    }

    static org.eclipse.swt.widgets.List findList(org.eclipse.swt.widgets.Control c) {
        if (c instanceof org.eclipse.swt.widgets.List l) {
            return l;
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (var child : comp.getChildren()) {
                var l = findList(child);
                if (l != null) {
                    return l;
                }
            }
        }
        return null;
    }
}

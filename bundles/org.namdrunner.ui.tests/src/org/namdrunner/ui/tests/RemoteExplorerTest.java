package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.remote.AuthMethod;
import org.namdrunner.ui.views.ViewTestHooks;
import org.namdrunner.remote.CommandLine;
import org.namdrunner.remote.ConnectionSettings;
import org.namdrunner.remote.RemoteConnection;
import org.namdrunner.remote.RemoteFiles;
import org.namdrunner.ui.remote.RemoteUi;
import org.namdrunner.ui.views.RemoteExplorerView;
import org.namdrunner.ui.views.RemoteExplorerView.Node;
import org.namdrunner.ui.views.ViewIds;

/** Remote Explorer against the test cluster: lazy listing of the job roots, download, preview, confined delete. */
@Tag("ui")
@Tag("cluster")
class RemoteExplorerTest {

    private final TestFilePrompts files = TestFilePrompts.register();

    @AfterEach
    void disconnect() {
        RemoteUi.disconnectAll();
        files.close();
        UiTestSupport.settle(Display.getCurrent());
    }

    @Test
    void listsDownloadsPreviewsAndDeletesAFileOfTheTestCluster() throws Exception {
        Display d = Display.getCurrent();
        Properties p = RemoteConsoleTest.cluster();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        RemoteExplorerView view = page.showView(ViewIds.REMOTE_EXPLORER).getAdapter(RemoteExplorerView.class);
        assertNotNull(view);
        assertTrue(view.showsEmptyState(), "not connected: the explorer says so");

        ConnectionSettings s = ConnectionSettings.builder(p.getProperty("host")).id("ui-explorer")
                .port(Integer.parseInt(p.getProperty("port"))).user(p.getProperty("user"))
                .authMethod(AuthMethod.PUBLIC_KEY).keyFile(Path.of(p.getProperty("keyFile")))
                .knownHostsFile(Path.of(p.getProperty("knownHosts"))).sshConfigFile(null)
                .projectRoot(p.getProperty("projectRoot")).scratchRoot(p.getProperty("scratchRoot"))
                .useEclipseProxySettings(false).build();
        RemoteUi.connectJob(s);
        UiTestSupport.joinFamily(d, RemoteUi.class, 60_000);
        RemoteConnection c = RemoteUi.connection(s);
        assertTrue(c.isConnected());

        String dirName = "ui-explorer-" + System.nanoTime();
        String dir = p.getProperty("projectRoot") + "/" + dirName;
        String content = "ETITLE: TS BOND ANGLE\nENERGY: 0 1.0 2.0\nENERGY: 100 1.5 2.5\n";
        c.exec(CommandLine.of("mkdir").arg("-p").endOfOptions().arg(dir), new NullProgressMonitor()).requireSuccess("mkdir");
        c.exec(CommandLine.of("sh").args("-c", "cat > \"$1\"", "sh", dir + "/namd.log"),
                org.namdrunner.remote.ExecOptions.DEFAULT.withStdin(content.getBytes()).withCoalesce(false),
                new NullProgressMonitor()).requireSuccess("write");

        UiTestSupport.waitUntil(d, 5000, () -> !view.showsEmptyState(), "explorer shows the connection");
        var v = view.getViewer();
        TreeItem host = waitForItem(d, () -> v.getTree().getItems(), c.getDisplayName());
        v.setExpandedState(host.getData(), true);
        TreeItem project = waitForItem(d, () -> host.getItems(), "Project  (");
        waitForItem(d, () -> host.getItems(), "Home  (");
        v.setExpandedState(project.getData(), true);
        TreeItem jobDir = waitForItem(d, () -> project.getItems(), dirName);
        v.setExpandedState(jobDir.getData(), true);
        TreeItem log = waitForItem(d, () -> jobDir.getItems(), "namd.log");
        assertEquals(Integer.toString(content.length()) + " bytes", log.getText(1));
        assertTrue(log.getText(2).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"), log.getText(2));
        v.setSelection(new StructuredSelection(log.getData()));
        UiTestSupport.screenshotLightAndDark(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "remote-explorer");

        // download
        Path local = Files.createTempDirectory("ui-download");
        files.answer(local);
        view.downloadSelected();
        UiTestSupport.joinFamily(d, RemoteExplorerView.class, 60_000);
        assertEquals(content, Files.readString(local.resolve("namd.log")));

        // drag to the desktop: the drop asks for local files, which are downloaded then (FileTransfer data)
        String[] dragged = ViewTestHooks.dragData(view);
        assertNotNull(dragged, "drag data");
        assertEquals(1, dragged.length);
        assertEquals("namd.log", Path.of(dragged[0]).getFileName().toString());
        assertEquals(content, Files.readString(Path.of(dragged[0])));

        // preview
        ViewTestHooks.previewSelected(view);
        Shell preview = RemoteConsoleTest.waitForShell(d, "Preview: " + dir + "/namd.log");
        assertTrue(texts(preview).contains(content), "preview text");
        assertTrue(RemoteConsoleTest.labels(preview).contains("namd.log  \u2014  " + dir + "/namd.log"), "the dialog names its file: " + RemoteConsoleTest.labels(preview));
        UiTestSupport.screenshot(preview, "remote-preview");
        preview.close();

        // delete outside the job roots is refused; inside, after confirmation, it is gone
        TreeItem home = waitForItem(d, () -> host.getItems(), "Home  (");
        v.setSelection(new StructuredSelection(home.getData()));
        UiTestSupport.pressWhenOpen(d, RemoteExplorerView.DELETE_TITLE, "OK");
        assertNull(view.deleteSelected(), "home directory must not be deletable");
        v.setSelection(new StructuredSelection(jobDir.getData()));
        var confirmed = UiTestSupport.pressWhenOpen(d, RemoteExplorerView.DELETE_TITLE, "OK");
        assertNotNull(view.deleteSelected());
        assertTrue(confirmed.get());
        UiTestSupport.joinFamily(d, RemoteExplorerView.class, 60_000);
        assertNull(new RemoteFiles(c).stat(dir, new NullProgressMonitor()), "remote folder still there");
    }

    static String texts(org.eclipse.swt.widgets.Control c) {
        StringBuilder b = new StringBuilder();
        if (c instanceof Text t) {
            b.append(t.getText());
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (var child : comp.getChildren()) {
                b.append(texts(child));
            }
        }
        return b.toString();
    }

    static TreeItem waitForItem(Display d, TreeItem[] items, String prefix) {
        return waitForItem(d, () -> items, prefix);
    }

    static TreeItem waitForItem(Display d, java.util.function.Supplier<TreeItem[]> items, String prefix) {
        TreeItem[] found = new TreeItem[1];
        UiTestSupport.waitUntil(d, 30_000, () -> {
            for (TreeItem i : items.get()) {
                if (i.getText(0).startsWith(prefix) && i.getData() != null) {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        }, "tree item " + prefix);
        return found[0];
    }
}

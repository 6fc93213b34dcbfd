package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.ui.preferences.PreferenceTestHooks;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.store.Store;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.preferences.ClusterProfilesPreferencePage;
import org.namdrunner.ui.preferences.ProfileDialog;

/**
 * Window > Preferences > NAMDRunner > Cluster Profiles, driven through its buttons and the profile dialog: the
 * built-in Local profile is read-only and duplicated to edit, a user profile is added with partitions and limits,
 * bad input is refused with a message, profiles are deleted after confirmation, settings are exported and
 * imported; discovery fills a profile from the test cluster.
 */
@Tag("ui")
class ClusterProfilesPageTest {

    private final TestFilePrompts files = TestFilePrompts.register();

    private PreferenceDialog dialog;

    @AfterEach
    void answerNoMore() {
        files.close();
    }

    @BeforeEach
    @AfterEach
    void clean() {
        if (dialog != null && dialog.getShell() != null && !dialog.getShell().isDisposed()) {
            dialog.close();
        }
        Store store = NamdRunnerUi.store();
        store.clusterProfiles().list().forEach(p -> store.clusterProfiles().delete(p.id()));
        UiTestSupport.settle(Display.getCurrent());
    }

    private ClusterProfilesPreferencePage open() {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        dialog = PreferencesUtil.createPreferenceDialogOn(shell, ClusterProfilesPreferencePage.ID, null, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        UiTestSupport.settle(Display.getCurrent());
        return assertInstanceOf(ClusterProfilesPreferencePage.class, dialog.getSelectedPage());
    }

    private static List<String> rowNames(ClusterProfilesPreferencePage page) {
        var t = page.getViewer().getTable();
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < t.getItemCount(); i++) {
            out.add(t.getItem(i).getText(0) + " | " + t.getItem(i).getText(1));
        }
        return out;
    }

    private static void assertNoFailures(List<Throwable> failures) {
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("dialog step failed: " + failures.get(0), failures.get(0));
            throw e;
        }
    }

    @Test
    void builtInIsReadOnlyUserProfilesAreAddedEditedDuplicatedAndDeleted() throws Exception {
        Display d = Display.getCurrent();
        ClusterProfilesPreferencePage page = open();
        ClusterProfileRegistry registry = PreferenceTestHooks.getRegistry(page);
        assertTrue(rowNames(page).contains("This computer | Built-in"), rowNames(page).toString());

        // the built-in Local profile: read-only, duplicate to edit
        page.select(ClusterProfileRegistry.DEFAULT_PROFILE_ID);
        assertEquals(ClusterProfilesPreferencePage.DUPLICATE, PreferenceTestHooks.getDuplicateButton(page).getText());
        assertTrue(PreferenceTestHooks.getDuplicateButton(page).getToolTipText().contains("of your own"), PreferenceTestHooks.getDuplicateButton(page).getToolTipText());
        assertFalse(PreferenceTestHooks.getDeleteButton(page).isEnabled());
        assertEquals("Edit\u2026", PreferenceTestHooks.getEditButton(page).getText().replace("&", ""), "labels do not change with the selection");
        assertTrue(PreferenceTestHooks.getEditButton(page).getToolTipText().contains("read-only"), PreferenceTestHooks.getEditButton(page).getToolTipText());
        assertTrue(PreferenceTestHooks.getInfo(page).getText().contains("read-only"), PreferenceTestHooks.getInfo(page).getText());
        List<Throwable> viewed = UiTestSupport.onShell(d, ProfileDialog.TITLE_VIEW, s -> {
            ProfileDialog pd = (ProfileDialog) s.getData();
            assertFalse(pd.getNameText().getEditable(), "a built-in profile cannot be typed into");
            assertTrue(UiTestSupport.findButton(s, "Save") == null, "no Save for a built-in profile");
            s.close();
        });
        UiTestSupport.click(PreferenceTestHooks.getEditButton(page));
        assertNoFailures(viewed);

        UiTestSupport.click(PreferenceTestHooks.getDuplicateButton(page));
        ProfileConfig copy = registry.userProfiles().get(0);
        assertEquals("This computer (copy)", copy.name());
        assertFalse(copy.preset());
        assertEquals("This computer (copy) | User", rowNames(page).stream().filter(r -> r.contains("(copy)")).findFirst().orElseThrow());
        assertTrue(PreferenceTestHooks.getDeleteButton(page).isEnabled(), "the copy is selected and can be deleted");
        assertEquals(ClusterProfilesPreferencePage.DUPLICATE, PreferenceTestHooks.getDuplicateButton(page).getText());

        // Add: bad port first (refused with a message, the dialog stays), then a good profile
        List<Throwable> added = UiTestSupport.onShell(d, ProfileDialog.TITLE_NEW, s -> {
            ProfileDialog pd = (ProfileDialog) s.getData();
            pd.getNameText().setText("Campus HPC");
            PreferenceTestHooks.getHostText(pd).setText("login.campus.example");
            PreferenceTestHooks.getPortText(pd).setText("99999");
            PreferenceTestHooks.getUserText(pd).setText("alice");
            PreferenceTestHooks.getProjectRootText(pd).setText("/home/$USER/namd-jobs");
            PreferenceTestHooks.getStatusIntervalText(pd).setText("120");
            PreferenceTestHooks.getQosText(pd).setText("normal, long");
            assertEquals(List.of("Password", "SSH key", "Keyboard-interactive (two-factor, one-time codes)",
                    "SSH agent (keys loaded with ssh-add)").toString(),
                    List.of(PreferenceTestHooks.getLoginCombo(pd).getItems()).toString(), "login methods are choices, not typed names");
            assertEquals("SSH key", PreferenceTestHooks.getLoginCombo(pd).getText());
            PreferenceTestHooks.getKeyFileText(pd).setText("/home/alice/.ssh/id_ed25519");
            PreferenceTestHooks.getPropertiesText(pd).setText("");
            PreferenceTestHooks.getPartitionRows(pd).add(new String[] {"compute", "true", "4", "256", "64", "4", "", "256000", "60", "2880", "normal long"});
            PreferenceTestHooks.getPartitionRows(pd).add(new String[] {"debug", "false", "1", "8", "8", "1", "", "", "10", "30", ""});
            PreferenceTestHooks.getModuleRows(pd).add(new String[] {"namd/3.0", "3.0", "namd3"});
            PreferenceTestHooks.refreshTables(pd);
            UiTestSupport.click(UiTestSupport.findButton(s, "Save"));
            assertFalse(s.isDisposed(), "a bad port keeps the dialog open");
            assertTrue(pd.getErrorMessage() != null && pd.getErrorMessage().contains("Port"), pd.getErrorMessage());
            PreferenceTestHooks.getPortText(pd).setText("2222");
            PreferenceTestHooks.getPropertiesText(pd).setText("sshPassword=hunter2\n");
            UiTestSupport.click(UiTestSupport.findButton(s, "Save"));
            assertTrue(pd.getErrorMessage() != null && pd.getErrorMessage().contains("secure storage"), pd.getErrorMessage());
            PreferenceTestHooks.getPropertiesText(pd).setText("authMethod=password\n");
            UiTestSupport.click(UiTestSupport.findButton(s, "Save"));
            assertTrue(pd.getErrorMessage() != null && pd.getErrorMessage().contains("Login list"), pd.getErrorMessage());
            PreferenceTestHooks.getPropertiesText(pd).setText("");
            UiTestSupport.settle(d);
            UiTestSupport.screenshot(s, "preferences-profile-edit");
            UiTestSupport.click(UiTestSupport.findButton(s, "Save"));
        });
        UiTestSupport.click(page.getAddButton());
        assertNoFailures(added);
        ProfileConfig hpc = registry.userProfiles().stream().filter(p -> p.name().equals("Campus HPC")).findFirst().orElseThrow();
        assertEquals("login.campus.example", hpc.host());
        assertEquals(2222, hpc.port());
        assertEquals("alice", hpc.userRule());
        assertEquals(120, hpc.statusMinIntervalSeconds());
        assertEquals("/home/alice/.ssh/id_ed25519", hpc.properties().get("keyFile"));
        assertEquals(null, hpc.properties().get("authMethod"), "the default login (key) is not written out");
        assertEquals(List.of("normal", "long"), hpc.qos());
        assertEquals("/home/alice/.ssh/id_ed25519", hpc.property("keyFile"));
        assertEquals(new PartitionSpec("compute", true, 4, 256, 64, 4, null, 256_000L, 60, 2880, List.of("normal", "long")),
                hpc.partitions().get(0));
        assertEquals(30, hpc.partition("debug").orElseThrow().maxWallMinutes());
        assertEquals("namd3", hpc.modules().get(0).executable());
        assertTrue(NamdRunnerUi.store().clusterProfiles().find(hpc.id()).orElseThrow().settings().contains("256000"),
                "saved in the store");
        assertEquals(hpc.id(), ((ProfileConfig) page.getViewer().getStructuredSelection().getFirstElement()).id());

        // Edit: change the host
        List<Throwable> edited = UiTestSupport.onShell(d, ProfileDialog.TITLE_EDIT, s -> {
            ProfileDialog pd = (ProfileDialog) s.getData();
            assertEquals("login.campus.example", PreferenceTestHooks.getHostText(pd).getText());
            assertFalse(PreferenceTestHooks.getTypeCombo(pd).isEnabled(), "the type of a stored profile is fixed");
            PreferenceTestHooks.getHostText(pd).setText("hpc2.campus.example");
            UiTestSupport.click(UiTestSupport.findButton(s, "Save"));
        });
        UiTestSupport.click(PreferenceTestHooks.getEditButton(page));
        assertNoFailures(edited);
        assertEquals("hpc2.campus.example", registry.find(hpc.id()).orElseThrow().host());
        UiTestSupport.screenshotLightAndDark(dialog.getShell(), "preferences-profiles");

        // Export, delete both user profiles (Cancel first keeps it), import them back
        Path dir = Files.createDirectories(Path.of(System.getProperty("namdrunner.data", "target/data")).resolve("ui-settings"));
        Path file = dir.resolve("settings-" + System.nanoTime() + ".json");
        NamdRunnerUi.store().settings().put("sync.intervalSeconds", "300");
        files.answer((shell, request) -> {
            assertTrue(request.suggestedName() == null || request.suggestedName().endsWith(".json"), request.suggestedName());
            return file;
        });
        UiTestSupport.click(PreferenceTestHooks.getExportButton(page));
        assertTrue(PreferenceTestHooks.getTransferOutcome(page).getText().startsWith("Exported 2 profile(s)"), PreferenceTestHooks.getTransferOutcome(page).getText());
        String json = Files.readString(file);
        assertTrue(json.contains("hpc2.campus.example") && json.contains("\"sync.intervalSeconds\": \"300\""), json);

        page.select(hpc.id());
        var cancelled = UiTestSupport.pressWhenOpen(d, ClusterProfilesPreferencePage.DELETE_TITLE, "Cancel");
        UiTestSupport.click(PreferenceTestHooks.getDeleteButton(page));
        assertTrue(cancelled.get());
        assertTrue(registry.find(hpc.id()).isPresent(), "Cancel keeps the profile");
        for (String id : List.of(hpc.id(), copy.id())) {
            page.select(id);
            var ok = UiTestSupport.pressWhenOpen(d, ClusterProfilesPreferencePage.DELETE_TITLE, "OK");
            UiTestSupport.click(PreferenceTestHooks.getDeleteButton(page));
            assertTrue(ok.get());
        }
        assertTrue(registry.userProfiles().isEmpty(), registry.userProfiles().toString());
        assertFalse(rowNames(page).stream().anyMatch(r -> r.endsWith("| User")), rowNames(page).toString());
        NamdRunnerUi.store().settings().put("sync.intervalSeconds", "60");

        UiTestSupport.click(PreferenceTestHooks.getImportButton(page));
        assertTrue(PreferenceTestHooks.getTransferOutcome(page).getText().startsWith("Imported 2 profile(s)"), PreferenceTestHooks.getTransferOutcome(page).getText());
        assertEquals("hpc2.campus.example", registry.find(hpc.id()).orElseThrow().host());
        assertEquals("300", NamdRunnerUi.store().settings().get("sync.intervalSeconds").orElseThrow());
        assertEquals(2, rowNames(page).stream().filter(r -> r.endsWith("| User")).count(), rowNames(page).toString());

        // a file that is not an export: refused, nothing changed
        Path bogus = dir.resolve("bogus.json");
        Files.writeString(bogus, "{\"hello\": 1}");
        files.answer(bogus);
        UiTestSupport.click(PreferenceTestHooks.getImportButton(page));
        assertTrue(PreferenceTestHooks.getTransferOutcome(page).getText().startsWith("Import failed, nothing was changed: This is not a NAMDRunner"),
                PreferenceTestHooks.getTransferOutcome(page).getText());
        assertEquals(2, registry.userProfiles().size());
    }

    @Test
    @Tag("cluster")
    void discoverFillsPartitionsAndLimitsFromTheTestCluster() throws Exception {
        Display d = Display.getCurrent();
        Properties c = RemoteConsoleTest.cluster();
        ClusterProfilesPreferencePage page = open();
        List<Throwable> discovered = UiTestSupport.onShell(d, ProfileDialog.TITLE_NEW, s -> {
            ProfileDialog pd = (ProfileDialog) s.getData();
            pd.getNameText().setText("Test cluster");
            PreferenceTestHooks.getHostText(pd).setText(c.getProperty("host"));
            PreferenceTestHooks.getPortText(pd).setText(c.getProperty("port"));
            PreferenceTestHooks.getUserText(pd).setText(c.getProperty("user"));
            PreferenceTestHooks.getProjectRootText(pd).setText(c.getProperty("projectRoot"));
            PreferenceTestHooks.getKeyFileText(pd).setText(c.getProperty("keyFile"));
            PreferenceTestHooks.getPropertiesText(pd).setText("knownHosts=" + c.getProperty("knownHosts") + "\nsshConfig=none\n");
            // a site environment line runs before discovery's commands (and is saved with the profile)
            PreferenceTestHooks.getSiteEnvironmentText(pd).setText("source /etc/profile\n");
            assertTrue(PreferenceTestHooks.getPartitionRows(pd).isEmpty());
            UiTestSupport.click(PreferenceTestHooks.getDiscoverButton(pd));
            UiTestSupport.waitUntil(d, 120_000, () -> org.eclipse.core.runtime.jobs.Job.getJobManager()
                    .find(ProfileDialog.class).length == 0, "discovery job");
            UiTestSupport.settle(d);
            String status = PreferenceTestHooks.getDiscoverStatus(pd).getText();
            assertTrue(status.startsWith("Found "), status + " / " + pd.getErrorMessage());
            List<String> names = PreferenceTestHooks.getPartitionRows(pd).stream().map(r -> r[0]).toList();
            assertTrue(names.contains("compute") && names.contains("debug"), names.toString());
            String[] debug = PreferenceTestHooks.getPartitionRows(pd).stream().filter(r -> r[0].equals("debug")).findFirst().orElseThrow();
            String[] hms = c.getProperty("debugMaxTime").split(":");
            int debugMinutes = Integer.parseInt(hms[0]) * 60 + Integer.parseInt(hms[1]);
            assertEquals(Integer.toString(debugMinutes), debug[9], "the debug partition's MaxTime=" + c.getProperty("debugMaxTime"));
            List<String> mods = PreferenceTestHooks.getModuleRows(pd).stream().map(r -> r[0]).toList();
            for (String m : c.getProperty("modules").split(",")) {
                assertTrue(mods.contains(m), "module " + m + " discovered: " + mods);
            }
            // the hierarchy's NAMD with its prerequisites in load order and its launcher (columns Load first, Launcher)
            String[] mpi = PreferenceTestHooks.getModuleRows(pd).stream().filter(r -> r[0].equals(c.getProperty("hierarchyModule"))).findFirst()
                    .orElseThrow(() -> new AssertionError(c.getProperty("hierarchyModule") + " not discovered: " + mods));
            assertEquals(c.getProperty("hierarchyPrerequisites").replace(',', ' '), mpi[3]);
            assertEquals("srun", mpi[4]);
            String[] compute = PreferenceTestHooks.getPartitionRows(pd).stream().filter(r -> r[0].equals("compute")).findFirst().orElseThrow();
            assertEquals("true", compute[1], "compute is the default partition");
            // GPUs per partition from sinfo's GRES: compute gpu:standin:2, cpu none
            assertEquals(List.of("2", "standin"), List.of(compute[11], compute[12]));
            String[] cpu = PreferenceTestHooks.getPartitionRows(pd).stream().filter(r -> r[0].equals("cpu")).findFirst().orElseThrow();
            assertEquals(List.of("", ""), List.of(cpu[11], cpu[12]));
            UiTestSupport.screenshot(s, "preferences-profile-discovered");
            UiTestSupport.click(UiTestSupport.findButton(s, "Save"));
        });
        UiTestSupport.click(page.getAddButton());
        assertNoFailures(discovered);
        ProfileConfig saved = PreferenceTestHooks.getRegistry(page).userProfiles().stream().filter(p -> p.name().equals("Test cluster"))
                .findFirst().orElseThrow();
        assertNotNull(saved.partition("debug").orElseThrow().maxWallMinutes());
        assertEquals(2, saved.partition("compute").orElseThrow().gpusPerNode(), "GPUs are kept when the profile is saved");
        assertEquals(List.of("standin"), saved.partition("compute").orElseThrow().gpuTypes());
        assertFalse(saved.partition("cpu").orElseThrow().hasGpus());
        assertTrue(saved.partition("debug").orElseThrow().maxWallMinutes() > 0);
        List<String> expected = new java.util.ArrayList<>(List.of(c.getProperty("modules").split(",")));
        expected.add(c.getProperty("hierarchyModule"));
        assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(saved.modules().stream().map(m -> m.module()).toList()),
                saved.modules().toString());
        assertEquals(List.of(c.getProperty("hierarchyPrerequisites").split(",")),
                saved.module(c.getProperty("hierarchyModule")).orElseThrow().prerequisites());
        assertEquals(List.of("source /etc/profile"), saved.siteEnvironment());
    }
}

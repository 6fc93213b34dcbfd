package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.core.model.Job;
import org.namdrunner.ui.remote.RemoteTestHooks;
import org.namdrunner.ui.preferences.PreferenceTestHooks;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.Store;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.preferences.AppearancePreferencePage;
import org.namdrunner.ui.preferences.DatabasePreferencePage;
import org.namdrunner.ui.preferences.GeneralPreferencePage;
import org.namdrunner.ui.preferences.SettingKeys;
import org.namdrunner.ui.views.JobsView;
import org.namdrunner.ui.views.ViewIds;

/** Window > Preferences: backup, restore and reset of the real database through the page's buttons; settings. */
@Tag("ui")
class PreferencesTest {

    private final TestFilePrompts files = TestFilePrompts.register();

    private PreferenceDialog dialog;

    @AfterEach
    void close() {
        if (dialog != null && dialog.getShell() != null && !dialog.getShell().isDisposed()) {
            dialog.close();
        }
        files.close();
        UiTestSupport.settle(Display.getCurrent());
    }

    private <T> T open(String pageId, Class<T> type) {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        dialog = PreferencesUtil.createPreferenceDialogOn(shell, pageId, null, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        UiTestSupport.settle(Display.getCurrent());
        return assertInstanceOf(type, dialog.getSelectedPage());
    }

    @Test
    void backupRestoreAndResetThroughThePage() throws Exception {
        Display d = Display.getCurrent();
        Store store = NamdRunnerUi.store();
        TestJobs.replaceAll(store, 3);
        Path dir = Files.createDirectories(Path.of(System.getProperty("namdrunner.data", "target/data")).resolve("ui-backups"));
        Path backup = dir.resolve("backup-" + System.nanoTime() + ".zip");

        DatabasePreferencePage page = open(DatabasePreferencePage.ID, DatabasePreferencePage.class);
        assertEquals(store.management().databaseFile().toString(), PreferenceTestHooks.getLocationText(page).getText());
        assertTrue(PreferenceTestHooks.getSizeLabel(page).getText().matches("[0-9.]+ (KB|MB|GB|bytes)"), PreferenceTestHooks.getSizeLabel(page).getText());

        // Back up
        files.answer((shell, request) -> {
            assertTrue(request.save());
            assertTrue(request.suggestedName().endsWith(".zip"), request.suggestedName());
            return backup;
        });
        UiTestSupport.click(PreferenceTestHooks.getBackupButton(page));
        UiTestSupport.joinFamily(d, DatabasePreferencePage.class, 30_000);
        assertEquals("Backed up to " + backup, PreferenceTestHooks.getOutcome(page).getText());
        assertTrue(Files.size(backup) > 0);

        // two more jobs after the backup
        store.jobs().insert(TestJobs.job(10));
        store.jobs().insert(TestJobs.job(11));
        assertEquals(5, store.jobs().count(JobQuery.all()));

        // Restore: the warning names the file; Cancel changes nothing
        files.answer(backup);
        var cancelled = UiTestSupport.pressWhenOpen(d, DatabasePreferencePage.RESTORE_TITLE, "Cancel");
        UiTestSupport.click(PreferenceTestHooks.getRestoreButton(page));
        assertTrue(cancelled.get());
        UiTestSupport.joinFamily(d, DatabasePreferencePage.class, 30_000);
        assertEquals(5, store.jobs().count(JobQuery.all()));

        var restored = UiTestSupport.pressWhenOpen(d, DatabasePreferencePage.RESTORE_TITLE, DatabasePreferencePage.RESTORE_BUTTON);
        UiTestSupport.click(PreferenceTestHooks.getRestoreButton(page));
        assertTrue(restored.get());
        UiTestSupport.joinFamily(d, DatabasePreferencePage.class, 60_000);
        assertTrue(PreferenceTestHooks.getOutcome(page).getText().startsWith("Restored from " + backup), PreferenceTestHooks.getOutcome(page).getText());
        assertEquals(3, store.jobs().count(JobQuery.all()));
        // the Jobs view followed
        JobsView jobsView = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                .findView(ViewIds.JOBS).getAdapter(JobsView.class);
        UiTestSupport.waitUntil(d, 5000, () -> jobsView.rowCount() == 3, "Jobs view reloaded");

        // Restore from a file that is not a backup: refused with a clear message, nothing changed
        Path bogus = dir.resolve("notes.txt");
        Files.writeString(bogus, "these are not the jobs you are looking for");
        files.answer(bogus);
        UiTestSupport.pressWhenOpen(d, DatabasePreferencePage.RESTORE_TITLE, DatabasePreferencePage.RESTORE_BUTTON);
        UiTestSupport.click(PreferenceTestHooks.getRestoreButton(page));
        UiTestSupport.joinFamily(d, DatabasePreferencePage.class, 30_000);
        String text = PreferenceTestHooks.getOutcome(page).getText();
        assertTrue(text.startsWith("Restoring the NAMDRunner database failed: ") && text.contains("not a NAMDRunner backup"), text);
        assertFalse(text.contains("Exception"), "no exception names for users: " + text);
        assertEquals(3, store.jobs().count(JobQuery.all()));
        UiTestSupport.screenshotLightAndDark(dialog.getShell(), "preferences-database");

        // Reset, backing up first
        long backupsBefore = countFiles(store.management().backupDirectory());
        var reset = UiTestSupport.pressWhenOpen(d, DatabasePreferencePage.RESET_TITLE, DatabasePreferencePage.RESET_BUTTON);
        UiTestSupport.click(PreferenceTestHooks.getResetButton(page));
        assertTrue(reset.get());
        UiTestSupport.joinFamily(d, DatabasePreferencePage.class, 60_000);
        assertTrue(PreferenceTestHooks.getOutcome(page).getText().startsWith("The database was reset. The previous one was backed up to "),
                PreferenceTestHooks.getOutcome(page).getText());
        assertEquals(0, store.jobs().count(JobQuery.all()));
        assertEquals(backupsBefore + 1, countFiles(store.management().backupDirectory()));
        UiTestSupport.waitUntil(d, 5000, jobsView::showsEmptyState, "Jobs view shows the empty state after reset");

        // Rebuild from the Local profile's job records (job_info.json under its job root): what it imports is what the
        // database then holds, and a second rebuild imports nothing (never duplicates)
        String local = PreferenceTestHooks.getRebuildProfileCombo(page).getItems().length == 0 ? null
                : java.util.Arrays.stream(PreferenceTestHooks.getRebuildProfileCombo(page).getItems()).filter(n -> n.startsWith("This computer"))
                        .findFirst().orElse(null);
        assertTrue(local != null, java.util.Arrays.toString(PreferenceTestHooks.getRebuildProfileCombo(page).getItems()));
        PreferenceTestHooks.getRebuildProfileCombo(page).select(java.util.Arrays.asList(PreferenceTestHooks.getRebuildProfileCombo(page).getItems()).indexOf(local));
        UiTestSupport.click(PreferenceTestHooks.getRebuildButton(page));
        UiTestSupport.joinFamily(d, DatabasePreferencePage.class, 60_000);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Found \\S+ job records? on .*: imported (\\d+), already known (\\d+), skipped (\\d+)")
                .matcher(PreferenceTestHooks.getOutcome(page).getText());
        assertTrue(m.find(), PreferenceTestHooks.getOutcome(page).getText());
        assertEquals(Long.parseLong(m.group(1)), store.jobs().count(JobQuery.all()), PreferenceTestHooks.getOutcome(page).getText());
        assertEquals("0", m.group(2), "an empty database knows none");
        UiTestSupport.click(PreferenceTestHooks.getRebuildButton(page));
        UiTestSupport.joinFamily(d, DatabasePreferencePage.class, 60_000);
        assertTrue(PreferenceTestHooks.getOutcome(page).getText().contains(": imported 0, already known " + m.group(1) + ","), PreferenceTestHooks.getOutcome(page).getText());
    }

    private static long countFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void generalSettingsAreValidatedAndSaved() throws Exception {
        Store store = NamdRunnerUi.store();
        GeneralPreferencePage page = open(GeneralPreferencePage.ID, GeneralPreferencePage.class);
        page.field(SettingKeys.SYNC_INTERVAL_SECONDS).setText("abc");
        assertFalse(page.isValid());
        assertTrue(page.getErrorMessage().contains("sync interval"), page.getErrorMessage());
        page.field(SettingKeys.SYNC_INTERVAL_SECONDS).setText("120");
        page.field(SettingKeys.COMMANDS_PER_SECOND).setText("2.5");
        page.field(SettingKeys.DEFAULT_CORES).setText("16");
        page.field(SettingKeys.DEFAULT_PARTITION).setText("gpu");
        assertTrue(page.isValid(), page.getErrorMessage());
        UiTestSupport.screenshotLightAndDark(dialog.getShell(), "preferences-general");
        assertTrue(page.performOk());
        assertEquals("120", store.settings().get(SettingKeys.SYNC_INTERVAL_SECONDS).orElseThrow());
        assertEquals("2.5", store.settings().get(SettingKeys.COMMANDS_PER_SECOND).orElseThrow());
        assertEquals(16, store.settings().getInt(SettingKeys.DEFAULT_CORES, 0));
        assertEquals("gpu", store.settings().get(SettingKeys.DEFAULT_PARTITION).orElseThrow());
    }

    /**
     * Window > Preferences shows NAMDRunner's pages and the few workbench pages a user of this product needs (keys,
     * colours and fonts, text editors, secure storage) — not the IDE's workspace, build, or resource pages.
     */
    @Test
    void preferencesShowNoGenericIdePages() throws Exception {
        open(GeneralPreferencePage.ID, GeneralPreferencePage.class);
        org.eclipse.jface.viewers.TreeViewer tree = dialog.getTreeViewer();
        tree.expandAll();
        UiTestSupport.settle(Display.getCurrent());
        List<String> shown = new java.util.ArrayList<>();
        collect(tree.getTree().getItems(), "", shown);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "preference-pages.txt"), shown);
        for (String page : shown) {
            assertTrue(page.contains("NAMDRunner") || page.contains("org.namdrunner") || page.startsWith("Install/Update")
                    || java.util.Set.of("org.eclipse.ui.preferencePages.Keys", "org.eclipse.ui.preferencePages.ColorsAndFonts",
                            "org.eclipse.ui.preferencePages.GeneralTextEditor", "org.eclipse.equinox.security.ui.storage",
                            "org.eclipse.ui.net.NetPreferences", "org.eclipse.ui.preferencePages.Editors",
                            org.namdrunner.ui.preferences.ConsolePreferencePage.ID,
                            "org.eclipse.ui.internal.console.ansi.preferences.AnsiConsolePreferencePage")
                            .contains(page.substring(page.lastIndexOf(' ') + 1)),
                    "a generic IDE page is shown: " + page + "\nall: " + shown);
        }
        for (String needed : List.of("org.eclipse.ui.preferencePages.Keys", "org.eclipse.equinox.security.ui.storage",
                "org.namdrunner.ui.preferences.profiles", "org.eclipse.equinox.internal.p2.ui.sdk.SitesPreferencePage")) {
            assertTrue(shown.stream().anyMatch(p -> p.endsWith(" " + needed)), needed + " is offered: " + shown);
        }
    }

    @Test
    void theConsolePageLimitsAndFiltersTheSshConsoleAndTheAnsiPageHasItsParent() throws Exception {
        org.namdrunner.ui.preferences.ConsolePreferencePage page = open(org.namdrunner.ui.preferences.ConsolePreferencePage.ID,
                org.namdrunner.ui.preferences.ConsolePreferencePage.class);
        UiTestSupport.screenshot(dialog.getShell(), "preferences-console");
        // the console bundle's ANSI page sits under it, so the workbench logs no "Invalid preference category path"
        Path log = Path.of(org.eclipse.core.runtime.Platform.getLogFileLocation().toOSString());
        String logged = Files.exists(log) ? Files.readString(log) : "";
        assertTrue(!logged.contains("Invalid preference category path"), logged);
        assertTrue(page != null);

        org.namdrunner.ui.remote.SshConsole console = org.namdrunner.ui.remote.SshConsole.install(
                org.namdrunner.ui.remote.RemoteUi.commandLog());
        org.eclipse.jface.preference.IPreferenceStore prefs = org.namdrunner.ui.preferences.ConsolePreferencePage.store();
        try {
            prefs.setValue(org.namdrunner.ui.preferences.ConsolePreferencePage.LIMIT_KB, 2);
            prefs.setValue(org.namdrunner.ui.preferences.ConsolePreferencePage.SHOW_OUTPUT, false);
            RemoteTestHooks.applyPreferences(console);
            assertEquals(2048, console.getHighWaterMark());
            assertTrue(console.getLowWaterMark() > 0 && console.getLowWaterMark() < 2048, "" + console.getLowWaterMark());
            assertTrue(!RemoteTestHooks.showsOutput(console));
            prefs.setValue(org.namdrunner.ui.preferences.ConsolePreferencePage.LIMIT_KB, 0);
            RemoteTestHooks.applyPreferences(console);
            assertEquals(-1, console.getLowWaterMark(), "0 KB keeps everything");
        } finally {
            prefs.setToDefault(org.namdrunner.ui.preferences.ConsolePreferencePage.LIMIT_KB);
            prefs.setToDefault(org.namdrunner.ui.preferences.ConsolePreferencePage.SHOW_OUTPUT);
            RemoteTestHooks.applyPreferences(console);
        }
        assertTrue(RemoteTestHooks.showsOutput(console));
        assertEquals(org.namdrunner.ui.preferences.ConsolePreferencePage.DEFAULT_LIMIT_KB * 1024, console.getHighWaterMark());
    }

    private static void collect(org.eclipse.swt.widgets.TreeItem[] items, String parent, List<String> out) {
        for (org.eclipse.swt.widgets.TreeItem item : items) {
            String id = item.getData() instanceof org.eclipse.jface.preference.IPreferenceNode n ? n.getId() : "?";
            String path = parent + item.getText();
            out.add(path + " " + id);
            collect(item.getItems(), path + " > ", out);
        }
    }

    @Test
    void appearanceSwitchesBetweenOurLightAndDarkThemes() throws Exception {
        Display d = Display.getCurrent();
        AppearancePreferencePage page = open(AppearancePreferencePage.ID, AppearancePreferencePage.class);
        var engine = AppearancePreferencePage.engine(d);
        assertTrue(engine != null, "the CSS theme engine is not running");
        List<String> ids = engine.getThemes().stream().map(t -> t.getId()).toList();
        assertTrue(ids.contains(AppearancePreferencePage.LIGHT) && ids.contains(AppearancePreferencePage.DARK), ids.toString());
        assertEquals(AppearancePreferencePage.LIGHT, engine.getActiveTheme().getId());
        PreferenceTestHooks.getLightButton(page).setSelection(false);
        PreferenceTestHooks.getDarkButton(page).setSelection(true);
        assertTrue(page.performOk());
        UiTestSupport.settle(d);
        assertEquals(AppearancePreferencePage.DARK, engine.getActiveTheme().getId());
        // the dark CSS reached a real widget: the workbench shell's background is dark
        var bg = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().getBackground().getRGB();
        assertTrue(bg.red + bg.green + bg.blue < 3 * 0x60, "shell background not dark: " + bg);
        UiTestSupport.screenshot(dialog.getShell(), "preferences-appearance-dark");
        UiTestSupport.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "main-window-dark");
        AppearancePreferencePage.apply(d, AppearancePreferencePage.LIGHT);
        UiTestSupport.settle(d);
        var light = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().getBackground().getRGB();
        assertTrue(light.red + light.green + light.blue > 3 * 0xc0, "shell background not light: " + light);
        UiTestSupport.screenshot(dialog.getShell(), "preferences-appearance");
    }
}

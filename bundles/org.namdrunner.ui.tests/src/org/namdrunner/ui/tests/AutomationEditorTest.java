package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.store.Store;
import org.namdrunner.ui.automations.AutomationTestHooks;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.automations.AutomationEditor;
import org.namdrunner.ui.automations.AutomationEditorInput;
import org.namdrunner.ui.automations.AutomationsView;
import org.namdrunner.ui.views.ViewIds;
import org.namdrunner.workflow.AutomationLibrary;
import org.namdrunner.workflow.model.AutomationEdits;
import org.namdrunner.workflow.model.AutomationModel;

/**
 * The Automations view and the automation editor on the real store: the shipped DNA-origami flow is listed
 * read-only, duplicated, edited (a stage added, a cycle introduced and refused with Save disabled, fixed), saved,
 * re-opened with the change; exported, deleted after confirmation and imported back equal.
 */
@Tag("ui")
class AutomationEditorTest {

    private final TestFilePrompts files = TestFilePrompts.register();

    private static final String DNA = "dna-origami-tutorial";

    private IWorkbenchPage page;
    private AutomationsView view;

    @BeforeEach
    void open() throws Exception {
        Store store = NamdRunnerUi.store();
        AutomationLibrary.imported(store, null).keySet().forEach(id -> AutomationLibrary.removeImported(store, id));
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        view = page.showView(ViewIds.AUTOMATIONS).getAdapter(AutomationsView.class);
        view.refresh(null);
        UiTestSupport.settle(Display.getCurrent());
    }

    @AfterEach
    void close() {
        files.close();
        page.closeAllEditors(false);
        UiTestSupport.settle(Display.getCurrent());
    }

    private static EObject stored(String id) {
        return AutomationLibrary.imported(NamdRunnerUi.store(), null).get(id);
    }

    @Test
    void shippedFlowIsDuplicatedEditedValidatedSavedExportedAndImportedBack() throws Exception {
        Path tmp = Files.createTempDirectory(Path.of(System.getProperty("namdrunner.data", System.getProperty("java.io.tmpdir"))), "automations");
        Display d = Display.getCurrent();
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();

        // the shipped DNA-origami automation: listed, read-only
        AutomationsView.Entry dna = view.entries().stream().filter(e -> e.id().equals(DNA)).findFirst().orElseThrow();
        assertTrue(dna.shipped());
        assertEquals(3, dna.stages());
        view.select(DNA);
        int row = view.getViewer().getTable().getSelectionIndex();
        assertEquals(AutomationsView.SHIPPED, view.getViewer().getTable().getItem(row).getText(1));
        assertFalse(view.getDeleteAction().isEnabled(), "a shipped automation cannot be deleted");
        assertEquals("Duplicate", view.getDuplicateAction().getText().replace("&", ""), "one label whatever is selected");
        assertTrue(view.getDuplicateAction().getToolTipText().contains("read-only"), view.getDuplicateAction().getToolTipText());
        AutomationEditor shipped = assertInstanceOf(AutomationEditor.class, view.open());
        assertTrue(shipped.isReadOnly());
        assertFalse(shipped.getNameText().getEditable());
        assertFalse(shipped.getAddButton().isEnabled());
        assertFalse(AutomationTestHooks.getSaveButton(shipped).isEnabled());
        assertNull(AutomationTestHooks.addStage(shipped), "no stage is added to a shipped automation");
        assertEquals(3, AutomationModel.steps(shipped.model()).size());
        assertTrue(shipped.problems().isEmpty(), shipped.problems().toString());
        page.closeAllEditors(false);

        // Duplicate to Edit: a user copy in the store, opened for editing
        String copyId = view.duplicate();
        assertEquals(DNA + "-copy", copyId);
        assertNotNull(stored(copyId));
        AutomationEditor editor = assertInstanceOf(AutomationEditor.class, page.getActiveEditor());
        assertEquals(copyId, ((AutomationEditorInput) editor.getEditorInput()).id());
        assertFalse(editor.isReadOnly());
        assertFalse(editor.isDirty());
        assertTrue(editor.getNameText().getEditable());

        // add a stage: it continues from production and is valid as added
        UiTestSupport.click(editor.getAddButton());
        UiTestSupport.settle(d);
        assertEquals(List.of("minimize", "equilibrate", "production", "stage4"), AutomationEdits.stepIds(editor.model()));
        assertEquals(4, AutomationTestHooks.getStagesViewer(editor).getTable().getItemCount());
        assertEquals("stage4", AutomationTestHooks.getStageIdText(editor).getText());
        assertEquals("production", AutomationTestHooks.getDependsOnText(editor).getText());
        AutomationTestHooks.setParameter(editor, AutomationModel.STEP_VALUES, "run_steps", "250000");
        assertTrue(editor.isDirty());
        assertTrue(editor.problems().isEmpty(), editor.problems().toString());
        assertTrue(AutomationTestHooks.getSaveButton(editor).isEnabled());

        // a cycle: minimize depends on stage4 -> shown, Save disabled, Ctrl+S refused
        AutomationTestHooks.selectStage(editor, "minimize");
        assertEquals("minimize", AutomationTestHooks.getStageIdText(editor).getText());
        AutomationTestHooks.getDependsOnText(editor).setText("stage4");
        UiTestSupport.settle(d);
        assertTrue(editor.problems().stream().anyMatch(p -> p.startsWith("Dependency cycle between steps: ")), editor.problems().toString());
        assertTrue(List.of(AutomationTestHooks.getProblemsList(editor).getItems()).stream().anyMatch(p -> p.startsWith("Dependency cycle")));
        UiTestSupport.settle(d);
        org.eclipse.swt.graphics.RGB fg = AutomationTestHooks.getProblemsList(editor).getForeground().getRGB();
        assertTrue(fg.red > 150 && fg.green < 120 && fg.blue < 120, "problems are shown in red under the theme: " + fg);
        assertFalse(AutomationTestHooks.getSaveButton(editor).isEnabled(), "Save is disabled while the automation is invalid");
        page.setPartState(page.getReference(editor), IWorkbenchPage.STATE_MAXIMIZED);
        UiTestSupport.settle(d);
        UiTestSupport.screenshot(shell, "automation-editor");
        page.setPartState(page.getReference(editor), IWorkbenchPage.STATE_RESTORED);
        UiTestSupport.settle(d);
        NullProgressMonitor monitor = new NullProgressMonitor();
        editor.doSave(monitor);
        assertTrue(monitor.isCanceled());
        assertTrue(editor.isDirty());
        assertEquals(3, AutomationModel.steps(stored(copyId)).size(), "nothing saved while invalid");
        // an unknown stage id is an error too
        AutomationTestHooks.getDependsOnText(editor).setText("nosuchstage");
        assertTrue(editor.problems().contains("Step 'minimize' depends on unknown step 'nosuchstage'"), editor.problems().toString());
        assertFalse(AutomationTestHooks.getSaveButton(editor).isEnabled());

        // fixed: saved with the Save button
        AutomationTestHooks.getDependsOnText(editor).setText("");
        assertTrue(editor.problems().isEmpty(), editor.problems().toString());
        assertTrue(AutomationTestHooks.getSaveButton(editor).isEnabled());
        editor.getNameText().setText("DNA origami, 4 stages");
        UiTestSupport.click(AutomationTestHooks.getSaveButton(editor));
        UiTestSupport.settle(d);
        assertFalse(editor.isDirty());
        assertFalse(AutomationTestHooks.getSaveButton(editor).isEnabled());
        EObject saved = stored(copyId);
        assertEquals(List.of("minimize", "equilibrate", "production", "stage4"), AutomationEdits.stepIds(saved));
        assertTrue(AutomationModel.equal(editor.model(), saved));
        UiTestSupport.waitUntil(d, 5000, () -> view.entries().stream().anyMatch(e -> e.id().equals(copyId)
                && e.name().equals("DNA origami, 4 stages") && e.stages() == 4), "the view shows the saved automation");
        page.closeAllEditors(false);

        // re-opened: the change persisted
        view.select(copyId);
        AutomationEditor reopened = assertInstanceOf(AutomationEditor.class, view.open());
        EObject m = reopened.model();
        assertEquals("DNA origami, 4 stages", AutomationModel.string(m, AutomationModel.AUTOMATION_NAME));
        assertEquals(List.of("minimize", "equilibrate", "production", "stage4"), AutomationEdits.stepIds(m));
        assertEquals(List.of("production"), AutomationModel.dependsOn(AutomationEdits.find(m, "stage4")));
        assertEquals(List.of(), AutomationModel.dependsOn(AutomationEdits.find(m, "minimize")));
        assertEquals("250000", AutomationModel.values(AutomationEdits.find(m, "stage4")).get("run_steps"));
        assertEquals("explicit_solvent_npt_v1", AutomationModel.parameters(AutomationEdits.find(m, "stage4")).get("template"));
        page.closeAllEditors(false);

        // export -> delete (confirmed) -> import: equal
        Path file = tmp.resolve("exported.xmi");
        files.answer((s, request) -> {
            assertTrue(request.save());
            assertEquals(copyId + ".xmi", request.suggestedName());
            return file;
        });
        view.select(copyId);
        assertEquals(file, view.exportFile());
        EObject exported;
        try (InputStream in = Files.newInputStream(file)) {
            exported = AutomationModel.load(in, "exported.xmi");
        }
        assertTrue(AutomationModel.equal(saved, exported));

        view.select(copyId);
        assertTrue(view.getDeleteAction().isEnabled());
        var cancelled = UiTestSupport.pressWhenOpen(d, AutomationsView.DELETE_TITLE, "Cancel");
        view.delete();
        assertTrue(cancelled.get());
        assertNotNull(stored(copyId), "Cancel keeps it");
        var ok = UiTestSupport.pressWhenOpen(d, AutomationsView.DELETE_TITLE, "OK");
        view.delete();
        assertTrue(ok.get());
        assertNull(stored(copyId));
        assertTrue(view.entries().stream().noneMatch(e -> e.id().equals(copyId)));

        files.answer(file);
        assertEquals(copyId, view.importFile());
        assertTrue(AutomationModel.equal(exported, stored(copyId)), "the imported automation equals the exported one");
        assertTrue(view.getStatus().getText().startsWith("Imported exported.xmi"), view.getStatus().getText());

        // an invalid file is refused with the validator's message, nothing stored
        Path bad = tmp.resolve("bad.xmi");
        Files.writeString(bad, Files.readString(file).replace("id=\"" + copyId + "\"", "id=\"bad-one\"")
                .replaceFirst("type=\"org.namdrunner.workflow.stage\"", "type=\"org.example.nosuchstep\""));
        files.answer(bad);
        assertNull(view.importFile());
        assertTrue(view.getStatus().getText().contains("unknown step type 'org.example.nosuchstep'"), view.getStatus().getText());
        assertNull(stored("bad-one"));
        assertEquals(Map.of(copyId, 4), Map.of(copyId, AutomationModel.steps(stored(copyId)).size()));

        // the view beside the open automation (the bottom stack minimized to give the editor room)
        view.select(copyId);
        AutomationEditor shown = assertInstanceOf(AutomationEditor.class, view.open());
        AutomationTestHooks.selectStage(shown, "stage4");
        page.activate(page.findViewReference(ViewIds.AUTOMATIONS).getPart(false));
        var jobs = page.findViewReference(ViewIds.JOBS);
        page.setPartState(jobs, IWorkbenchPage.STATE_MINIMIZED);
        UiTestSupport.settle(d);
        try {
            UiTestSupport.screenshot(shell, "automations-view");
        } finally {
            page.setPartState(jobs, IWorkbenchPage.STATE_RESTORED);
            UiTestSupport.settle(d);
        }
    }

    @Test
    void stagesAreMovedAndRemovedAndCtrlSSavesThroughTheSaveCommand() throws Exception {
        Display d = Display.getCurrent();
        view.select("equilibrate-and-produce");
        String copyId = view.duplicate();
        AutomationEditor editor = assertInstanceOf(AutomationEditor.class, page.getActiveEditor());
        assertEquals(List.of("minimize", "nvt", "npt-restrained", "release", "production"), AutomationEdits.stepIds(editor.model()));

        // Remove "release": production no longer depends on it -> production has no dependency left, still valid
        AutomationTestHooks.selectStage(editor, "release");
        UiTestSupport.click(UiTestSupport.findButton(AutomationTestHooks.getStagesViewer(editor).getTable().getParent().getParent(), "Remove"));
        assertEquals(List.of("minimize", "nvt", "npt-restrained", "production"), AutomationEdits.stepIds(editor.model()));
        assertEquals(List.of(), AutomationModel.dependsOn(AutomationEdits.find(editor.model(), "production")));
        assertEquals("production", AutomationTestHooks.getStageIdText(editor).getText(), "the next stage is selected");
        // Move Up twice, Move Down once
        UiTestSupport.click(UiTestSupport.findButton(AutomationTestHooks.getStagesViewer(editor).getTable().getParent().getParent(), "Move Up"));
        UiTestSupport.click(UiTestSupport.findButton(AutomationTestHooks.getStagesViewer(editor).getTable().getParent().getParent(), "Move Up"));
        UiTestSupport.click(UiTestSupport.findButton(AutomationTestHooks.getStagesViewer(editor).getTable().getParent().getParent(), "Move Down"));
        assertEquals(List.of("minimize", "nvt", "production", "npt-restrained"), AutomationEdits.stepIds(editor.model()));
        // a renamed stage id follows in the others' dependencies; an id with a space is refused
        AutomationTestHooks.selectStage(editor, "nvt");
        AutomationTestHooks.getStageIdText(editor).setText("nvt eq");
        assertTrue(editor.problems().contains("Step id 'nvt eq' may only contain letters, digits, '.', '_' and '-'"), editor.problems().toString());
        assertFalse(AutomationTestHooks.getSaveButton(editor).isEnabled());
        AutomationTestHooks.getStageIdText(editor).setText("nvt-eq");
        assertEquals(List.of("nvt-eq"), AutomationModel.dependsOn(AutomationEdits.find(editor.model(), "npt-restrained")));
        assertTrue(editor.problems().isEmpty(), editor.problems().toString());
        assertTrue(editor.isDirty());

        // Ctrl+S is the workbench's Save command
        page.activate(editor);
        PlatformUI.getWorkbench().getService(org.eclipse.ui.handlers.IHandlerService.class).executeCommand("org.eclipse.ui.file.save", null);
        UiTestSupport.settle(d);
        assertFalse(editor.isDirty());
        assertEquals(List.of("minimize", "nvt-eq", "production", "npt-restrained"), AutomationEdits.stepIds(stored(copyId)));

        // while invalid the Save command does not store anything
        AutomationTestHooks.selectStage(editor, "production");
        AutomationTestHooks.getDependsOnText(editor).setText("npt-restrained");
        AutomationTestHooks.selectStage(editor, "npt-restrained");
        AutomationTestHooks.getDependsOnText(editor).setText("production");
        assertTrue(editor.problems().stream().anyMatch(p -> p.startsWith("Dependency cycle")), editor.problems().toString());
        page.activate(editor);
        try {
            PlatformUI.getWorkbench().getService(org.eclipse.ui.handlers.IHandlerService.class).executeCommand("org.eclipse.ui.file.save", null);
        } catch (Exception e) {
            // refused is fine too
        }
        UiTestSupport.settle(d);
        assertTrue(editor.isDirty());
        assertEquals(List.of("nvt-eq"), AutomationModel.dependsOn(AutomationEdits.find(stored(copyId), "npt-restrained")), "nothing saved");
    }
}

package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.core.model.Job;
import org.namdrunner.ui.views.ViewTestHooks;
import org.namdrunner.ui.templates.TemplateTestHooks;
import org.namdrunner.ui.editors.EditorTestHooks;
import org.namdrunner.core.model.TemplateFile;
import org.namdrunner.core.model.TemplateRecord;
import org.namdrunner.core.model.TemplateRevision;
import org.namdrunner.store.Store;
import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.editors.JobEditor;
import org.namdrunner.ui.templates.TemplateHistoryDialog;
import org.namdrunner.ui.views.TemplatesView;

/**
 * Template revisions in the workbench (issue 16 item 6): saves from the template editor are revisions, History…
 * lists them with a diff, a job's Overview names the revision it was made from and shows the changes since, and
 * export/import carry the revision.
 */
@Tag("ui")
class TemplateHistoryTest {

    private TemplatesViewFixture fixture;
    private TestFilePrompts files;
    private IWorkbenchPage page;
    private TemplatesView view;

    @BeforeEach
    void open() throws Exception {
        fixture = new TemplatesViewFixture();
        files = fixture.files;
        page = fixture.page;
        view = fixture.view;
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static void saveWithEdit(ITextEditor editor, String firstLine) {
        IDocument doc = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        try {
            doc.replace(0, 0, firstLine + "\n");
        } catch (org.eclipse.jface.text.BadLocationException e) {
            throw new AssertionError(e);
        }
        editor.doSave(new NullProgressMonitor());
        UiTestSupport.settle(Display.getCurrent());
        assertFalse(editor.isDirty());
    }

    @Test
    void historyListsTheEditorsSavesWithADiffAndJobsShowTheirRevision() throws Exception {
        Display d = Display.getCurrent();
        Store store = NamdRunnerUi.store();
        String builtIn = BuiltInTemplates.text(BuiltInTemplates.VACUUM_OPTIMIZATION_V1);

        // duplicate a built-in (revision 1), then save twice from the editor with different text (revisions 2 and 3)
        view.select(BuiltInTemplates.VACUUM_OPTIMIZATION_V1);
        assertFalse(ViewTestHooks.getHistoryAction(view).isEnabled(), "built-in templates have no revisions");
        TemplateRecord copy = view.duplicate();
        assertNotNull(copy);
        assertTrue(ViewTestHooks.getHistoryAction(view).isEnabled());
        ITextEditor editor = assertInstanceOf(ITextEditor.class, page.getActiveEditor());
        saveWithEdit(editor, "# first edit");
        editor.doSave(new NullProgressMonitor()); // nothing changed: no revision
        // the second through Save with Comment… (the Templates view's context menu)
        IDocument doc = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        doc.replace(0, 0, "# second edit\n");
        view.select(copy.id());
        List<Throwable> commented = UiTestSupport.onShell(d, TemplatesView.SAVE_COMMENT_TITLE, s -> {
            UiTestSupport.findText(s).setText("second edit, with a comment");
            UiTestSupport.click(UiTestSupport.findButton(s, "OK"));
        });
        assertTrue(ViewTestHooks.saveWithComment(view));
        assertTrue(commented.isEmpty(), commented.toString());
        assertFalse(editor.isDirty());
        assertFalse(ViewTestHooks.saveWithComment(view), "nothing unsaved: nothing asked, nothing saved");
        List<TemplateRevision> revs = store.templates().revisions(copy.id());
        assertEquals(List.of(1, 2, 3), revs.stream().map(TemplateRevision::number).toList());
        assertEquals(builtIn, revs.get(0).text());
        assertTrue(revs.get(0).comment().contains("Duplicate of built-in template"), revs.get(0).comment());
        assertEquals("# second edit\n# first edit\n" + builtIn, revs.get(2).text());
        assertEquals("", revs.get(1).comment(), "Ctrl+S saves without a comment");
        assertEquals("second edit, with a comment", revs.get(2).comment());
        page.closeAllEditors(false);
        UiTestSupport.waitUntil(d, 5000, () -> view.entries().stream().anyMatch(e -> e.id().equals(copy.id()) && e.revision() == 3),
                "the view shows revision 3");

        // History…: the revisions newest first and the diff of the newest to the one before
        view.select(copy.id());
        String[] diff = new String[1];
        int[][] compared = new int[2][];
        List<Throwable> failures = UiTestSupport.onShell(d, TemplateHistoryDialog.TITLE, s -> {
            TemplateHistoryDialog dialog = (TemplateHistoryDialog) s.getData();
            UiTestSupport.settle(d);
            assertEquals(List.of(3, 2, 1), dialog.rows().stream().map(TemplateRevision::number).toList());
            compared[0] = dialog.compared();
            diff[0] = TemplateTestHooks.diffText(dialog);
            UiTestSupport.screenshot(s, "template-history");
            dialog.compare(1, 3);
            compared[1] = dialog.compared();
            assertTrue(TemplateTestHooks.diffText(dialog).contains("+# first edit\n"), TemplateTestHooks.diffText(dialog));
            assertTrue(TemplateTestHooks.diffText(dialog).contains("+# second edit\n"), TemplateTestHooks.diffText(dialog));
            s.close();
        });
        view.history();
        assertTrue(failures.isEmpty(), failures.toString());
        assertArrayEquals(new int[] {2, 3}, compared[0]);
        assertTrue(diff[0].startsWith("--- revision 2\n+++ revision 3\n@@ -1,"), diff[0]);
        assertTrue(diff[0].contains("\n+# second edit\n # first edit\n"), diff[0]);
        assertArrayEquals(new int[] {1, 3}, compared[1]);

        // a job made from revision 2: its Overview says so and shows the changes since
        Job job = TestJobs.job(7).toBuilder().id("00000000-0000-4000-8000-00000000e6e6").name("made-from-rev-2")
                .templateId(copy.id()).templateRevision(2).templateValue("min_steps", "20").build();
        store.jobs().delete(job.id());
        store.jobs().insert(job);
        try {
            JobEditor je = JobEditor.open(page, job);
            assertNotNull(je);
            page.setPartState(page.getReference(je), IWorkbenchPage.STATE_MAXIMIZED);
            UiTestSupport.waitUntil(d, 10_000, () -> EditorTestHooks.getMadeFromLabel(je).getText().contains("revision 2"),
                    "the Overview names the revision");
            assertEquals("Made from template '" + copy.name() + "', revision 2; the template is now at revision 3",
                    EditorTestHooks.getMadeFromLabel(je).getText());
            assertTrue(EditorTestHooks.getTemplateChangesLink(je).isVisible());
            assertTrue(EditorTestHooks.getTemplateChangesLink(je).getText().contains("Show changes since revision 2"));
            UiTestSupport.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "job-editor-template-revision");
            page.setPartState(page.getReference(je), IWorkbenchPage.STATE_RESTORED); // later tests expect the views shown
            int[][] since = new int[1][];
            String[] sinceDiff = new String[1];
            List<Throwable> f2 = UiTestSupport.onShell(d, TemplateHistoryDialog.TITLE, s -> {
                TemplateHistoryDialog dialog = (TemplateHistoryDialog) s.getData();
                since[0] = dialog.compared();
                sinceDiff[0] = TemplateTestHooks.diffText(dialog);
                s.close();
            });
            EditorTestHooks.showTemplateChanges(je);
            assertTrue(f2.isEmpty(), f2.toString());
            assertArrayEquals(new int[] {2, 3}, since[0]);
            assertTrue(sinceDiff[0].contains("\n+# second edit\n"), sinceDiff[0]);
            assertFalse(sinceDiff[0].contains("+# first edit"), "revision 2 already had the first edit: " + sinceDiff[0]);
        } finally {
            page.closeAllEditors(false);
            store.jobs().delete(job.id());
        }

        // Export carries the revision; importing it records the origin in revision 1's comment
        Path dir = Files.createDirectories(Path.of(System.getProperty("namdrunner.data", "target/data")).resolve("ui-template-history"));
        Path exported = dir.resolve("history-" + System.nanoTime() + ".namd");
        files.answer(exported);
        view.select(copy.id());
        assertEquals(exported, view.exportFile());
        TemplateFile.Content content = TemplateFile.read(Files.readString(exported));
        assertEquals(3, content.revision());
        assertEquals(copy.id(), content.id());
        assertEquals(revs.get(2).text(), content.text());
        TemplateRecord imported = view.importFile();
        assertNotNull(imported);
        assertEquals(revs.get(2).text(), imported.text(), "the header is not part of the imported text");
        List<TemplateRevision> importedRevs = store.templates().revisions(imported.id());
        assertEquals(1, importedRevs.size());
        assertTrue(importedRevs.get(0).comment().contains("revision 3 of template '" + copy.name() + "'"), importedRevs.get(0).comment());
    }
}

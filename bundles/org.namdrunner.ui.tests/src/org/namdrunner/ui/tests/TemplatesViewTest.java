package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IVerticalRulerInfo;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.ide.IDE;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.texteditor.DocumentProviderRegistry;
import org.eclipse.ui.texteditor.IDocumentProvider;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.core.model.TemplateRecord;
import org.namdrunner.ui.views.ViewTestHooks;
import org.namdrunner.store.Store;
import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.template.ui.NamdEditor;
import org.namdrunner.template.ui.NamdProblemAnnotation;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.templates.TemplateEditorInput;
import org.namdrunner.ui.views.TemplatesView;

/**
 * The Templates view on the real store and the real template editor: built-in templates are read-only and
 * duplicated to edit, user templates are edited and saved back to the store (never over someone else's change),
 * renamed, exported, imported and deleted after confirmation.
 */
@Tag("ui")
class TemplatesViewTest {

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

    @Test
    void builtInTemplatesAreReadOnlyAndUserTemplatesAreEditedAndSavedToTheStore() throws Exception {
        Display d = Display.getCurrent();
        Store store = NamdRunnerUi.store();
        List<TemplatesView.Entry> entries = view.entries();
        assertEquals(BuiltInTemplates.ids(), entries.stream().filter(TemplatesView.Entry::builtIn).map(TemplatesView.Entry::id).toList());
        assertEquals("Built-in", view.getViewer().getTable().getItem(0).getText(1));

        // a built-in template: read-only in the editor, no rename/delete, "Duplicate"
        view.select(BuiltInTemplates.VACUUM_OPTIMIZATION_V1);
        assertFalse(view.getDeleteAction().isEnabled());
        assertFalse(ViewTestHooks.getRenameAction(view).isEnabled());
        assertEquals("Duplicate", view.getDuplicateAction().getText().replace("&", ""), "one label whatever is selected");
        assertTrue(view.getDuplicateAction().getToolTipText().contains("read-only"), view.getDuplicateAction().getToolTipText());
        IEditorPart builtIn = view.open();
        assertNotNull(builtIn);
        assertEquals("org.namdrunner.template.ui.editor", builtIn.getSite().getId());
        ITextEditor te = assertInstanceOf(ITextEditor.class, builtIn);
        assertFalse(te.isEditable(), "a built-in template cannot be edited");
        assertEquals(BuiltInTemplates.text(BuiltInTemplates.VACUUM_OPTIMIZATION_V1),
                te.getDocumentProvider().getDocument(te.getEditorInput()).get());

        // Duplicate to Edit: a user template with the same text, opened for editing
        TemplateRecord copy = view.duplicate();
        assertNotNull(copy);
        assertEquals("Vacuum optimization v1 (copy)", copy.name());
        assertEquals(BuiltInTemplates.text(BuiltInTemplates.VACUUM_OPTIMIZATION_V1), store.templates().find(copy.id()).orElseThrow().text());
        ITextEditor editor = assertInstanceOf(ITextEditor.class, page.getActiveEditor());
        assertEquals(copy.id(), ((TemplateEditorInput) editor.getEditorInput()).id());
        assertTrue(editor.isEditable());
        IDocument doc = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        doc.replace(0, 0, "# edited in the template editor\n");
        assertTrue(editor.isDirty());
        editor.doSave(new NullProgressMonitor());
        UiTestSupport.settle(d);
        assertFalse(editor.isDirty());
        TemplateRecord saved = store.templates().find(copy.id()).orElseThrow();
        assertTrue(saved.text().startsWith("# edited in the template editor\n"), saved.text());
        assertEquals(copy.version() + 1, saved.version());
        UiTestSupport.waitUntil(d, 5000, () -> view.entries().stream().anyMatch(e -> e.id().equals(copy.id())
                && e.record().version() == saved.version()), "the view shows the saved version");

        // someone else changes the template: a save refuses to overwrite it
        store.templates().save(saved.withText("changed elsewhere\n"));
        IDocumentProvider provider = DocumentProviderRegistry.getDefault().getDocumentProvider(editor.getEditorInput());
        assertEquals(editor.getDocumentProvider().getClass(), provider.getClass());
        doc.replace(0, 0, "# second edit\n");
        CoreException conflict = assertThrows(CoreException.class,
                () -> editor.getDocumentProvider().saveDocument(new NullProgressMonitor(), editor.getEditorInput(), doc, true));
        assertTrue(conflict.getMessage().contains("changed meanwhile"), conflict.getMessage());
        assertEquals("changed elsewhere\n", store.templates().find(copy.id()).orElseThrow().text(), "nothing overwritten");
        page.closeAllEditors(false);

        // Rename through the dialog
        view.select(copy.id());
        assertTrue(ViewTestHooks.getRenameAction(view).isEnabled());
        List<Throwable> renamed = UiTestSupport.onShell(d, TemplatesView.RENAME_TITLE, s -> {
            UiTestSupport.findText(s).setText("Membrane minimization");
            UiTestSupport.click(UiTestSupport.findButton(s, "OK"));
        });
        view.rename();
        assertTrue(renamed.isEmpty(), renamed.toString());
        assertEquals("Membrane minimization", store.templates().find(copy.id()).orElseThrow().name());
        UiTestSupport.screenshotLightAndDark(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "templates-view");

        // Export and import .namd files
        Path dir = Files.createDirectories(Path.of(System.getProperty("namdrunner.data", "target/data")).resolve("ui-templates"));
        Path exported = dir.resolve("membrane-" + System.nanoTime() + ".namd");
        files.answer((shell, request) -> {
            assertTrue(request.save());
            assertEquals("membrane_minimization.namd", request.suggestedName());
            return exported;
        });
        assertEquals(exported, view.exportFile());
        org.namdrunner.core.model.TemplateFile.Content exportedContent =
                org.namdrunner.core.model.TemplateFile.read(Files.readString(exported));
        assertEquals("changed elsewhere\n", exportedContent.text());
        assertEquals(copy.id(), exportedContent.id(), "the export names its template and revision");
        assertEquals(store.templates().latestRevision(copy.id()).orElseThrow().number(), exportedContent.revision());
        Path incoming = dir.resolve("npt-equilibration.namd");
        Files.writeString(incoming, BuiltInTemplates.text(BuiltInTemplates.EXPLICIT_SOLVENT_NPT_V1));
        files.answer(incoming);
        TemplateRecord imported = view.importFile();
        assertNotNull(imported);
        assertEquals("npt-equilibration", imported.name());
        assertEquals(BuiltInTemplates.text(BuiltInTemplates.EXPLICIT_SOLVENT_NPT_V1), store.templates().find(imported.id()).orElseThrow().text());
        Path binary = dir.resolve("binary.namd");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        files.answer(binary);
        int before = store.templates().list().size();
        view.importFile();
        assertTrue(view.getStatus().getText().contains("not a UTF-8 text file"), view.getStatus().getText());
        assertEquals(before, store.templates().list().size());

        // Delete: Cancel keeps it, OK deletes it and closes its editor
        view.select(imported.id());
        view.open();
        var cancelled = UiTestSupport.pressWhenOpen(d, TemplatesView.DELETE_TITLE, "Cancel");
        view.delete();
        assertTrue(cancelled.get());
        assertTrue(store.templates().find(imported.id()).isPresent());
        var ok = UiTestSupport.pressWhenOpen(d, TemplatesView.DELETE_TITLE, "OK");
        view.delete();
        assertTrue(ok.get());
        assertTrue(store.templates().find(imported.id()).isEmpty());
        assertEquals(0, page.getEditorReferences().length, "the deleted template's editor was closed");
        assertFalse(view.entries().stream().anyMatch(e -> e.id().equals(imported.id())));
    }

    /**
     * The path of a new user (issue: validation you can see): Templates view → Duplicate → misspell a keyword. The
     * mistake gets a squiggle and marks in both rulers, an entry in the Problems view that goes to the line, and a
     * save asks first; closing the editor takes its Problems-view entries away.
     */
    @Test
    void aMistakeInADuplicatedTemplateIsVisibleEverywhere() throws Exception {
        Display d = Display.getCurrent();
        Store store = NamdRunnerUi.store();
        view.select(BuiltInTemplates.VACUUM_OPTIMIZATION_V1);
        TemplateRecord copy = view.duplicate();
        assertNotNull(copy);
        NamdEditor editor = assertInstanceOf(NamdEditor.class, page.getActiveEditor());
        IDocument doc = editor.viewer().getDocument();
        int at = doc.get().indexOf("\ncutoff ") + 1;
        doc.replace(at, "cutoff".length(), "cutof");
        int line = doc.getLineOfOffset(at) + 1;

        // squiggle: a problem annotation in the viewer's model, drawn by the annotation ruler and the overview ruler
        UiTestSupport.waitUntil(d, 30_000, () -> problemAt(editor.viewer().getAnnotationModel(), doc, line) != null,
                "a problem annotation on line " + line);
        Annotation problem = problemAt(editor.viewer().getAnnotationModel(), doc, line);
        assertTrue(problem.getText().contains("cutof"), problem.getText());
        assertEquals(NamdProblemAnnotation.ERROR, problem.getType());
        IVerticalRulerInfo ruler = editor.getAdapter(IVerticalRulerInfo.class);
        assertNotNull(ruler, "the editor has a vertical ruler");
        UiTestSupport.waitUntil(d, 10_000, () -> ruler.getControl().getSize().x > 0, "the vertical ruler is laid out and visible");
        assertNotNull(problemAt(editor.overviewRuler().getModel(), doc, line), "the overview ruler shows the problem");
        assertTrue(editor.overviewRuler().getControl().isVisible(), "the overview ruler is visible");

        // Problems view: an entry for the template that goes to the line in this editor
        UiTestSupport.waitUntil(d, 30_000, () -> markerFor(editor, "cutof") != null, "a Problems-view marker");
        IMarker marker = markerFor(editor, "cutof");
        assertEquals(line, marker.getAttribute(IMarker.LINE_NUMBER, -1));
        assertEquals(IMarker.SEVERITY_ERROR, marker.getAttribute(IMarker.SEVERITY, -1));
        assertEquals("Vacuum optimization v1 (copy).namd", marker.getResource().getName());
        page.showView(IPageLayout.ID_PROBLEM_VIEW);
        List<String> listed = new java.util.ArrayList<>();
        try {
            UiTestSupport.waitUntil(d, 30_000, () -> {
                listed.clear();
                listed.addAll(treeTexts(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell()));
                return listed.stream().anyMatch(t -> t.contains("cutof"));
            }, "the Problems view lists the mistake");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; trees show " + listed, e);
        }
        editor.selectAndReveal(0, 0);
        IEditorPart opened = IDE.openEditor(page, marker);
        assertSame(editor, opened, "opening the problem goes to the template's editor");
        assertEquals(at, ((ITextSelection) editor.getSelectionProvider().getSelection()).getOffset());
        UiTestSupport.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "template-problems");

        // a save of text with errors asks first: No keeps the store as it was, Yes saves
        var no = UiTestSupport.pressWhenOpen(d, NamdEditor.SAVE_WITH_ERRORS_TITLE, "No");
        editor.doSave(new NullProgressMonitor());
        assertTrue(no.get(), "the save asked first");
        assertTrue(editor.isDirty());
        assertFalse(store.templates().find(copy.id()).orElseThrow().text().contains("cutof "));
        var yes = UiTestSupport.pressWhenOpen(d, NamdEditor.SAVE_WITH_ERRORS_TITLE, "Yes");
        editor.doSave(new NullProgressMonitor());
        assertTrue(yes.get());
        assertFalse(editor.isDirty());
        assertTrue(store.templates().find(copy.id()).orElseThrow().text().contains("\ncutof "));

        // the fix removes the entry; closing the editor removes the anchor
        doc.replace(at, "cutof".length(), "cutoff");
        UiTestSupport.waitUntil(d, 30_000, () -> markerFor(editor, "cutof") == null, "the entry to go after the fix");
        IFile anchor = editor.problemAnchor();
        assertNotNull(anchor);
        page.closeEditor(editor, false);
        UiTestSupport.settle(d);
        assertFalse(anchor.exists(), "closing the editor removes its Problems-view entries");
    }

    private static Annotation problemAt(IAnnotationModel model, IDocument doc, int line) {
        if (model == null) {
            return null;
        }
        for (var it = model.getAnnotationIterator(); it.hasNext();) {
            Annotation a = it.next();
            Position p = model.getPosition(a);
            try {
                if (a instanceof NamdProblemAnnotation && p != null && doc.getLineOfOffset(p.getOffset()) + 1 == line) {
                    return a;
                }
            } catch (org.eclipse.jface.text.BadLocationException e) {
                // stale position
            }
        }
        return null;
    }

    private static IMarker markerFor(NamdEditor editor, String text) {
        IFile anchor = editor.problemAnchor();
        if (anchor == null || !anchor.exists()) {
            return null;
        }
        try {
            for (IMarker m : anchor.findMarkers(NamdEditor.MARKER_TYPE, false, IResource.DEPTH_ZERO)) {
                if (m.getAttribute(IMarker.MESSAGE, "").contains(text)) {
                    return m;
                }
            }
        } catch (CoreException e) {
            return null;
        }
        return null;
    }

    /** Texts of the items of every visible tree in {@code c}, expanding collapsed items as a click on the twistie would. */
    private static List<String> treeTexts(Control c) {
        List<String> out = new java.util.ArrayList<>();
        java.util.ArrayDeque<Object> todo = new java.util.ArrayDeque<>(List.of(c));
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (o instanceof TreeItem item) {
                out.add(item.getText());
                if (!item.getExpanded() && item.getItemCount() > 0) {
                    org.eclipse.swt.widgets.Event expand = new org.eclipse.swt.widgets.Event();
                    expand.item = item;
                    item.getParent().notifyListeners(org.eclipse.swt.SWT.Expand, expand);
                    item.setExpanded(true);
                }
                todo.addAll(List.of(item.getItems()));
            } else if (o instanceof Tree t && t.isVisible()) {
                todo.addAll(List.of(t.getItems()));
            } else if (o instanceof Composite comp) {
                todo.addAll(List.of(comp.getChildren()));
            }
        }
        return out;
    }
}

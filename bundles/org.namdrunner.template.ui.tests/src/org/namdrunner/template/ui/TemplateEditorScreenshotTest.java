package org.namdrunner.template.ui;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.text.IDocument;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * template-editor.png (to target/screenshots; scripts/refresh-screenshots copies it to docs/screenshots): colouring,
 * a problem marker and the completion popup with docs.
 */
@Tag("ui")
class TemplateEditorScreenshotTest {

    @Test
    void screenshotOfTheEditor() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Shell shell = page.getWorkbenchWindow().getShell();
        Display display = shell.getDisplay();
        shell.setBounds(0, 0, 1300, 820);
        IFile file = NamdEditorTest.workspaceFile("equilibration.namdt", NamdEditorTest.SEEDED);
        NamdEditor editor = assertInstanceOf(NamdEditor.class, IDE.openEditor(page, file));
        page.showView(IPageLayout.ID_PROBLEM_VIEW);
        page.activate(editor);
        giveTheEditorMoreRoom(page);
        EditorTestSupport.waitFor(display, "markers", () -> {
            try {
                return NamdEditorTest.markerLines(file).size() == 3;
            } catch (Exception e) {
                return false;
            }
        });
        IDocument doc = editor.viewer().getDocument();
        int at = doc.get().indexOf("langevinDampng");
        int lineEnd = doc.getLineOffset(doc.getLineOfOffset(at)) + doc.getLineLength(doc.getLineOfOffset(at));
        doc.replace(lineEnd, 0, "lang\n");
        editor.selectAndReveal(lineEnd + 4, 0);
        editor.viewer().setTopIndex(Math.max(0, doc.getLineOfOffset(at) - 16));
        editor.setFocus();
        display.setCursorLocation(shell.getBounds().x + 5, shell.getBounds().y + shell.getBounds().height - 5);
        EditorTestSupport.waitFor(display, "re-validation", () -> editor.lastAnalysis() != null
                && editor.lastAnalysis().text().equals(doc.get()));
        EditorTestSupport.settle(display, 800);
        editor.openCompletion();
        Table[] popup = new Table[1];
        EditorTestSupport.waitFor(display, "completion popup", () -> {
            for (Shell s : shell.getShells()) {
                if (s.isVisible() && s.getChildren().length > 0) {
                    popup[0] = find(s);
                    if (popup[0] != null) {
                        return true;
                    }
                }
            }
            return false;
        });
        EditorTestSupport.settle(display, 1500);
        Path png = EditorTestSupport.screenshot(shell, "template-editor");
        assertTrue(Files.size(png) > 10_000, "screenshot written: " + png);
        popup[0].getShell().close();
        page.closeAllEditors(false);
    }

    /** The bottom stack (Jobs, Problems, ...) gets a third of the height instead of 45 %. */
    private static void giveTheEditorMoreRoom(IWorkbenchPage page) {
        org.eclipse.e4.ui.model.application.ui.basic.MWindow window = page.getWorkbenchWindow()
                .getService(org.eclipse.e4.ui.model.application.ui.basic.MWindow.class);
        org.eclipse.e4.ui.workbench.modeling.EModelService models = page.getWorkbenchWindow()
                .getService(org.eclipse.e4.ui.workbench.modeling.EModelService.class);
        List<org.eclipse.e4.ui.model.application.ui.basic.MPartStack> stacks = models.findElements(window,
                "org.namdrunner.ui.stack.bottom", org.eclipse.e4.ui.model.application.ui.basic.MPartStack.class);
        if (stacks.isEmpty()) {
            return;
        }
        var bottom = stacks.get(0);
        for (var sibling : bottom.getParent().getChildren()) {
            sibling.setContainerData(sibling == bottom ? "3000" : "7000");
        }
    }

    private static Table find(org.eclipse.swt.widgets.Control c) {
        if (c instanceof Table t && t.getItemCount() > 0 && t.getItem(0).getText().toLowerCase().startsWith("lang")) {
            return t;
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                Table t = find(child);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}

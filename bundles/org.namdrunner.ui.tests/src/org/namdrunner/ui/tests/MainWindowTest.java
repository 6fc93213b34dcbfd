package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.advanced.MArea;
import org.eclipse.e4.ui.model.application.ui.advanced.MPlaceholder;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.IConsoleConstants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.ui.NamdRunnerPerspective;
import org.namdrunner.ui.views.EmptyState;
import org.namdrunner.ui.views.JobsView;
import org.namdrunner.ui.views.RemoteExplorerView;
import org.namdrunner.ui.views.TemplatesView;
import org.namdrunner.ui.views.ViewIds;

/** Opens the real NAMDRunner workbench window and checks what a new user sees. */
@Tag("ui")
class MainWindowTest {

    @Test
    void mainWindowHasTitlePerspectiveAndParts() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "no workbench window open");
        Shell shell = window.getShell();
        assertEquals("NAMDRunner", shell.getText());

        IWorkbenchPage page = window.getActivePage();
        assertEquals(NamdRunnerPerspective.ID, page.getPerspective().getId());

        // the application model: each view placed in the part stack the later screens go into
        MWindow model = window.getService(MWindow.class);
        EModelService modelService = window.getService(EModelService.class);
        Map<String, String> expectedStack = Map.of(
                ViewIds.TEMPLATES, NamdRunnerPerspective.LEFT_STACK,
                ViewIds.REMOTE_EXPLORER, NamdRunnerPerspective.LEFT_STACK,
                ViewIds.AUTOMATIONS, NamdRunnerPerspective.LEFT_STACK,
                ViewIds.JOBS, NamdRunnerPerspective.BOTTOM_STACK,
                IConsoleConstants.ID_CONSOLE_VIEW, NamdRunnerPerspective.BOTTOM_STACK,
                IPageLayout.ID_PROGRESS_VIEW, NamdRunnerPerspective.BOTTOM_STACK,
                IPageLayout.ID_PROBLEM_VIEW, NamdRunnerPerspective.BOTTOM_STACK);
        for (Map.Entry<String, String> e : expectedStack.entrySet()) {
            List<MPlaceholder> placeholders = modelService.findElements(model, e.getKey(), MPlaceholder.class);
            assertEquals(1, placeholders.size(), "view not in the perspective exactly once: " + e.getKey());
            MPlaceholder placeholder = placeholders.get(0);
            assertTrue(placeholder.isToBeRendered(), "view hidden: " + e.getKey());
            MElementContainer<?> parent = placeholder.getParent();
            assertTrue(parent instanceof MPartStack, "view not in a part stack: " + e.getKey());
            assertEquals(e.getValue(), parent.getElementId(), "view in the wrong stack: " + e.getKey());
        }
        List<MArea> editorArea = modelService.findElements(model, IPageLayout.ID_EDITOR_AREA, MArea.class);
        assertEquals(1, editorArea.size(), "no editor area");
        assertTrue(page.isEditorAreaVisible(), "editor area hidden");
    }

    @Test
    void emptyStatesTellTheUserWhatToDo() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        // bring every view to the top once so its contents are created
        page.showView(ViewIds.TEMPLATES);
        page.showView(ViewIds.REMOTE_EXPLORER);
        page.showView(ViewIds.JOBS);
        UiTestSupport.settle(window.getShell().getDisplay());

        List<String> messages = new ArrayList<>();
        collectEmptyStates(window.getShell(), messages);
        assertTrue(messages.contains(JobsView.NO_JOBS), "Jobs empty state missing: " + messages);
        // the Templates view always lists the built-in templates, so it has no empty state
        TemplatesView templates = page.findView(ViewIds.TEMPLATES).getAdapter(TemplatesView.class);
        assertTrue(templates.entries().stream().anyMatch(TemplatesView.Entry::builtIn), "built-in templates listed");
        assertTrue(messages.contains(RemoteExplorerView.NOT_CONNECTED), "Remote Explorer empty state missing: " + messages);
        assertEquals("No jobs yet \u2014 create one with File > New Job", JobsView.NO_JOBS);

        UiTestSupport.screenshot(window.getShell(), "main-window");
    }

    private static void collectEmptyStates(Control control, List<String> out) {
        if (control instanceof Label label && Boolean.TRUE.equals(label.getData(EmptyState.KEY))) {
            out.add(label.getText());
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collectEmptyStates(child, out);
            }
        }
    }
}

package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.IConsoleConstants;
import org.junit.jupiter.api.Test;
import org.namdrunner.ui.NamdRunnerPerspective;
import org.namdrunner.ui.views.EmptyState;
import org.namdrunner.ui.views.JobsView;
import org.namdrunner.ui.views.RemoteExplorerView;
import org.namdrunner.ui.views.TemplatesView;
import org.namdrunner.ui.views.ViewIds;

/** Opens the real NAMDRunner workbench window and checks what a new user sees. */
class MainWindowTest {

    @Test
    void mainWindowHasTitlePerspectiveAndParts() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "no workbench window open");
        Shell shell = window.getShell();
        assertEquals("NAMDRunner", shell.getText());

        IWorkbenchPage page = window.getActivePage();
        assertEquals(NamdRunnerPerspective.ID, page.getPerspective().getId());
        for (String id : List.of(ViewIds.JOBS, ViewIds.TEMPLATES, ViewIds.REMOTE_EXPLORER,
                IConsoleConstants.ID_CONSOLE_VIEW, IPageLayout.ID_PROGRESS_VIEW)) {
            IViewReference ref = page.findViewReference(id);
            assertNotNull(ref, "view missing from the perspective: " + id);
        }
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
        assertTrue(messages.contains(TemplatesView.NO_TEMPLATES), "Templates empty state missing: " + messages);
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

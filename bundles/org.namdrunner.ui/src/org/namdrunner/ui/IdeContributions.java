package org.namdrunner.ui;

import java.util.List;

import org.eclipse.ui.IPerspectiveDescriptor;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PerspectiveAdapter;

/**
 * Keeps the text editors' IDE navigation buttons (previous/next annotation, last/next edit location: action sets
 * of org.eclipse.ui.editors that are on in every perspective) off the main toolbar, also after Reset Perspective.
 * Their commands and key bindings (Ctrl+. / Ctrl+, / Ctrl+Q) keep working in the template editor. (Activities hide
 * the stray preference pages; they do not reach action sets that are on by default.)
 */
public final class IdeContributions {

    /** Action sets hidden in every NAMDRunner window. */
    public static final List<String> HIDDEN_ACTION_SETS = List.of("org.eclipse.ui.edit.text.actionSet.annotationNavigation",
            "org.eclipse.ui.edit.text.actionSet.navigation");

    private IdeContributions() {
    }

    /** Hides the action sets in the window's pages now and whenever a perspective is activated or reset. */
    public static void install(IWorkbenchWindow window) {
        for (IWorkbenchPage page : window.getPages()) {
            hide(page);
        }
        window.addPerspectiveListener(new PerspectiveAdapter() {
            @Override
            public void perspectiveActivated(IWorkbenchPage page, IPerspectiveDescriptor perspective) {
                hide(page);
            }

            @Override
            public void perspectiveChanged(IWorkbenchPage page, IPerspectiveDescriptor perspective, String changeId) {
                if (IWorkbenchPage.CHANGE_RESET_COMPLETE.equals(changeId)) {
                    hide(page);
                }
            }
        });
    }

    private static void hide(IWorkbenchPage page) {
        for (String id : HIDDEN_ACTION_SETS) {
            page.hideActionSet(id);
        }
    }
}

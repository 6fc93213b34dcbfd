package org.namdrunner.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.console.IConsoleConstants;
import org.namdrunner.ui.views.ViewIds;

/**
 * The NAMDRunner perspective: Templates, Automations and Remote Explorer on the left, the editor area (job and template
 * editors) in the middle, Jobs, Console, Progress and Problems below it.
 */
public class NamdRunnerPerspective implements IPerspectiveFactory {

    public static final String ID = "org.namdrunner.ui.perspective";
    public static final String LEFT_STACK = "org.namdrunner.ui.stack.left";
    public static final String BOTTOM_STACK = "org.namdrunner.ui.stack.bottom";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        layout.setEditorAreaVisible(true);

        IFolderLayout left = layout.createFolder(LEFT_STACK, IPageLayout.LEFT, 0.3f, editorArea);
        left.addView(ViewIds.TEMPLATES);
        left.addView(ViewIds.AUTOMATIONS);
        left.addView(ViewIds.REMOTE_EXPLORER);

        IFolderLayout bottom = layout.createFolder(BOTTOM_STACK, IPageLayout.BOTTOM, 0.45f, editorArea);
        bottom.addView(ViewIds.JOBS);
        bottom.addView(IConsoleConstants.ID_CONSOLE_VIEW);
        bottom.addView(IPageLayout.ID_PROGRESS_VIEW);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);

        layout.addShowViewShortcut(ViewIds.JOBS);
        layout.addShowViewShortcut(ViewIds.TEMPLATES);
        layout.addShowViewShortcut(ViewIds.AUTOMATIONS);
        layout.addShowViewShortcut(ViewIds.REMOTE_EXPLORER);
        layout.addShowViewShortcut(IConsoleConstants.ID_CONSOLE_VIEW);
        layout.addShowViewShortcut(IPageLayout.ID_PROGRESS_VIEW);
        layout.addShowViewShortcut(IPageLayout.ID_PROBLEM_VIEW);
        layout.addShowViewShortcut(IPageLayout.ID_OUTLINE);
    }
}

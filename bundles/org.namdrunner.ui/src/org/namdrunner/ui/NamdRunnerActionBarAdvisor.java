package org.namdrunner.ui;

import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ContributionItemFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

/**
 * Menu skeleton with the standard group ids (file/new, window, help/additions) so that commands contributed
 * through org.eclipse.ui.menus (ours and p2's "Install New Software...") land where Eclipse users expect them.
 */
public class NamdRunnerActionBarAdvisor extends ActionBarAdvisor {

    public NamdRunnerActionBarAdvisor(IActionBarConfigurer configurer) {
        super(configurer);
    }

    @Override
    protected void fillMenuBar(IMenuManager menuBar) {
        IWorkbenchWindow window = getActionBarConfigurer().getWindowConfigurer().getWindow();

        MenuManager file = new MenuManager("&File", IWorkbenchActionConstants.M_FILE);
        file.add(new GroupMarker(IWorkbenchActionConstants.NEW_EXT));
        file.add(new Separator());
        file.add(action(ActionFactory.CLOSE.create(window)));
        file.add(new Separator(IWorkbenchActionConstants.SAVE_GROUP));
        file.add(action(ActionFactory.SAVE.create(window)));
        file.add(action(ActionFactory.SAVE_AS.create(window)));
        file.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        file.add(new Separator());
        file.add(action(ActionFactory.QUIT.create(window)));
        menuBar.add(file);

        // the standard edit groups and actions: text editors contribute to them (find.ext, ...)
        MenuManager edit = new MenuManager("&Edit", IWorkbenchActionConstants.M_EDIT);
        edit.add(new GroupMarker(IWorkbenchActionConstants.EDIT_START));
        edit.add(action(ActionFactory.UNDO.create(window)));
        edit.add(action(ActionFactory.REDO.create(window)));
        edit.add(new GroupMarker(IWorkbenchActionConstants.UNDO_EXT));
        edit.add(new Separator());
        edit.add(action(ActionFactory.CUT.create(window)));
        edit.add(action(ActionFactory.COPY.create(window)));
        edit.add(action(ActionFactory.PASTE.create(window)));
        edit.add(new GroupMarker(IWorkbenchActionConstants.CUT_EXT));
        edit.add(new Separator());
        edit.add(action(ActionFactory.DELETE.create(window)));
        edit.add(action(ActionFactory.SELECT_ALL.create(window)));
        edit.add(new Separator());
        edit.add(action(ActionFactory.FIND.create(window)));
        edit.add(new GroupMarker(IWorkbenchActionConstants.FIND_EXT));
        edit.add(new Separator(IWorkbenchActionConstants.ADD_EXT));
        edit.add(new GroupMarker(IWorkbenchActionConstants.EDIT_END));
        edit.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        menuBar.add(edit);

        menuBar.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));

        MenuManager windowMenu = new MenuManager("&Window", IWorkbenchActionConstants.M_WINDOW);
        MenuManager showView = new MenuManager("Show &View", "showView");
        showView.add(ContributionItemFactory.VIEWS_SHORTLIST.create(window));
        windowMenu.add(showView);
        windowMenu.add(action(ActionFactory.RESET_PERSPECTIVE.create(window)));
        windowMenu.add(new Separator());
        windowMenu.add(action(ActionFactory.PREFERENCES.create(window)));
        windowMenu.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        menuBar.add(windowMenu);

        MenuManager help = new MenuManager("&Help", IWorkbenchActionConstants.M_HELP);
        help.add(new GroupMarker(IWorkbenchActionConstants.HELP_START));
        help.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        help.add(new GroupMarker(IWorkbenchActionConstants.HELP_END));
        help.add(new Separator());
        help.add(action(ActionFactory.ABOUT.create(window)));
        menuBar.add(help);
    }

    @Override
    protected void fillStatusLine(org.eclipse.jface.action.IStatusLineManager statusLine) {
        statusLine.add(new org.namdrunner.ui.remote.ConnectionStatusItem());
    }

    private IAction action(IAction action) {
        register(action);
        return action;
    }
}

package org.namdrunner.ui.tests;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.namdrunner.store.Store;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.views.TemplatesView;
import org.namdrunner.ui.views.ViewIds;

/**
 * What the Templates view's tests share: no user templates in the store, the view shown, file questions answered by
 * the test ({@link #files}); {@link #close()} closes the editors and stops answering.
 */
final class TemplatesViewFixture implements AutoCloseable {

    final TestFilePrompts files = TestFilePrompts.register();
    final IWorkbenchPage page;
    final TemplatesView view;

    TemplatesViewFixture() throws PartInitException {
        Store store = NamdRunnerUi.store();
        store.templates().list().forEach(t -> store.templates().delete(t.id()));
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        view = page.showView(ViewIds.TEMPLATES).getAdapter(TemplatesView.class);
        view.refresh(null);
        UiTestSupport.settle(Display.getCurrent());
    }

    @Override
    public void close() {
        files.close();
        page.closeAllEditors(false);
        UiTestSupport.settle(Display.getCurrent());
    }
}

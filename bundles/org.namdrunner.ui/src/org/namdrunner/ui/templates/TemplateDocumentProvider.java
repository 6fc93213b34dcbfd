package org.namdrunner.ui.templates;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.source.AnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.ui.editors.text.StorageDocumentProvider;
import org.namdrunner.core.model.TemplateRecord;
import org.namdrunner.store.StaleRecordException;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * Documents of {@link TemplateEditorInput}s (registered for that input type in plugin.xml): built-in templates are
 * read-only; a user template is saved to the store only when nobody changed it meanwhile (the store's version
 * check), otherwise the save fails with a message and nothing is overwritten. A save that changes the text is a new
 * revision, with the comment the input holds for it (none unless Save with Comment… set one).
 */
public class TemplateDocumentProvider extends StorageDocumentProvider {

    @Override
    protected void doSaveDocument(IProgressMonitor monitor, Object element, IDocument document, boolean overwrite)
            throws CoreException {
        if (!(element instanceof TemplateEditorInput input)) {
            super.doSaveDocument(monitor, element, document, overwrite);
            return;
        }
        if (input.builtIn()) {
            throw new CoreException(Status.error("Built-in templates are read-only: duplicate the template in the "
                    + "Templates view and edit the copy"));
        }
        String comment = input.takeComment();
        try {
            TemplateRecord stored = NamdRunnerUi.store().templates().find(input.id()).orElseThrow(
                    () -> new CoreException(Status.error("Template '" + input.getName() + "' was deleted meanwhile; "
                            + "copy your text before closing the editor")));
            TemplateRecord saved = NamdRunnerUi.store().templates().save(
                    new TemplateRecord(stored.id(), stored.name(), false, document.get(), input.version(), stored.updated()),
                    comment);
            input.saved(saved.text(), saved.version());
        } catch (StaleRecordException e) {
            throw new CoreException(new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, e.getMessage(), e));
        } catch (RuntimeException e) {
            throw new CoreException(new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID,
                    "Cannot save template '" + input.getName() + "': " + NamdRunnerUi.message(e), e));
        }
        TemplatesChanged.fire();
    }

    /**
     * Templates get an annotation model of their own (a storage input has none by default), so the editor shows its
     * problems as squiggles, ruler and overview marks.
     */
    @Override
    protected IAnnotationModel createAnnotationModel(Object element) throws CoreException {
        return element instanceof TemplateEditorInput ? new AnnotationModel() : super.createAnnotationModel(element);
    }

    @Override
    public boolean isReadOnly(Object element) {
        return element instanceof TemplateEditorInput t ? t.builtIn() : super.isReadOnly(element);
    }

    @Override
    public boolean isModifiable(Object element) {
        return element instanceof TemplateEditorInput t ? !t.builtIn() : super.isModifiable(element);
    }

    @Override
    public String getEncoding(Object element) {
        return element instanceof TemplateEditorInput ? "UTF-8" : super.getEncoding(element);
    }

    @Override
    public String getDefaultEncoding() {
        return "UTF-8";
    }
}

package org.namdrunner.template.ui;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentExtension4;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.reconciler.DirtyRegion;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.reconciler.IReconcilingStrategyExtension;

/**
 * Runs in the reconciler's background thread after the user pauses typing: parses and validates the whole
 * document once ({@link DocumentAnalysis}) and hands the result to the editor, which updates markers or
 * annotations, folding and the outline.
 */
final class NamdReconcilingStrategy implements IReconcilingStrategy, IReconcilingStrategyExtension {

    private final NamdEditor editor;
    private IDocument document;
    private IProgressMonitor monitor;

    NamdReconcilingStrategy(NamdEditor editor) {
        this.editor = editor;
    }

    @Override
    public void setDocument(IDocument document) {
        this.document = document;
    }

    @Override
    public void setProgressMonitor(IProgressMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void initialReconcile() {
        reconcile();
    }

    @Override
    public void reconcile(DirtyRegion dirtyRegion, IRegion subRegion) {
        reconcile();
    }

    @Override
    public void reconcile(IRegion partition) {
        reconcile();
    }

    private void reconcile() {
        IDocument doc = document;
        if (doc == null) {
            return;
        }
        long stamp = doc instanceof IDocumentExtension4 d4 ? d4.getModificationStamp() : IDocumentExtension4.UNKNOWN_MODIFICATION_STAMP;
        String text = doc.get();
        try {
            DocumentAnalysis analysis = DocumentAnalysis.of(text, stamp, editor.fileName(),
                    () -> monitor != null && monitor.isCanceled());
            if (monitor == null || !monitor.isCanceled()) {
                editor.reconciled(doc, analysis);
            }
        } catch (RuntimeException e) {
            Activator.log("Validation of " + editor.fileName() + " failed", e);
        }
    }
}

package org.namdrunner.template.ui;

import org.eclipse.core.resources.IFile;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorMatchingStrategy;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.PartInitException;

/**
 * Editor matching of the NAMD editor: an anchor file of the Problems view ({@link ProblemAnchors}) matches the open
 * editor it stands for, so opening a problem of a template or a file from disk goes to that editor; any other input
 * matches an editor with an equal input.
 */
public class NamdEditorMatching implements IEditorMatchingStrategy {

    @Override
    public boolean matches(IEditorReference editorRef, IEditorInput input) {
        if (input instanceof IFileEditorInput f && ProblemAnchors.isAnchor(f.getFile())) {
            IEditorPart part = editorRef.getEditor(false);
            IFile anchor = part instanceof NamdEditor e ? e.problemAnchor() : null;
            return f.getFile().equals(anchor);
        }
        try {
            return input.equals(editorRef.getEditorInput());
        } catch (PartInitException e) {
            return false;
        }
    }
}

package org.namdrunner.template.ui;

import java.util.List;

import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.model.NamdDocument;

/**
 * Everything the editor derives from one parse of the document: validation problems, outline and folding.
 * Computed by the reconciler off the UI thread.
 *
 * @param text      the analyzed text
 * @param stamp     the document modification stamp the text belongs to
 * @param problems  validation problems
 * @param structure outline and folding
 * @param resource  the parse (read-only once made; hover and completion reuse it while the document is unchanged)
 * @param document  the NAMD analysis of the parse
 */
public record DocumentAnalysis(String text, long stamp, List<EditorProblem> problems, NamdStructure structure, XtextResource resource,
        NamdDocument document) {

    public static DocumentAnalysis of(String text, long stamp, String fileName, CancelIndicator cancel) {
        XtextResource r = EditorProblem.parse(text, fileName);
        List<EditorProblem> problems = EditorProblem.validate(r, text, cancel);
        NamdDocument document = NamdLanguage.analyze(r);
        NamdStructure structure = r.getContents().isEmpty() ? NamdStructure.EMPTY : NamdStructure.of(document);
        return new DocumentAnalysis(text, stamp, problems, structure, r, document);
    }

    /**
     * Whether this analysis describes the document as it is now (same modification stamp, or the same text for
     * documents without stamps): then hover and completion use its parse instead of parsing the text again.
     */
    public boolean isCurrent(org.eclipse.jface.text.IDocument doc) {
        if (doc instanceof org.eclipse.jface.text.IDocumentExtension4 d4
                && d4.getModificationStamp() != org.eclipse.jface.text.IDocumentExtension4.UNKNOWN_MODIFICATION_STAMP) {
            return d4.getModificationStamp() == stamp && doc.getLength() == text.length();
        }
        return doc.get().equals(text);
    }
}

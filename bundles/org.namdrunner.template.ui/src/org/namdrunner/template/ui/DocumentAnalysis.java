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
 */
public record DocumentAnalysis(String text, long stamp, List<EditorProblem> problems, NamdStructure structure) {

    public static DocumentAnalysis of(String text, long stamp, String fileName, CancelIndicator cancel) {
        XtextResource r = EditorProblem.parse(text, fileName);
        List<EditorProblem> problems = EditorProblem.validate(r, text, cancel);
        NamdStructure structure = r.getContents().isEmpty() ? NamdStructure.EMPTY : NamdStructure.of(NamdLanguage.analyze(r));
        return new DocumentAnalysis(text, stamp, problems, structure);
    }
}

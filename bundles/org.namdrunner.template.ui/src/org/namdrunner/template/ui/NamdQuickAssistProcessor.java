package org.namdrunner.template.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.quickassist.IQuickAssistInvocationContext;
import org.eclipse.jface.text.quickassist.IQuickAssistProcessor;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.ui.texteditor.MarkerAnnotation;

/**
 * Quick fixes (Ctrl+1, and a click on a problem in the ruler): validates the current text, takes the problems
 * at the caret (or, when none, on the caret's line) and offers {@link NamdQuickFixes}.
 */
final class NamdQuickAssistProcessor implements IQuickAssistProcessor {

    private final NamdEditor editor;

    NamdQuickAssistProcessor(NamdEditor editor) {
        this.editor = editor;
    }

    @Override
    public String getErrorMessage() {
        return null;
    }

    @Override
    public boolean canFix(Annotation annotation) {
        if (annotation instanceof NamdProblemAnnotation a) {
            return NamdQuickFixes.hasFixes(a.problem().code());
        }
        if (annotation instanceof MarkerAnnotation m && m.getMarker().exists()) {
            return NamdQuickFixes.hasFixes(m.getMarker().getAttribute(NamdEditor.ATTR_CODE, null));
        }
        return false;
    }

    @Override
    public boolean canAssist(IQuickAssistInvocationContext context) {
        return false;
    }

    @Override
    public ICompletionProposal[] computeQuickAssistProposals(IQuickAssistInvocationContext context) {
        String text = context.getSourceViewer().getDocument().get();
        int offset = context.getOffset();
        List<ICompletionProposal> out = new ArrayList<>();
        for (NamdQuickFixes.Fix f : fixesAt(text, offset, editor == null ? "editor.namd" : editor.fileName())) {
            out.add(new CompletionProposal(f.replacement(), f.offset(), f.length(), f.cursor(), null, f.label(), null,
                    preview(text, f)));
        }
        return out.toArray(ICompletionProposal[]::new);
    }

    /** The fixes for the problems at {@code offset}, else for those on its line. */
    static List<NamdQuickFixes.Fix> fixesAt(String text, int offset, String fileName) {
        List<EditorProblem> problems = EditorProblem.validate(text, fileName, null);
        List<EditorProblem> at = new ArrayList<>();
        for (EditorProblem p : problems) {
            if (p.offset() <= offset && offset <= p.offset() + p.length()) {
                at.add(p);
            }
        }
        if (at.isEmpty()) {
            int ls = NamdStructure.lineStart(text, offset);
            int le = NamdStructure.lineEnd(text, offset);
            for (EditorProblem p : problems) {
                if (p.offset() >= ls && p.offset() < Math.max(le, ls + 1)) {
                    at.add(p);
                }
            }
        }
        List<NamdQuickFixes.Fix> out = new ArrayList<>();
        for (EditorProblem p : at) {
            out.addAll(NamdQuickFixes.fixes(text, p));
        }
        return out;
    }

    private static String preview(String text, NamdQuickFixes.Fix f) {
        String after = f.apply(text);
        int ls = NamdStructure.lineStart(after, f.offset());
        int le = NamdStructure.lineEnd(after, f.offset() + f.replacement().length());
        String lines = after.substring(ls, Math.min(le, after.length())).stripTrailing();
        return NamdTextHover.html("After the fix:\n" + lines + (lines.isEmpty() ? "(line removed)" : ""));
    }
}

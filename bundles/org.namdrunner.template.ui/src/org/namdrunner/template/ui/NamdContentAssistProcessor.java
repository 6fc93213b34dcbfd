package org.namdrunner.template.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.namdrunner.template.ide.NamdIdeServices;

/**
 * Completion of the editor: reparses the document and asks the Xtext ide content assist
 * ({@link NamdIdeServices#complete}) for entries, which become JFace proposals with the entry's documentation
 * as additional info. {@code <} activates it automatically (for {@code <<variable>>}).
 */
final class NamdContentAssistProcessor implements IContentAssistProcessor {

    private String error;

    /** The editor whose last parse is reused while the document is unchanged; null: parse each time. */
    private final NamdEditor editor;

    NamdContentAssistProcessor(NamdEditor editor) {
        this.editor = editor;
    }

    @Override
    public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
        error = null;
        String text = viewer.getDocument().get();
        List<ICompletionProposal> out = new ArrayList<>();
        try {
            DocumentAnalysis a = editor == null ? null : editor.lastAnalysis();
            List<ContentAssistEntry> entries = a != null && a.isCurrent(viewer.getDocument())
                    ? NamdIdeServices.get().complete(a.resource(), text, offset)
                    : NamdIdeServices.get().complete(text, offset);
            for (ContentAssistEntry e : entries) {
                out.add(toProposal(e, offset, text));
            }
        } catch (RuntimeException ex) {
            error = "Completion failed: " + ex;
            Activator.log("Completion failed at offset " + offset, ex);
        }
        if (out.isEmpty() && error == null) {
            error = "No completions here";
        }
        return out.toArray(ICompletionProposal[]::new);
    }

    static ICompletionProposal toProposal(ContentAssistEntry e, int offset, String text) {
        String prefix = e.getPrefix() == null ? "" : e.getPrefix();
        int start = offset - prefix.length();
        if (start < 0 || !text.startsWith(prefix, start)) {
            start = offset;
        }
        String proposal = e.getProposal();
        String label = e.getLabel() == null ? proposal : e.getLabel();
        String display = e.getDescription() == null || e.getDescription().isEmpty() ? label : label + " \u2014 " + e.getDescription();
        return new CompletionProposal(proposal, start, offset - start, proposal.length(), null, display, null,
                e.getDocumentation() == null ? null : NamdTextHover.html(e.getDocumentation()));
    }

    @Override
    public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
        return null;
    }

    @Override
    public char[] getCompletionProposalAutoActivationCharacters() {
        return new char[] { '<' };
    }

    @Override
    public char[] getContextInformationAutoActivationCharacters() {
        return null;
    }

    @Override
    public String getErrorMessage() {
        return error;
    }

    @Override
    public IContextInformationValidator getContextInformationValidator() {
        return null;
    }
}

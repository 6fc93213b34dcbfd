package org.namdrunner.template.ide;

import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;

/**
 * Guice bindings of the ide services (content assist, semantic highlighting) of the NAMD template language.
 */
public class NamdIdeModule extends AbstractNamdIdeModule {

    public Class<? extends IdeContentProposalProvider> bindIdeContentProposalProvider() {
        return NamdContentProposalProvider.class;
    }

    public Class<? extends ISemanticHighlightingCalculator> bindISemanticHighlightingCalculator() {
        return NamdSemanticHighlightingCalculator.class;
    }
}

package org.namdrunner.template;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.diagnostics.IDiagnosticConsumer;
import org.eclipse.xtext.linking.ILinker;

/**
 * The grammar has no cross-references, so there is nothing to link. Xtext's default lazy linker still walks the whole
 * tree and installs a content adapter on every object of it: about a fifth of parse + validate on a 10,000-line file.
 */
public class NamdLinker implements ILinker {

    @Override
    public void linkModel(EObject model, IDiagnosticConsumer diagnosticsConsumer) {
        // nothing to link
    }
}

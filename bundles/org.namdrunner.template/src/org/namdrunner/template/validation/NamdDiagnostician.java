package org.namdrunner.template.validation;

import java.util.Map;

import org.eclipse.emf.common.util.DiagnosticChain;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EValidator;
import org.eclipse.xtext.validation.CancelableDiagnostician;

import com.google.inject.Inject;

/**
 * Validates the root {@code Script} only: {@link NamdValidator} analyses the whole file from there (nested bodies are
 * part of that analysis), so visiting every word and part of the tree with the declarative validator's dispatch only
 * costs time (about a tenth of parse + validate on large files).
 */
public class NamdDiagnostician extends CancelableDiagnostician {

    @Inject
    public NamdDiagnostician(EValidator.Registry registry) {
        super(registry);
    }

    @Override
    protected boolean isValidateContentsRecursively() {
        return false;
    }

    @Override
    protected boolean doValidateContents(EObject eObject, DiagnosticChain diagnostics, Map<Object, Object> context) {
        return true;
    }
}

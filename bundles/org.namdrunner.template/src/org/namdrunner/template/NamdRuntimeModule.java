package org.namdrunner.template;

import org.eclipse.xtext.validation.CompositeEValidator;

import com.google.inject.Binder;
import com.google.inject.name.Names;

/**
 * Guice bindings of the NAMD template language runtime.
 */
public class NamdRuntimeModule extends AbstractNamdRuntimeModule {

    /**
     * EMF's generic EObjectValidator checks multiplicities of every node of the parse tree; the grammar cannot
     * produce invalid ones, so it only costs time (about a third of validation on large files).
     */
    public void configureUseEObjectValidator(Binder binder) {
        binder.bindConstant().annotatedWith(Names.named(CompositeEValidator.USE_EOBJECT_VALIDATOR)).to(false);
    }
}

package org.namdrunner.template;

import org.eclipse.emf.ecore.util.Diagnostician;
import org.eclipse.xtext.linking.ILinker;
import org.eclipse.xtext.parser.IAstFactory;
import org.eclipse.xtext.validation.CompositeEValidator;
import org.eclipse.xtext.validation.IResourceValidator;
import org.namdrunner.template.validation.NamdDiagnostician;
import org.namdrunner.template.validation.NamdResourceValidator;

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

    /** No cross-references: nothing to link (see {@link NamdLinker}). */
    @Override
    public Class<? extends ILinker> bindILinker() {
        return NamdLinker.class;
    }

    /** Parse-tree objects without notifications (see {@link NamdAstFactory}). */
    @Override
    public Class<? extends IAstFactory> bindIAstFactory() {
        return NamdAstFactory.class;
    }

    /** Only the root script is validated (see {@link NamdDiagnostician}). */
    @Override
    public Class<? extends Diagnostician> bindDiagnostician() {
        return NamdDiagnostician.class;
    }

    /** No proxies to resolve before validating. */
    public Class<? extends IResourceValidator> bindIResourceValidator() {
        return NamdResourceValidator.class;
    }
}

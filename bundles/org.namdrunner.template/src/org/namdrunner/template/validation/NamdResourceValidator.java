package org.namdrunner.template.validation;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.ResourceValidatorImpl;

/** The default resource validator, without resolving proxies first: the grammar has no cross-references. */
public class NamdResourceValidator extends ResourceValidatorImpl {

    @Override
    protected void resolveProxies(Resource resource, CancelIndicator monitor) {
        // no cross-references, no proxies
    }
}

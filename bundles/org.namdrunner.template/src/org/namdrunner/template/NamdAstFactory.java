package org.namdrunner.template;

import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.parser.DefaultEcoreElementFactory;

/**
 * Creates the parse tree's objects with notifications off. The parser attaches each object's node (an adapter) before
 * it sets the object's features, so every feature set and list add would build a notification for that adapter, which
 * ignores it. Nothing in NAMDRunner changes a parsed tree or listens to it: the tree is parsed anew for each text.
 */
public class NamdAstFactory extends DefaultEcoreElementFactory {

    @Override
    public EObject create(EClassifier classifier) {
        EObject created = super.create(classifier);
        if (created != null) {
            created.eSetDeliver(false);
        }
        return created;
    }
}

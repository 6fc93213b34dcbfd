package org.namdrunner.template.validation;

import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.namd.Script;

/**
 * Xtext validator of the NAMD template language: runs {@link NamdRules} once per file (on the root
 * {@link Script}) and reports each {@link Problem} at its offset. Syntax errors come from the parser.
 */
public class NamdValidator extends AbstractNamdValidator {

    @Check(CheckType.FAST)
    public void checkScript(Script script) {
        if (script.eContainer() != null) {
            return; // nested {...} bodies are part of the root's analysis
        }
        NamdDocument doc = NamdDocument.of(script);
        for (Problem p : NamdRules.validate(doc, ValidationOptions.of(script.eResource()))) {
            String[] data = p.data().toArray(String[]::new);
            if (p.isError()) {
                getMessageAcceptor().acceptError(p.message(), script, p.offset(), p.length(), p.code(), data);
            } else if (p.severity() == Problem.Severity.INFO) {
                getMessageAcceptor().acceptInfo(p.message(), script, p.offset(), p.length(), p.code(), data);
            } else {
                getMessageAcceptor().acceptWarning(p.message(), script, p.offset(), p.length(), p.code(), data);
            }
        }
    }
}

package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.DiagnosticChain;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EDataType;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EValidator;
import org.eclipse.emf.ecore.impl.EValidatorRegistryImpl;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.junit.jupiter.api.Test;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.namd.Command;
import org.namdrunner.template.namd.NamdPackage;
import org.namdrunner.template.validation.NamdDiagnostician;

/**
 * What parse + validate does not do, because it only costs time and memory on large files: the diagnostician hands the
 * root script alone to the validators ({@code NamdValidator} analyses the whole file from there), and the objects of
 * the parse tree send no notifications (nothing listens to them).
 */
class ValidationScopeTest {

    @Test
    void onlyTheRootScriptIsValidated() {
        String text = "structure a.psf\nif {$x > 1} {\n  cutoff [expr {$x + 11}]\n}\nset out ${name}_1.dcd\n";
        XtextResource r = NamdLanguage.parse(text, "t.namd");
        EObject root = r.getContents().get(0);
        List<EObject> visited = new ArrayList<>();
        EValidator.Registry registry = new EValidatorRegistryImpl();
        registry.put(NamdPackage.eINSTANCE, new EValidator() {
            @Override
            public boolean validate(EObject eObject, DiagnosticChain diagnostics, Map<Object, Object> context) {
                return validate(eObject.eClass(), eObject, diagnostics, context);
            }

            @Override
            public boolean validate(EClass eClass, EObject eObject, DiagnosticChain diagnostics, Map<Object, Object> context) {
                visited.add(eObject);
                return true;
            }

            @Override
            public boolean validate(EDataType eDataType, Object value, DiagnosticChain diagnostics, Map<Object, Object> context) {
                return true;
            }
        });
        NamdDiagnostician diagnostician = new NamdDiagnostician(registry);
        NamdLanguage.injector().injectMembers(diagnostician);

        diagnostician.validate(root, new HashMap<>());

        int treeSize = 0;
        for (var it = root.eAllContents(); it.hasNext(); it.next()) {
            treeSize++;
        }
        assertTrue(treeSize > 10, "the text parses into a tree with nested bodies: " + treeSize);
        assertEquals(List.of(root), visited);
    }

    @Test
    void parseTreeObjectsSendNoNotifications() {
        XtextResource r = NamdLanguage.parse("set x 1\nif {$x} {\n  cutoff [expr {$x + 11}] ;# c\n}\n", "t.namd");
        EObject root = r.getContents().get(0);
        List<String> delivering = new ArrayList<>();
        int treeSize = 1;
        if (root.eDeliver()) {
            delivering.add(root.eClass().getName());
        }
        for (var it = root.eAllContents(); it.hasNext();) {
            EObject o = it.next();
            treeSize++;
            if (o.eDeliver()) {
                delivering.add(o.eClass().getName());
            }
        }
        assertTrue(treeSize > 10, "the text parses into a tree with nested bodies: " + treeSize);
        assertEquals(List.of(), delivering);
        // the node model (adapters on the objects) is still there
        INode cutoff = NodeModelUtils.findActualNodeFor(firstCommand(root, "cutoff"));
        assertEquals("cutoff [expr {$x + 11}]", cutoff.getText().strip());
        assertTrue(NamdLanguage.validate("cutof 12\n", "t.namd").stream().anyMatch(NamdLanguage.Finding::error));
    }

    /**
     * The node model has one composite node per word and one per part, none for a line, a blank or the choice of
     * part: lines and blanks are matched in the script and command rules and a word calls its part rules directly.
     * (Through the Line fragment and the Blank and Part rules, as before, the same text had 11 composite nodes.)
     */
    @Test
    void nodeModelHasNoCompositeNodeForBlanksOrPartChoices() {
        XtextResource r = NamdLanguage.parse("  cutoff \\\n 12 \t;# twelve\n", "t.namd");
        assertEquals(List.of(), r.getErrors());
        List<String> composites = new ArrayList<>();
        int leaves = 0;
        for (INode n : r.getParseResult().getRootNode().getAsTreeIterable()) {
            if (n instanceof org.eclipse.xtext.nodemodel.ICompositeNode c) {
                composites.add(c.getSemanticElement().eClass().getName());
            } else {
                leaves++;
            }
        }
        // the root and the script's action, the command, two words and their two texts, the comment: nothing per line
        assertEquals(List.of("Script", "Script", "Command", "Word", "Text", "Word", "Text", "Comment"), composites);
        // WS cutoff WS CONT WS 12 WS SEMI comment NL
        assertEquals(10, leaves);
    }

    private static Command firstCommand(EObject root, String name) {
        for (var it = root.eAllContents(); it.hasNext();) {
            if (it.next() instanceof Command c) {
                INode n = NodeModelUtils.findActualNodeFor(c.getWords().get(0));
                if (n != null && n.getText().equals(name)) {
                    return c;
                }
            }
        }
        return null;
    }
}

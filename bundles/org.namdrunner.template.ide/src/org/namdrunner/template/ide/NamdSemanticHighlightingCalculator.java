package org.namdrunner.template.ide;

import org.eclipse.xtext.ide.editor.syntaxcoloring.DefaultSemanticHighlightingCalculator;
import org.eclipse.xtext.ide.editor.syntaxcoloring.IHighlightedPositionAcceptor;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.catalog.KeywordCatalog;
import org.namdrunner.template.model.DeclarationParser;
import org.namdrunner.template.model.NamdCommand;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.model.NamdWord;
import org.namdrunner.template.model.ValueChecks;

/**
 * Semantic colouring: reports (offset, length, style id from {@link NamdHighlighting}) for keywords,
 * commands, unknown first words, values, Tcl variables, placeholders, comments and declarations.
 */
public class NamdSemanticHighlightingCalculator extends DefaultSemanticHighlightingCalculator {

    @Override
    protected void doProvideHighlightingFor(XtextResource resource, IHighlightedPositionAcceptor acceptor,
            CancelIndicator cancelIndicator) {
        if (resource == null || resource.getContents().isEmpty()) {
            return;
        }
        NamdDocument doc = NamdLanguage.analyze(resource);
        KeywordCatalog catalog = doc.catalog();
        for (NamdDocument.CommentInfo c : doc.comments()) {
            acceptor.addPosition(c.offset(), c.text().length(),
                    DeclarationParser.isDeclaration(c.text()) ? NamdHighlighting.DECLARATION : NamdHighlighting.COMMENT);
        }
        for (NamdCommand c : doc.commands()) {
            if (cancelIndicator.isCanceled()) {
                return;
            }
            NamdWord first = c.first();
            String name = c.name();
            if (!name.isEmpty()) {
                String style;
                if (catalog.command(name).isPresent() || doc.procs().contains(name.toLowerCase()) || catalog.isModuleCommand(name)) {
                    style = catalog.keyword(name).isPresent() && !c.afterRun() ? NamdHighlighting.KEYWORD : NamdHighlighting.COMMAND;
                } else if (catalog.keyword(name.contains("=") ? name.substring(0, name.indexOf('=')) : name).isPresent()) {
                    style = NamdHighlighting.KEYWORD;
                } else {
                    style = NamdHighlighting.UNKNOWN;
                }
                acceptor.addPosition(first.offset(), first.length(), style);
            }
            for (int i = 0; i < c.words().size(); i++) {
                NamdWord w = c.words().get(i);
                for (NamdWord.PlaceholderRef p : w.placeholders()) {
                    acceptor.addPosition(p.offset(), p.length(), NamdHighlighting.PLACEHOLDER);
                }
                if (i == 0 || w.isBraced()) {
                    continue;
                }
                if (w.isLiteral()) {
                    if (w.text().startsWith("\"")) {
                        acceptor.addPosition(w.offset(), w.length(), NamdHighlighting.STRING);
                    } else if (ValueChecks.isNumber(w.value())) {
                        acceptor.addPosition(w.offset(), w.length(), NamdHighlighting.NUMBER);
                    } else if (ValueChecks.isBoolean(w.value())) {
                        acceptor.addPosition(w.offset(), w.length(), NamdHighlighting.BOOLEAN);
                    }
                } else if (w.text().startsWith("$") && w.placeholders().isEmpty()) {
                    acceptor.addPosition(w.offset(), w.length(), NamdHighlighting.VARIABLE);
                }
            }
        }
    }
}

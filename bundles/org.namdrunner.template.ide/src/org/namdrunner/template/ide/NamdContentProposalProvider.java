package org.namdrunner.template.ide;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.resource.XtextResource;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.catalog.KeywordCatalog;
import org.namdrunner.template.catalog.KeywordInfo;
import org.namdrunner.template.catalog.TclCommandInfo;
import org.namdrunner.template.model.Declaration;
import org.namdrunner.template.model.NamdDocument;

/**
 * Content assist of the NAMD template language (bound in {@link NamdIdeModule}):
 * <ul>
 * <li>at the start of a command: NAMD keywords (with their documentation) and Tcl/NAMD commands matching the prefix;</li>
 * <li>after {@code <<}: the variables declared in the file ({@code #@var});</li>
 * <li>as the value of a boolean or enum keyword: its allowed values.</li>
 * </ul>
 * The grammar's own keywords ({, [, ...) are not proposed.
 */
public class NamdContentProposalProvider extends IdeContentProposalProvider {

    private static final Pattern PLACEHOLDER_PREFIX = Pattern.compile("<<([A-Za-z0-9_.\\-]*)$");
    private static final Pattern COMMAND_START = Pattern.compile("(?:^|[;{\\[])[ \\t]*([A-Za-z0-9_\\-]*)$");
    private static final Pattern VALUE_POSITION = Pattern.compile("(?:^|[;{\\[])[ \\t]*([A-Za-z0-9_\\-]+)[ \\t]+(?:=[ \\t]*)?([A-Za-z0-9_\\-.]*)$");

    @Override
    public void createProposals(Collection<ContentAssistContext> contexts, IIdeContentProposalAcceptor acceptor) {
        if (contexts.isEmpty()) {
            return;
        }
        ContentAssistContext ctx = contexts.iterator().next();
        ICompositeNode root = ctx.getRootNode();
        String text = root == null ? "" : root.getText();
        int offset = Math.min(ctx.getOffset(), text.length());
        NamdDocument doc = ctx.getResource() instanceof XtextResource r && !r.getContents().isEmpty()
                ? NamdLanguage.analyze(r) : null;
        propose(text, offset, doc, acceptor);
    }

    /** Computes proposals for {@code text} at {@code offset}. */
    void propose(String text, int offset, NamdDocument doc, IIdeContentProposalAcceptor acceptor) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        String before = text.substring(lineStart, offset);
        KeywordCatalog catalog = KeywordCatalog.standard();
        Matcher ph = PLACEHOLDER_PREFIX.matcher(before);
        if (ph.find()) {
            if (doc == null) {
                return;
            }
            String partial = ph.group(1);
            boolean closed = text.startsWith(">>", offset);
            int priority = 1000;
            for (Declaration d : doc.declarations().values()) {
                if (d.name().startsWith(partial)) {
                    ContentAssistEntry e = new ContentAssistEntry();
                    e.setPrefix("<<" + partial);
                    e.setProposal("<<" + d.name() + (closed ? "" : ">>"));
                    e.setLabel(d.name());
                    e.setDescription(d.type() == null ? "variable" : d.type().label());
                    e.setDocumentation(d.documentation());
                    e.setKind(ContentAssistEntry.KIND_VARIABLE);
                    acceptor.accept(e, priority--);
                }
            }
            return;
        }
        if (before.stripLeading().startsWith("#")) {
            return; // in a comment
        }
        Matcher value = VALUE_POSITION.matcher(before);
        if (value.find()) {
            catalog.keyword(value.group(1)).ifPresent(k -> proposeValues(k, value.group(2), acceptor));
            return;
        }
        Matcher cmd = COMMAND_START.matcher(before);
        if (!cmd.find()) {
            return;
        }
        String prefix = cmd.group(1);
        String lower = prefix.toLowerCase(Locale.ROOT);
        for (KeywordInfo k : catalog.coreKeywords()) {
            if (k.key().startsWith(lower) && !k.key().equals(lower)) {
                ContentAssistEntry e = new ContentAssistEntry();
                e.setPrefix(prefix);
                e.setProposal(k.name());
                e.setLabel(k.name());
                e.setDescription(k.valueDescription());
                e.setDocumentation(k.documentation());
                e.setKind(ContentAssistEntry.KIND_PROPERTY);
                acceptor.accept(e, 600 - Math.min(500, k.name().length()));
            }
        }
        for (TclCommandInfo c : catalog.commands()) {
            if (c.name().toLowerCase(Locale.ROOT).startsWith(lower) && !c.name().equalsIgnoreCase(prefix)
                    && c.kind().startsWith("namd") | c.kind().equals("tcl")) {
                ContentAssistEntry e = new ContentAssistEntry();
                e.setPrefix(prefix);
                e.setProposal(c.name());
                e.setLabel(c.name());
                e.setDescription(c.kind() + " command");
                e.setDocumentation(c.documentation());
                e.setKind(ContentAssistEntry.KIND_FUNCTION);
                acceptor.accept(e, 300);
            }
        }
    }

    private void proposeValues(KeywordInfo k, String prefix, IIdeContentProposalAcceptor acceptor) {
        java.util.List<String> values = k.isBool() ? java.util.List.of("on", "off") : k.isEnum() ? k.enumValues() : java.util.List.of();
        int priority = 500;
        for (String v : values) {
            if (v.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT)) && !v.equalsIgnoreCase(prefix)) {
                ContentAssistEntry e = new ContentAssistEntry();
                e.setPrefix(prefix);
                e.setProposal(v);
                e.setLabel(v);
                e.setDescription(k.name() + " value");
                e.setDocumentation(k.documentation());
                e.setKind(ContentAssistEntry.KIND_VALUE);
                acceptor.accept(e, priority--);
            }
        }
    }
}

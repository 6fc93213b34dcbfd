package org.namdrunner.template.ui;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITypedRegion;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.rules.DefaultDamagerRepairer;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.ITokenScanner;
import org.eclipse.jface.text.rules.Token;
import org.namdrunner.template.catalog.KeywordCatalog;

/**
 * JFace adapter of {@link NamdLexer}: tokens with the {@link NamdStyles} text attributes. Public so that read-only
 * viewers of NAMD configs elsewhere in the workbench colour them exactly like the template editor.
 */
public final class NamdTokenScanner implements ITokenScanner {

    private final NamdLexer lexer = new NamdLexer(KeywordCatalog.standard());
    private final Map<String, IToken> tokens = new HashMap<>();
    private List<NamdLexer.Token> current = Collections.emptyList();
    private int index;
    private NamdLexer.Token token;

    @Override
    public void setRange(IDocument document, int offset, int length) {
        // lex from the start of the first line, so the lexer knows whether a command starts there
        int lineStart = offset;
        try {
            lineStart = document.getLineOffset(document.getLineOfOffset(offset));
        } catch (BadLocationException e) {
            // keep offset
        }
        String text = document.get();
        List<NamdLexer.Token> all = lexer.tokens(text, lineStart, Math.min(text.length(), offset + length));
        // clip to the requested range
        int end = offset + length;
        current = all.stream().filter(t -> t.offset() + t.length() > offset && t.offset() < end)
                .map(t -> {
                    int s = Math.max(t.offset(), offset);
                    int e = Math.min(t.offset() + t.length(), end);
                    return new NamdLexer.Token(s, e - s, t.style());
                }).toList();
        index = 0;
        token = null;
    }

    @Override
    public IToken nextToken() {
        if (index >= current.size()) {
            token = null;
            return Token.EOF;
        }
        token = current.get(index++);
        return tokens.computeIfAbsent(token.style(), s -> new Token(NamdStyles.attribute(s)));
    }

    @Override
    public int getTokenOffset() {
        return token.offset();
    }

    @Override
    public int getTokenLength() {
        return token.length();
    }

    /**
     * Damager/repairer that repaints from the changed line to the end of the document: a quote, a brace or a
     * backslash changes the meaning of what follows. Lexing is linear and cheap (a 500-line file in well under
     * a millisecond); very large documents fall back to repainting the changed lines only.
     */
    static final class DamagerRepairer extends DefaultDamagerRepairer {

        private static final int WHOLE_REST_LIMIT = 200_000;

        DamagerRepairer(ITokenScanner scanner) {
            super(scanner);
        }

        @Override
        public IRegion getDamageRegion(ITypedRegion partition, DocumentEvent e, boolean documentPartitioningChanged) {
            IDocument doc = e.getDocument();
            if (doc.getLength() > WHOLE_REST_LIMIT) {
                return super.getDamageRegion(partition, e, documentPartitioningChanged);
            }
            try {
                int start = doc.getLineOffset(doc.getLineOfOffset(Math.min(e.getOffset(), doc.getLength())));
                int end = partition.getOffset() + partition.getLength();
                return new Region(start, Math.max(0, end - start));
            } catch (BadLocationException ex) {
                return partition;
            }
        }
    }
}

package org.namdrunner.ui.editors;


import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.text.Document;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.jface.text.rules.DefaultDamagerRepairer;
import org.eclipse.jface.text.rules.EndOfLineRule;
import org.eclipse.jface.text.rules.IRule;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.ITokenScanner;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.SingleLineRule;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.jface.text.source.SourceViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.namdrunner.template.ui.NamdLexer;
import org.namdrunner.template.ui.NamdStyles;

/**
 * A read-only, monospaced JFace source viewer with syntax colouring: NAMD configs use the template editor's lexer
 * and colours ({@link NamdLexer}, {@link NamdStyles}), so a config looks the same here as in the template
 * editor; Slurm scripts get {@code #SBATCH} directives, comments, strings and variables coloured.
 */
public final class ReadOnlyDocumentViewer {

    /** The colourings offered. */
    public enum Language {
        NAMD, SLURM, PLAIN
    }

    private final SourceViewer viewer;
    private final IDocument document = new Document();

    public ReadOnlyDocumentViewer(Composite parent, Language language) {
        viewer = new SourceViewer(parent, null, null, false, SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        viewer.setEditable(false);
        viewer.getTextWidget().setFont(JFaceResources.getTextFont());
        if (language != Language.PLAIN) {
            PresentationReconciler reconciler = new PresentationReconciler();
            DefaultDamagerRepairer dr = new DefaultDamagerRepairer(language == Language.NAMD ? new org.namdrunner.template.ui.NamdTokenScanner() : slurmScanner());
            reconciler.setDamager(dr, IDocument.DEFAULT_CONTENT_TYPE);
            reconciler.setRepairer(dr, IDocument.DEFAULT_CONTENT_TYPE);
            reconciler.install(viewer);
        }
        viewer.setDocument(document);
    }

    public StyledText getTextWidget() {
        return viewer.getTextWidget();
    }

    public SourceViewer getViewer() {
        return viewer;
    }

    public String getText() {
        return document.get();
    }

    /** Replaces the text, keeping the scroll position when the text only grew (logs). */
    public void setText(String text) {
        StyledText st = viewer.getTextWidget();
        int top = st.getTopIndex();
        boolean grew = text.startsWith(document.get()) && !document.get().isEmpty();
        document.set(text);
        if (grew) {
            st.setTopIndex(top);
        }
    }

    /** Scrolls to the last line. */
    public void revealEnd() {
        StyledText st = viewer.getTextWidget();
        st.setTopIndex(Math.max(0, st.getLineCount() - 1));
    }

    private static IToken token(String key, RGB rgb, int style) {
        var colors = JFaceResources.getColorRegistry();
        String k = "org.namdrunner.ui.script." + key;
        if (!colors.hasValueFor(k)) {
            colors.put(k, rgb);
        }
        return new Token(new TextAttribute(colors.get(k), null, style));
    }

    private static ITokenScanner slurmScanner() {
        RuleBasedScanner s = new RuleBasedScanner();
        IToken directive = token("directive", new RGB(0, 0, 192), SWT.BOLD);
        IToken comment = token("comment", new RGB(63, 127, 95), SWT.ITALIC);
        IToken string = token("string", new RGB(42, 0, 255), SWT.NORMAL);
        IToken variable = token("variable", new RGB(176, 90, 0), SWT.NORMAL);
        s.setRules(new IRule[] { new EndOfLineRule("#SBATCH", directive), new EndOfLineRule("#", comment),
                new SingleLineRule("\"", "\"", string, '\\'), new SingleLineRule("'", "'", string),
                new SingleLineRule("${", "}", variable), new VariableRule(variable) });
        return s;
    }

    /** {@code $NAME} shell variables. */
    private static final class VariableRule implements IRule {
        private final IToken token;

        VariableRule(IToken token) {
            this.token = token;
        }

        @Override
        public IToken evaluate(org.eclipse.jface.text.rules.ICharacterScanner scanner) {
            int c = scanner.read();
            if (c != '$') {
                scanner.unread();
                return Token.UNDEFINED;
            }
            int n = 0;
            while (true) {
                c = scanner.read();
                if (c == org.eclipse.jface.text.rules.ICharacterScanner.EOF || !(Character.isLetterOrDigit(c) || c == '_')) {
                    scanner.unread();
                    break;
                }
                n++;
            }
            if (n == 0) {
                scanner.unread();
                return Token.UNDEFINED;
            }
            return token;
        }
    }
}

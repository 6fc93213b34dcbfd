package org.namdrunner.template.ide;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.contentassist.antlr.ContentAssistContextFactory;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.TextRegion;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.catalog.KeywordCatalog;
import org.namdrunner.template.model.Declaration;
import org.namdrunner.template.model.DeclarationParser;
import org.namdrunner.template.model.NamdCommand;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.model.NamdWord;

import com.google.inject.Injector;
import com.google.inject.Provider;

/**
 * Headless facade of the ide services, for editors (org.namdrunner.template.ui feeds these into JFace)
 * and tests. Every method takes the whole document text; nothing here needs a display.
 * <ul>
 * <li>{@link #complete(String, int)} – completion proposals at an offset (Xtext content assist)</li>
 * <li>{@link #hover(String, int)} – documentation of the keyword, command or variable at an offset</li>
 * <li>{@link #highlight(String)} – semantic colouring ranges with {@link NamdHighlighting} style ids</li>
 * </ul>
 */
public final class NamdIdeServices {

    /** A coloured range. */
    public record HighlightedRange(int offset, int length, String style) {
    }

    /** Hover documentation for the range {@code [offset, offset+length)}. */
    public record Hover(int offset, int length, String title, String text) {
    }

    private static volatile NamdIdeServices instance;

    private final Injector injector;
    private final Provider<ContentAssistContextFactory> contextFactory;
    private final IdeContentProposalProvider proposalProvider;
    private final Provider<IdeContentProposalAcceptor> acceptorProvider;
    private final ISemanticHighlightingCalculator highlighting;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "namd-content-assist");
        t.setDaemon(true);
        return t;
    });

    private NamdIdeServices(Injector injector) {
        this.injector = injector;
        this.contextFactory = injector.getProvider(ContentAssistContextFactory.class);
        this.proposalProvider = injector.getInstance(IdeContentProposalProvider.class);
        this.acceptorProvider = injector.getProvider(IdeContentProposalAcceptor.class);
        this.highlighting = injector.getInstance(ISemanticHighlightingCalculator.class);
    }

    /** The shared instance (creates the ide injector on first use, ~1 s). */
    public static NamdIdeServices get() {
        NamdIdeServices s = instance;
        if (s == null) {
            synchronized (NamdIdeServices.class) {
                s = instance;
                if (s == null) {
                    Injector inj = new NamdIdeSetup().createInjectorAndDoEMFRegistration();
                    NamdLanguage.useInjector(inj);
                    s = new NamdIdeServices(inj);
                    instance = s;
                }
            }
        }
        return s;
    }

    public Injector injector() {
        return injector;
    }

    /** Parses text (see {@link NamdLanguage#parse}). */
    public XtextResource parse(String text) {
        return NamdLanguage.parse(text, "editor.namd");
    }

    /** Completion proposals at {@code offset}, best first. */
    public List<ContentAssistEntry> complete(String text, int offset) {
        return complete(parse(text), text, offset);
    }

    /**
     * Completion proposals at {@code offset} on an already parsed {@code resource} of exactly {@code text} (an editor's
     * last parse), without parsing again.
     */
    public List<ContentAssistEntry> complete(XtextResource resource, String text, int offset) {
        ContentAssistContextFactory factory = contextFactory.get();
        factory.setPool(pool);
        ContentAssistContext[] contexts = factory.create(text, new TextRegion(offset, 0), offset, resource);
        IdeContentProposalAcceptor acceptor = acceptorProvider.get();
        proposalProvider.createProposals(List.of(contexts), acceptor);
        List<ContentAssistEntry> out = new ArrayList<>();
        acceptor.getEntries().forEach(out::add);
        return out;
    }

    /** Semantic highlighting ranges, sorted by offset. */
    public List<HighlightedRange> highlight(String text) {
        return highlight(parse(text));
    }

    /** Semantic highlighting ranges of an already parsed resource, sorted by offset. */
    public List<HighlightedRange> highlight(XtextResource resource) {
        List<HighlightedRange> out = new ArrayList<>();
        highlighting.provideHighlightingFor(resource, (offset, length, ids) -> {
            for (String id : ids) {
                out.add(new HighlightedRange(offset, length, id));
            }
        }, CancelIndicator.NullImpl);
        out.sort(Comparator.comparingInt(HighlightedRange::offset));
        return out;
    }

    /** Documentation for what is at {@code offset}: a keyword, a command, a placeholder or a declaration. */
    public Optional<Hover> hover(String text, int offset) {
        return hover(NamdLanguage.analyze(parse(text)), offset);
    }

    /** Documentation for what is at {@code offset} of an already analyzed document, without parsing again. */
    public Optional<Hover> hover(NamdDocument doc, int offset) {
        KeywordCatalog catalog = doc.catalog();
        for (NamdCommand c : doc.commands()) {
            for (NamdWord w : c.words()) {
                for (NamdWord.PlaceholderRef p : w.placeholders()) {
                    if (offset >= p.offset() && offset < p.offset() + p.length()) {
                        Declaration d = doc.declarations().get(p.name());
                        return Optional.of(new Hover(p.offset(), p.length(), "<<" + p.name() + ">>",
                                d == null ? "Undeclared template variable: add '#@var " + p.name() + " type=...'" : d.documentation()));
                    }
                }
            }
            NamdWord first = c.first();
            if (offset >= first.offset() && offset < first.end() && !c.name().isEmpty()) {
                String name = c.name().contains("=") ? c.name().substring(0, c.name().indexOf('=')) : c.name();
                var kw = catalog.keyword(name);
                if (kw.isPresent() && !(c.afterRun() && catalog.command(name).isPresent())) {
                    return Optional.of(new Hover(first.offset(), first.length(), kw.get().name(), kw.get().documentation()));
                }
                var cmd = catalog.command(name);
                if (cmd.isPresent()) {
                    return Optional.of(new Hover(first.offset(), first.length(), cmd.get().name(), cmd.get().documentation()));
                }
                if (doc.procs().contains(name.toLowerCase())) {
                    return Optional.of(new Hover(first.offset(), first.length(), name, "Tcl proc defined in this file"));
                }
            }
        }
        for (NamdDocument.CommentInfo ci : doc.comments()) {
            if (offset >= ci.offset() && offset < ci.offset() + ci.text().length() && DeclarationParser.isDeclaration(ci.text())) {
                for (Declaration d : doc.declarations().values()) {
                    if (d.offset() == ci.offset()) {
                        return Optional.of(new Hover(ci.offset(), ci.text().length(), "<<" + d.name() + ">>", d.documentation()));
                    }
                }
            }
        }
        return Optional.empty();
    }
}

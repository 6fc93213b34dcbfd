package org.namdrunner.template.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.namdrunner.template.catalog.KeywordCatalog;
import org.namdrunner.template.model.NamdCommand.Certainty;
import org.namdrunner.template.namd.Command;
import org.namdrunner.template.namd.Comment;
import org.namdrunner.template.namd.Script;
import org.namdrunner.template.namd.Word;

/**
 * The NAMD meaning of a parsed script: commands in source order with their context (certain, conditional
 * or dead code; inside a proc; after the first run), comments, template declarations and placeholders.
 * Built from the Xtext model in one pass; independent of validation so editors, the renderer and the CLI
 * share it.
 */
public final class NamdDocument {

    /** A comment with its position. */
    public record CommentInfo(String text, int offset, boolean trailing) {
    }

    /** A declaration comment that could not be parsed. */
    public record DeclarationError(String message, int offset, int length) {
    }

    private final String text;
    private final List<NamdCommand> commands = new ArrayList<>();
    private final List<CommentInfo> comments = new ArrayList<>();
    private final Map<String, Declaration> declarations = new LinkedHashMap<>();
    private final List<Declaration> duplicateDeclarations = new ArrayList<>();
    private final List<DeclarationError> declarationErrors = new ArrayList<>();
    private final List<NamdWord.PlaceholderRef> placeholders = new ArrayList<>();
    private final List<String> procs = new ArrayList<>();
    private boolean sourcesOtherFiles;
    private boolean certainRunSeen;
    private final KeywordCatalog catalog;

    private NamdDocument(String text, KeywordCatalog catalog) {
        this.text = text;
        this.catalog = catalog;
    }

    /** Analyzes a parsed script; {@code text} is the full document text the script was parsed from. */
    public static NamdDocument of(Script script, String text, KeywordCatalog catalog) {
        NamdDocument d = new NamdDocument(text, catalog);
        if (script != null) {
            d.walk(script, Certainty.CERTAIN, false);
        }
        return d;
    }

    /** Analyzes the root object of a resource (text from its node model). */
    public static NamdDocument of(Script script) {
        ICompositeNode node = script == null ? null : NodeModelUtils.getNode(script);
        String text = node == null ? "" : node.getRootNode().getText();
        return of(script, text, KeywordCatalog.standard());
    }

    private void walk(Script script, Certainty certainty, boolean inProc) {
        List<EObject> elements = script.getElements();
        for (int i = 0; i < elements.size(); i++) {
            EObject e = elements.get(i);
            if (e instanceof Comment c) {
                INode n = NodeModelUtils.findActualNodeFor(c);
                if (n == null) {
                    continue;
                }
                String t = c.getText() == null ? n.getText() : c.getText();
                boolean trailing = i > 0 && elements.get(i - 1) instanceof Command && sameLine(elements.get(i - 1), c);
                comments.add(new CommentInfo(t, n.getOffset(), trailing));
                if (DeclarationParser.isDeclaration(t)) {
                    DeclarationParser.Result r = DeclarationParser.parse(t.stripTrailing(), n.getOffset());
                    if (r.error() != null) {
                        declarationErrors.add(new DeclarationError(r.error(), n.getOffset(), t.stripTrailing().length()));
                    } else if (declarations.containsKey(r.declaration().name())) {
                        duplicateDeclarations.add(r.declaration());
                    } else {
                        declarations.put(r.declaration().name(), r.declaration());
                    }
                }
            } else if (e instanceof Command cmd) {
                String trailing = null;
                if (i + 1 < elements.size() && elements.get(i + 1) instanceof Comment c && sameLine(cmd, c)) {
                    trailing = c.getText();
                }
                handleCommand(cmd, certainty, inProc, trailing);
            }
        }
    }

    private boolean sameLine(EObject a, EObject b) {
        INode na = NodeModelUtils.findActualNodeFor(a);
        INode nb = NodeModelUtils.findActualNodeFor(b);
        if (na == null || nb == null) {
            return false;
        }
        int from = na.getEndOffset();
        int to = nb.getOffset();
        if (from > to || to > text.length()) {
            return false;
        }
        String between = text.substring(from, to);
        return between.indexOf('\n') < 0 && between.indexOf('\r') < 0 && between.indexOf(';') < 0;
    }

    private void handleCommand(Command cmd, Certainty certainty, boolean inProc, String trailing) {
        List<NamdWord> words = new ArrayList<>();
        for (Word w : cmd.getWords()) {
            INode n = NodeModelUtils.findActualNodeFor(w);
            if (n == null) {
                continue;
            }
            words.add(new NamdWord(w, n.getOffset(), n.getText()));
        }
        if (words.isEmpty()) {
            return;
        }
        for (NamdWord w : words) {
            placeholders.addAll(w.placeholders());
        }
        NamdCommand c = new NamdCommand(cmd, List.copyOf(words), certainty, inProc, certainRunSeen, trailing);
        commands.add(c);
        String name = c.name().toLowerCase(Locale.ROOT);
        switch (name) {
            case "if" -> walkIf(words, certainty, inProc);
            case "for", "foreach", "while", "lmap" -> walkBody(words.get(words.size() - 1), weaker(certainty, Certainty.CONDITIONAL), inProc);
            case "catch", "time" -> {
                if (words.size() > 1) {
                    walkBody(words.get(1), weaker(certainty, Certainty.CONDITIONAL), inProc);
                }
            }
            case "proc" -> {
                if (words.size() >= 2 && words.get(1).isLiteral()) {
                    procs.add(words.get(1).value().toLowerCase(Locale.ROOT));
                }
                if (words.size() == 4) {
                    walkBody(words.get(3), weaker(certainty, Certainty.CONDITIONAL), true);
                }
            }
            case "source" -> sourcesOtherFiles = true;
            case "run", "minimize", "startup" -> {
                if (certainty == Certainty.CERTAIN && !inProc) {
                    certainRunSeen = true;
                }
            }
            default -> {
            }
        }
    }

    private void walkIf(List<NamdWord> words, Certainty certainty, boolean inProc) {
        int i = 1;
        boolean decided = false; // an earlier branch is certainly taken
        boolean uncertain = false; // an earlier condition is not constant
        while (i < words.size()) {
            NamdWord cond = words.get(i++);
            if (i < words.size() && "then".equals(words.get(i).value())) {
                i++;
            }
            if (i >= words.size()) {
                return;
            }
            NamdWord body = words.get(i++);
            Boolean value = cond.isLiteral() ? ValueChecks.booleanValue(cond.value()) : null;
            Certainty branch;
            if (decided || Boolean.FALSE.equals(value)) {
                branch = Certainty.DEAD;
            } else if (Boolean.TRUE.equals(value) && !uncertain) {
                branch = Certainty.CERTAIN;
                decided = true;
            } else {
                branch = Certainty.CONDITIONAL;
                if (value == null) {
                    uncertain = true;
                } else {
                    decided = true;
                }
            }
            walkBody(body, weaker(certainty, branch), inProc);
            if (i >= words.size()) {
                return;
            }
            String kw = words.get(i).value();
            if ("elseif".equals(kw)) {
                i++;
                continue;
            }
            if ("else".equals(kw)) {
                i++;
            }
            if (i < words.size()) {
                walkBody(words.get(i), weaker(certainty, decided ? Certainty.DEAD : uncertain ? Certainty.CONDITIONAL : Certainty.CERTAIN), inProc);
            }
            return;
        }
    }

    private static Certainty weaker(Certainty a, Certainty b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    private void walkBody(NamdWord w, Certainty certainty, boolean inProc) {
        if (w.isBraced() && w.bracedPart().getBody() != null) {
            boolean saved = certainRunSeen;
            walk(w.bracedPart().getBody(), certainty, inProc);
            if (certainty != Certainty.CERTAIN || inProc) {
                certainRunSeen = saved;
            }
        }
    }

    public String text() {
        return text;
    }

    public KeywordCatalog catalog() {
        return catalog;
    }

    /** All commands in source order (including those in if/loop/proc bodies, after their parent command). */
    public List<NamdCommand> commands() {
        return Collections.unmodifiableList(commands);
    }

    public List<CommentInfo> comments() {
        return Collections.unmodifiableList(comments);
    }

    /** Declared template variables by name, in declaration order. */
    public Map<String, Declaration> declarations() {
        return Collections.unmodifiableMap(declarations);
    }

    public List<Declaration> duplicateDeclarations() {
        return Collections.unmodifiableList(duplicateDeclarations);
    }

    public List<DeclarationError> declarationErrors() {
        return Collections.unmodifiableList(declarationErrors);
    }

    /** All {@code <<name>>} placeholders in commands. */
    public List<NamdWord.PlaceholderRef> placeholders() {
        return Collections.unmodifiableList(placeholders);
    }

    /** True when the file is a template (declares variables or uses placeholders). */
    public boolean isTemplate() {
        return !declarations.isEmpty() || !placeholders.isEmpty() || !declarationErrors.isEmpty();
    }

    /** Names of procs the script defines (lower case). */
    public List<String> procs() {
        return Collections.unmodifiableList(procs);
    }

    /** True when the script runs {@code source} (settings may come from another file). */
    public boolean sourcesOtherFiles() {
        return sourcesOtherFiles;
    }

    /** 1-based line of an offset. */
    public int line(int offset) {
        return lineOf(text, offset);
    }

    /** 1-based line of {@code offset} in {@code text}. */
    public static int lineOf(String text, int offset) {
        int line = 1;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column of an offset. */
    public int column(int offset) {
        int end = Math.min(offset, text.length());
        int start = text.lastIndexOf('\n', end - 1) + 1;
        return end - start + 1;
    }
}

package org.namdrunner.template.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * A read of a Tcl variable ({@code $name}, {@code ${name}}, {@code $name(i)}, {@code set name}) in code that Tcl
     * evaluates; {@code name} is without a leading {@code ::} and without an array index.
     */
    public record VariableRead(String name, int offset, int length, NamdCommand command) {
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
    private final List<String> procsWithRun = new ArrayList<>();
    private final List<NamdCommand> runCommands = new ArrayList<>();
    private final List<NamdCommand> sourceCommands = new ArrayList<>();
    private final Set<String> setVariables = new HashSet<>();
    /** names a set, foreach, for, incr, append or lappend assigns (not global, upvar, proc arguments or guards) */
    private final Set<String> assignedVariables = new HashSet<>();
    private final List<VariableRead> variableReads = new ArrayList<>();
    private boolean dynamicVariableNames;
    /** offset of the first command that sets variables with computed names (Integer.MAX_VALUE: none) */
    private int firstDynamicNameOffset = Integer.MAX_VALUE;
    private boolean sourcesOtherFiles;
    /** a run/minimize/startup (or a call of a proc that runs one) has certainly happened before, in execution order */
    private boolean certainRunSeen;
    /** a run may have happened before (in a branch, a loop or a called proc, or certainly) */
    private boolean possibleRunSeen;
    /** how many setter commands anywhere in the file may set each variable (over-approximated, see collectSetters) */
    private final Map<String, Integer> setterCounts = new HashMap<>();
    /** variables set once, at top level, to a literal value before the current command (in walk order) */
    private final Map<String, String> knownValues = new HashMap<>();
    /** a source command was seen (in walk order): a sourced file may set any variable */
    private boolean sourceSeen;
    private final KeywordCatalog catalog;

    private NamdDocument(String text, KeywordCatalog catalog) {
        this.text = text;
        this.catalog = catalog;
    }

    /** Analyzes a parsed script; {@code text} is the full document text the script was parsed from. */
    public static NamdDocument of(Script script, String text, KeywordCatalog catalog) {
        NamdDocument d = new NamdDocument(text, catalog);
        if (script != null) {
            d.collectSetters(script);
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
                INode n = NodeModelUtils.getNode(c);
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
        INode na = NodeModelUtils.getNode(a);
        INode nb = NodeModelUtils.getNode(b);
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
            INode n = NodeModelUtils.getNode(w);
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
        NamdCommand c = new NamdCommand(cmd, List.copyOf(words), certainty, inProc, certainRunSeen || possibleRunSeen, trailing,
                certainRunSeen);
        commands.add(c);
        String name = c.name().toLowerCase(Locale.ROOT);
        boolean setsFromHash = name.equals("set") && words.size() == 2 && words.get(1).isLiteral() && trailing != null
                && !trailing.strip().isEmpty() && trailing.strip().chars().noneMatch(Character::isWhitespace);
        if (setsFromHash) {
            // Tcl: '#' starts a comment only where a command starts, so "set x ###X" sets x to "###X" (a template's
            // placeholder); the grammar reads that '#...' as a trailing comment
            setVariables.add(baseName(words.get(1).value()));
        } else {
            collectReads(c, name);
        }
        if (name.equals("source")) {
            sourceSeen = true;
        }
        if (name.equals("set") && words.size() == 3 && certainty == Certainty.CERTAIN && !inProc && words.get(1).isLiteral()
                && !words.get(1).isBraced() && !words.get(1).value().contains("(") && words.get(2).isLiteral()) {
            knownValues.put(baseName(words.get(1).value()), words.get(2).value());
        }
        switch (name) {
            case "if" -> walkIf(words, certainty, inProc);
            case "for" -> {
                if (words.size() == 5) {
                    walkBody(words.get(1), certainty, inProc);
                }
                walkLoop(words, certainty, inProc);
                if (words.size() == 5) {
                    walkBody(words.get(3), weaker(certainty, Certainty.CONDITIONAL), inProc);
                }
            }
            case "foreach", "while", "lmap" -> walkLoop(words, certainty, inProc);
            case "catch", "time" -> {
                if (words.size() > 1) {
                    walkBody(words.get(1), weaker(certainty, Certainty.CONDITIONAL), inProc);
                }
            }
            case "proc" -> {
                String proc = words.size() >= 2 && words.get(1).isLiteral() ? words.get(1).value().toLowerCase(Locale.ROOT) : null;
                if (proc != null) {
                    procs.add(proc);
                }
                if (words.size() == 4) {
                    if (proc != null && words.get(3).isBraced() && containsRun(words.get(3).bracedPart().getBody())) {
                        procsWithRun.add(proc);
                    }
                    // the body runs when the proc is called: its own runs count inside it, the file's state does not
                    boolean savedCertain = certainRunSeen;
                    boolean savedPossible = possibleRunSeen;
                    certainRunSeen = false;
                    possibleRunSeen = false;
                    walkBody(words.get(3), weaker(certainty, Certainty.CONDITIONAL), true);
                    certainRunSeen = savedCertain;
                    possibleRunSeen = savedPossible;
                }
            }
            case "source" -> {
                sourcesOtherFiles = true;
                sourceCommands.add(c);
            }
            case "run", "minimize", "startup" -> ranHere(c, certainty);
            default -> {
                if (procsWithRun.contains(name)) {
                    ranHere(c, certainty); // a call of a proc defined above that runs or minimizes
                }
            }
        }
    }

    private void ranHere(NamdCommand c, Certainty certainty) {
        if (certainty == Certainty.DEAD) {
            return;
        }
        runCommands.add(c);
        possibleRunSeen = true;
        certainRunSeen = true; // later commands of the same block certainly come after it; blocks restore on exit
    }

    /** A loop body runs again after its own run: when it contains one, all of it counts as after a run. */
    private void walkLoop(List<NamdWord> words, Certainty certainty, boolean inProc) {
        NamdWord body = words.get(words.size() - 1);
        if (words.size() < 3 || !body.isBraced() || body.bracedPart().getBody() == null) {
            return;
        }
        if (certainty != Certainty.DEAD && containsRun(body.bracedPart().getBody())) {
            possibleRunSeen = true;
        }
        walkBody(body, weaker(certainty, Certainty.CONDITIONAL), inProc);
    }

    /** Whether a script runs a simulation: run/minimize/startup, or a call of a proc that does, at any depth. */
    private boolean containsRun(Script script) {
        if (script == null) {
            return false;
        }
        for (Command cmd : allCommands(script)) {
            if (!cmd.getWords().isEmpty()) {
                String first = wordText(cmd.getWords().get(0)).toLowerCase(Locale.ROOT);
                if (first.equals("run") || first.equals("minimize") || first.equals("startup") || procsWithRun.contains(first)) {
                    return true;
                }
            }
        }
        return false;
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
            if (value == null) {
                value = flagCondition(cond);
            }
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

    /** A token of an if condition: operators, parentheses, $var / ${var} / $arr(i), "quoted" (no substitution), words. */
    private static final Pattern CONDITION_TOKEN = Pattern.compile(
            "\\s*(\\|\\||&&|==|!=|<=|>=|<|>|!|\\(|\\)|\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}|\\$[A-Za-z_][A-Za-z0-9_]*(?:\\([^)]*\\))?"
                    + "|\"[^\"\\\\\\[$]*\"|[-+.\\w]+)");

    /**
     * The value of an if condition on flag variables ({@code $min}, {@code !$min}, {@code $min == 1}, {@code $mode eq "npt"},
     * {@code ($shake == "all") || ($shake == "water")}) when each variable it needs is set exactly once in the file, at top
     * level before the if, to a literal value, and no file is sourced before: the common "set min 0 ... if {$min == 1}
     * {minimize ...}" switch. {@code ||} and {@code &&} are decided as Tcl's expr evaluates them, left to right and
     * short-circuit. Null when not known (anything else in the condition: arithmetic, commands, other variables).
     */
    private Boolean flagCondition(NamdWord cond) {
        if (!cond.isBraced() || sourceSeen || dynamicVariableNames) {
            return null;
        }
        List<String> tokens = new ArrayList<>();
        Matcher m = CONDITION_TOKEN.matcher(cond.value());
        int at = 0;
        while (at < cond.value().length() && m.find(at) && m.start() == at) {
            tokens.add(m.group(1));
            at = m.end();
        }
        if (!cond.value().substring(at).isBlank() || tokens.isEmpty()) {
            return null;
        }
        ConditionEvaluator e = new ConditionEvaluator(tokens);
        try {
            Boolean value = e.or();
            return e.at == tokens.size() ? value : null;
        } catch (IllegalArgumentException notDecidable) {
            return null;
        }
    }

    /** Recursive descent over a condition's tokens; null is "not known", a syntax it does not read throws. */
    private final class ConditionEvaluator {
        private final List<String> tokens;
        int at;

        ConditionEvaluator(List<String> tokens) {
            this.tokens = tokens;
        }

        private String peek() {
            return at < tokens.size() ? tokens.get(at) : null;
        }

        private String next() {
            if (at >= tokens.size()) {
                throw new IllegalArgumentException("end of condition");
            }
            return tokens.get(at++);
        }

        Boolean or() {
            return chain("||", this::and, Boolean.TRUE);
        }

        Boolean and() {
            return chain("&&", this::unary, Boolean.FALSE);
        }

        /**
         * Operands joined by {@code op}, left to right: a decisive left value ends it as Tcl's short-circuit does, the
         * other known value passes the decision to the right side, an unknown left side leaves it unknown.
         */
        private Boolean chain(String op, java.util.function.Supplier<Boolean> operand, Boolean decisive) {
            Boolean left = operand.get();
            while (op.equals(peek())) {
                next();
                Boolean right = operand.get();
                left = decisive.equals(left) ? decisive : left == null ? null : right;
            }
            return left;
        }

        Boolean unary() {
            if ("!".equals(peek())) {
                next();
                Boolean v = unary();
                return v == null ? null : !v;
            }
            if ("(".equals(peek())) {
                next();
                Boolean v = or();
                if (!")".equals(next())) {
                    throw new IllegalArgumentException("no )");
                }
                return v;
            }
            String[] a = operand(next());
            String op = peek();
            if (op != null && (op.equals("==") || op.equals("!=") || op.equals("<") || op.equals(">") || op.equals("<=")
                    || op.equals(">=") || op.equals("eq") || op.equals("ne"))) {
                next();
                String[] b = operand(next());
                return a == null || b == null ? null : compare(a[0], op, b[0], a[1] != null || b[1] != null);
            }
            return a == null ? null : tclBoolean(a[0]);
        }

        /** {value, quoted-or-null}; null when a variable's value is not known. */
        private String[] operand(String t) {
            if (t.startsWith("$")) {
                String var = t.startsWith("${") ? t.substring(2, t.length() - 1) : t.substring(1);
                if (var.contains("(")) {
                    return null; // an array element: not a flag variable
                }
                String v = knownValues.get(var);
                return v == null || setterCounts.getOrDefault(var, 0) != 1 ? null : new String[] { v.strip(), null };
            }
            if (t.startsWith("\"")) {
                return new String[] { t.substring(1, t.length() - 1), "quoted" };
            }
            if (t.matches("[-+.\\w]+") && !t.equals("eq") && !t.equals("ne")) {
                return new String[] { t, null };
            }
            throw new IllegalArgumentException("not an operand: " + t);
        }
    }

    private static Boolean tclBoolean(String v) {
        String t = v.strip();
        if (ValueChecks.isNumber(t)) {
            return Double.parseDouble(t) != 0;
        }
        return ValueChecks.booleanValue(t);
    }

    private static Boolean compare(String a, String op, String b, boolean quoted) {
        boolean numbers = !quoted && ValueChecks.isNumber(a) && ValueChecks.isNumber(b);
        if (op.equals("eq") || op.equals("ne") || !numbers && (op.equals("==") || op.equals("!="))) {
            if (!quoted && !op.equals("eq") && !op.equals("ne") && (ValueChecks.isNumber(a) || ValueChecks.isNumber(b))) {
                return null; // "0x1 == 1", "1.0 == 1": Tcl compares as numbers when both parse; not decided here
            }
            boolean same = a.equals(b);
            return op.equals("==") || op.equals("eq") ? same : !same;
        }
        if (!numbers) {
            return null;
        }
        int c = Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            case ">=" -> c >= 0;
            default -> null;
        };
    }

    private static Certainty weaker(Certainty a, Certainty b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    private void walkBody(NamdWord w, Certainty certainty, boolean inProc) {
        if (w.isBraced() && w.bracedPart().getBody() != null) {
            boolean saved = certainRunSeen;
            walk(w.bracedPart().getBody(), certainty, inProc);
            if (certainty != Certainty.CERTAIN || inProc) {
                // a run in a branch, loop or proc body: later commands of the file come after a possible run only
                certainRunSeen = saved;
            }
        }
    }

    // ---------------------------------------------------------------- Tcl variables

    private static final Pattern VAR_REF = Pattern.compile("\\$(?:\\{([^}]*)\\}|((?:::)?[A-Za-z0-9_]+(?:::[A-Za-z0-9_]+)*))");
    private static final Pattern INFO_EXISTS = Pattern.compile("info\\s+exists\\s+\\$?\\{?((?:::)?[A-Za-z0-9_:]+)");
    private static final Pattern SETTER_WORD_SPLIT = Pattern.compile("[\\s{}]+");
    private static final Pattern BRACED_READ = Pattern.compile("\\$\\{[^}]*\\}");
    /** Commands whose literal arguments (after the first) may name variables they set. */
    private static final Set<String> ASSIGNERS = Set.of("set", "incr", "append", "lappend", "foreach");
    private static final Set<String> SETTERS = Set.of("set", "incr", "append", "lappend", "global", "variable", "upvar", "gets",
            "catch", "scan", "regexp", "regsub", "lassign", "binary", "dict", "array", "vwait", "unset", "foreach", "lmap", "proc",
            "trace", "file", "fconfigure", "chan", "namespace");
    /** Variables Tcl itself defines. */
    private static final Set<String> PREDEFINED = Set.of("env", "argv", "argc", "argv0", "auto_path", "auto_index", "tcl_platform",
            "tcl_version", "tcl_patchLevel", "tcl_library", "tcl_interactive", "tcl_pkgPath", "tcl_precision", "errorInfo", "errorCode");

    /** Every name any command anywhere in the file may set (over-approximated: any literal argument of a setter). */
    private void collectSetters(Script script) {
        Matcher guard = INFO_EXISTS.matcher(text);
        while (guard.find()) {
            setVariables.add(baseName(guard.group(1)));
            setterCounts.merge(baseName(guard.group(1)), 2, Integer::sum); // may be set elsewhere: never a known value
        }
        for (Command cmd : allCommands(script)) {
            if (cmd.getWords().isEmpty()) {
                continue;
            }
            String name = wordText(cmd.getWords().get(0)).toLowerCase(Locale.ROOT);
            if (name.equals("eval") || name.equals("uplevel") || name.equals("namespace") || name.equals("upvar")) {
                dynamicVariableNames = true;
                firstDynamicNameOffset = Math.min(firstDynamicNameOffset, offsetOf(cmd));
            }
            if (!SETTERS.contains(name)) {
                continue; // the other words' text is needed for setters only
            }
            List<String> ws = new ArrayList<>(cmd.getWords().size());
            for (Word w : cmd.getWords()) {
                ws.add(wordText(w));
            }
            int from = name.equals("set") && ws.size() == 2 ? ws.size() : 1; // "set x" reads x
            for (int i = from; i < ws.size(); i++) {
                String w = ws.get(i);
                if (w.startsWith("{") && w.endsWith("}")) {
                    w = w.substring(1, w.length() - 1); // foreach {a b} ..., proc p {x {y 1}} ...
                }
                if (i == 1 && (name.equals("set") || name.equals("incr") || name.equals("append") || name.equals("lappend"))
                        && (w.contains("$") || w.contains("["))) {
                    dynamicVariableNames = true; // set $name ...: which variable is not known
                    firstDynamicNameOffset = Math.min(firstDynamicNameOffset, offsetOf(cmd));
                }
                // ${name} reads the variable (set x "a/${name}.pdb"): split at its braces it would look like a name set here
                for (String part : SETTER_WORD_SPLIT.split(BRACED_READ.matcher(w).replaceAll("\\$ "))) {
                    if (!part.isEmpty() && !part.contains("$") && !part.contains("[")) {
                        setVariables.add(baseName(part));
                        setterCounts.merge(baseName(part), 1, Integer::sum);
                        if (i == 1 && ASSIGNERS.contains(name)) {
                            assignedVariables.add(baseName(part));
                        }
                    }
                }
            }
        }
    }

    /** A word's source text, from its token when it is one (no node model lookup). */
    private static String wordText(Word w) {
        String t = NamdWord.tokenText(w);
        if (t != null) {
            return t;
        }
        INode n = NodeModelUtils.getNode(w);
        return n == null ? "" : n.getText();
    }

    /** Where a command starts (its first word), or the end of the text when it has no node. */
    private int offsetOf(Command cmd) {
        INode n = NodeModelUtils.getNode(cmd.getWords().get(0));
        return n == null ? text.length() : n.getOffset();
    }

    /**
     * Every command of a script and of the bodies nested in its words ({...} and [...]), in source order. Follows the
     * grammar's structure instead of {@code eAllContents()}, which visits every word part and text too.
     */
    private static List<Command> allCommands(Script script) {
        List<Command> out = new ArrayList<>();
        addCommands(script, out);
        return out;
    }

    private static void addCommands(Script script, List<Command> out) {
        if (script == null) {
            return;
        }
        for (EObject e : script.getElements()) {
            if (e instanceof Command cmd) {
                out.add(cmd);
                for (Word w : cmd.getWords()) {
                    for (org.namdrunner.template.namd.Part p : w.getParts()) {
                        if (p instanceof org.namdrunner.template.namd.Braced b) {
                            addCommands(b.getBody(), out);
                        } else if (p instanceof org.namdrunner.template.namd.Bracketed b) {
                            addCommands(b.getBody(), out);
                        }
                    }
                }
            }
        }
    }

    private static String baseName(String n) {
        String s = n.startsWith("::") ? n.substring(2) : n;
        int paren = s.indexOf('(');
        return paren > 0 ? s.substring(0, paren) : s;
    }

    private void collectReads(NamdCommand c, String name) {
        List<NamdWord> words = c.words();
        if (name.equals("set") && words.size() == 2 && words.get(1).isLiteral()) {
            addRead(words.get(1).value(), words.get(1).offset(), words.get(1).length(), c);
        }
        for (int i = 0; i < words.size(); i++) {
            NamdWord w = words.get(i);
            boolean expression = name.equals("expr") || (name.equals("while") && i == 1) || (name.equals("for") && i == 2)
                    || (name.equals("if") && (i == 1 || i > 1 && words.get(i - 1).isLiteral()
                            && words.get(i - 1).value().equals("elseif")));
            if (w.isBraced() && !expression) {
                continue; // bodies are walked as commands; other braced words are not substituted
            }
            if (w.text().indexOf('$') < 0) {
                continue;
            }
            Matcher m = VAR_REF.matcher(w.text());
            while (m.find()) {
                if (m.start() > 0 && w.text().charAt(m.start() - 1) == '\\') {
                    continue;
                }
                String v = m.group(1) != null ? m.group(1) : m.group(2);
                addRead(v, w.offset() + m.start(), m.end() - m.start(), c);
            }
        }
    }

    private void addRead(String name, int offset, int length, NamdCommand c) {
        String base = baseName(name);
        if (!base.isEmpty() && !PREDEFINED.contains(base)) {
            variableReads.add(new VariableRead(base, offset, length, c));
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

    /** Names of procs the script defines whose bodies run or minimize (lower case). */
    public List<String> procsWithRun() {
        return Collections.unmodifiableList(procsWithRun);
    }

    /** run/minimize/startup commands and calls of procs that run, outside dead code, in source order. */
    public List<NamdCommand> runCommands() {
        return Collections.unmodifiableList(runCommands);
    }

    /** The {@code source} commands, in source order. */
    public List<NamdCommand> sourceCommands() {
        return Collections.unmodifiableList(sourceCommands);
    }

    /** The names the file assigns with set, foreach, for, incr, append or lappend (a subset of {@link #setVariables()}). */
    public Set<String> assignedVariables() {
        return Collections.unmodifiableSet(assignedVariables);
    }

    /** Every Tcl variable name the file may set (set, foreach, incr, proc arguments, global, info exists guards, ...). */
    public Set<String> setVariables() {
        return Collections.unmodifiableSet(setVariables);
    }

    /** Reads of Tcl variables in evaluated code, in source order. */
    public List<VariableRead> variableReads() {
        return Collections.unmodifiableList(variableReads);
    }

    /** True when the file sets variables whose names are computed ({@code set $n}, upvar, uplevel, eval). */
    public boolean dynamicVariableNames() {
        return dynamicVariableNames;
    }

    /**
     * Offset of the first command (in text order, also in a proc body) that sets variables with computed names: Tcl runs
     * a file top to bottom, so it cannot set a variable for a read of the main script (outside procs) that comes before
     * it. {@code Integer.MAX_VALUE} when there is none.
     */
    public int firstUnknownSetterOffset() {
        return firstDynamicNameOffset;
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

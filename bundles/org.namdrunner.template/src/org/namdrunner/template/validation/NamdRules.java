package org.namdrunner.template.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.namdrunner.template.catalog.KeywordCatalog;
import org.namdrunner.template.catalog.KeywordInfo;
import org.namdrunner.template.model.Declaration;
import org.namdrunner.template.model.NamdCommand;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.model.NamdWord;
import org.namdrunner.template.model.ValueChecks;
import org.namdrunner.template.model.VariableType;
import org.namdrunner.template.validation.Problem.Severity;

/**
 * The NAMD and template validation rules, run over a {@link NamdDocument}. Pure Java (no EMF validator
 * state) so the Xtext validator, the renderer and the command line share them. Rule codes are public
 * constants; docs/TEMPLATE-AUTHOR-GUIDE.md lists them.
 *
 * Principle: only what NAMD itself would reject is an error; Tcl that cannot be evaluated statically
 * ($var, [cmd], sourced files, loops) is never an error.
 */
public final class NamdRules {

    public static final String UNKNOWN_KEYWORD = "namd.unknownKeyword";
    public static final String BAD_VALUE = "namd.badValue";
    public static final String BAD_RANGE = "namd.badRange";
    public static final String BAD_UNIT = "namd.badUnit";
    public static final String PARENT_OFF = "namd.parentOff";
    public static final String REQUIRED_MISSING = "namd.requiredMissing";
    public static final String NOT_SETTABLE_AFTER_RUN = "namd.notSettableAfterRun";
    public static final String ASSIGN_AFTER_RUN = "namd.assignAfterRun";
    public static final String TRAILING_COMMENT_AFTER_RUN = "namd.trailingCommentAfterRun";
    public static final String PME_NEEDS_CELL = "namd.pmeNeedsCell";
    public static final String RESTART_FILES = "namd.restartFiles";
    public static final String CONFLICT = "namd.conflict";
    public static final String DUPLICATE = "namd.duplicate";
    public static final String FREQUENCY = "namd.frequency";
    public static final String NO_RUN = "namd.noRun";
    public static final String BAD_COMMAND_ARG = "namd.badCommandArgument";
    public static final String UNDECLARED_VARIABLE = "template.undeclaredVariable";
    public static final String UNUSED_VARIABLE = "template.unusedVariable";
    public static final String BAD_DEFAULT = "template.badDefault";
    public static final String BAD_DECLARATION = "template.badDeclaration";
    public static final String DUPLICATE_DECLARATION = "template.duplicateDeclaration";
    public static final String VARIABLE_TYPE = "template.variableType";
    public static final String UNSET_VARIABLE = "namd.unsetVariable";
    public static final String DISTANCES = "namd.distances";
    public static final String PME_GRID = "namd.pmeGrid";
    public static final String OTHER_VERSION = "namd.otherVersion";
    public static final String GPU_RESIDENT = "namd.gpuResident";

    /**
     * Switches NAMD 3.0 refuses in GPU-resident mode: SimParameters::check_config (src/SimParameters.C of the 3.0
     * mirror, L4863-4996) dies with "GPUresident is incompatible with the following options" when any is on; L5011
     * and L5014 die for QM forces and LES.
     */
    static final List<String> GPU_RESIDENT_REFUSED_ON = List.of("test", "commOnly", "statsOn", "velocityQuenching",
            "pressureProfile", "accelMD", "adaptTempMD", "molly", "multigrator", "loweAndersen", "langevinBAOAB", "fixedAtoms",
            "gridforce", "mgridforce", "GBIS", "SASA", "zeroMomentum", "FMA", "FullDirect", "MSM", "FMM", "globalTest",
            "dihedral", "BerendsenPressure", "printBadContacts", "freeEnergy", "miscForces", "IMDon", "TMD",
            "symmetryRestraints", "QMForces", "sphericalBC", "cylindricalBC", "extForces", "tabulatedEnergies", "tclBC", "les",
            "GoForcesOn", "pairInteraction", "movDragOn", "rotDragOn", "consTorqueOn", "stirOn", "hbonds", "tCouple", "drude",
            "constantForce");
    /** Switches NAMD 3.0 refuses in GPU-resident mode on more than one GPU (check_config L5031-5043). */
    private static final List<String> GPU_RESIDENT_SINGLE_GPU_ONLY = List.of("constraints", "eFieldOn", "SMD", "MonteCarloPressure");

    /** GPU-resident (NAMD 3) output frequencies that should be multiples of stepspercycle. */
    private static final List<String> GPU_FREQUENCIES = List.of("outputEnergies", "outputPressure", "dcdfreq",
            "xstFreq", "restartfreq", "velDCDfreq", "forceDCDfreq");
    /**
     * Pairs of switches NAMD refuses together at start-up (NAMD_die in SimParameters::check_config, NAMD 3.0 line): the
     * third element is NAMD's message.
     */
    private static final String[][] EXCLUSIVE_ON = {
            // print_config L6496 (2.14b1: L5754): more than one of Berendsen, Langevin piston, Monte Carlo, Multigrator
            { "BerendsenPressure", "LangevinPiston", "Multiple pressure control algorithms selected! (L6496)" },
            { "BerendsenPressure", "MonteCarloPressure", "Multiple pressure control algorithms selected! (L6496)" },
            { "BerendsenPressure", "Multigrator", "Multiple pressure control algorithms selected! (L6496)" },
            { "LangevinPiston", "MonteCarloPressure", "Multiple pressure control algorithms selected! (L6496)" },
            { "LangevinPiston", "Multigrator", "Multiple pressure control algorithms selected! (L6496)" },
            { "MonteCarloPressure", "Multigrator", "Multiple pressure control algorithms selected! (L6496)" },
            { "loweAndersen", "Langevin", "Lowe-Andersen dynamics, Langevin dynamics and temperature coupling are mutually exclusive (L3609)" },
            { "loweAndersen", "tCouple", "Lowe-Andersen dynamics, Langevin dynamics and temperature coupling are mutually exclusive (L3609)" },
            { "COLD", "Langevin", "COLD and Langevin dynamics are mutually exclusive dynamics modes (L3625)" },
            { "COLD", "minimization", "COLD and minimization are mutually exclusive dynamics modes (L3629)" },
            { "COLD", "tCouple", "COLD and temperature coupling are mutually exclusive dynamics modes (L3633)" },
            { "stochRescale", "Langevin", "Stochastic velocity rescaling is incompatible with other temperature control methods (L3759)" },
            { "stochRescale", "loweAndersen", "Stochastic velocity rescaling is incompatible with other temperature control methods (L3759)" },
            { "stochRescale", "tCouple", "Stochastic velocity rescaling is incompatible with other temperature control methods (L3759)" },
            { "GBIS", "fullDirect", "GBIS not compatible with FullDirect (L3551)" },
            { "GBIS", "PME", "GBIS not compatible with PME (L3554)" },
            { "GBIS", "MSM", "GBIS not compatible with MSM (L3557)" },
            { "GBIS", "FMM", "GBIS not compatible with FMM (L3560)" },
            { "GBIS", "alch", "GBIS not compatible with Alchemical Transformations (L3563)" },
            { "GBIS", "les", "GBIS not compatible with Locally Enhanced Sampling (L3566)" },
            { "GBIS", "FMA", "GBIS not compatible with FMA (L3569)" },
            { "GBIS", "drude", "GBIS not compatible with Drude Polarization (L3572)" },
            { "GPUresident", "minimization", "GPUresident does not support \"minimization\" keyword (L4838)" },
            { "CUDASOAintegrate", "minimization", "GPUresident does not support \"minimization\" keyword (L4838)" },
            { "paraTypeXplor", "paraTypeCharmm", "Please specify either XPLOR or CHARMM format for parameters! (L3090)" } };
    /** NAMD 3.0's renamed keywords: {old, new}; both set is fatal (check_config L2718-2784), the old one alone a warning. */
    private static final String[][] RENAMED_IN_3_0 = { { "1-4scaling", "oneFourScaling" }, { "CUDASOAintegrate", "GPUresident" },
            { "CUDAForceTable", "GPUForceTable" }, { "DeviceMigration", "GPUAtomMigration" }, { "usePMECUDA", "usePMEGPU" },
            { "bondedCUDA", "bondedGPU" } };
    /**
     * Names NAMD's scriptSet accepts after the first run that are no config keywords (SimParameters::scriptSet, L100-470
     * of the 3.0 mirror): after a run an unknown command goes to scriptSet (ScriptTcl's "unknown" handler).
     */
    static final Set<String> SCRIPT_ONLY_PARAMETERS = Set.of("initialtemp", "montecarlopressureon", "scriptarg1", "scriptarg2",
            "scriptarg3", "scriptarg4", "scriptarg5", "scriptintarg1", "scriptintarg2", "scriptstringarg1", "scriptstringarg2");
    /** Pairs NAMD accepts but that are almost certainly a mistake (two thermostats fighting). */
    private static final String[][] PROBABLY_EXCLUSIVE_ON = { { "Langevin", "tCouple" } };

    private final NamdDocument doc;
    private final KeywordCatalog catalog;
    private final ValidationOptions options;
    private final List<Problem> problems = new ArrayList<>();
    /** files the config sources, read through the options (in order, each once, nested sources included) */
    private final List<NamdDocument> sourced = new ArrayList<>();
    /** the config sources a file that could not be read: settings, procs and variables may come from it */
    private boolean sourcesUnknown;
    /** keywords (lower case) the sourced files set, and those they turn on */
    private final Set<String> sourcedKeys = new java.util.HashSet<>();
    private final Set<String> sourcedOn = new java.util.HashSet<>();
    private final Set<String> sourcedProcs = new java.util.HashSet<>();
    private final Set<String> sourcedProcsWithRun = new java.util.HashSet<>();
    private final Set<String> sourcedVariables = new java.util.HashSet<>();
    private boolean sourcedRun;

    /** A keyword setting found in the script. */
    record Setting(KeywordInfo keyword, NamdCommand command, List<NamdWord> values) {
        boolean literal() {
            return values.stream().allMatch(NamdWord::isLiteral);
        }

        String value() {
            return String.join(" ", values.stream().map(NamdWord::value).toList());
        }
    }

    private final Map<String, List<Setting>> settings = new LinkedHashMap<>();
    private final List<NamdCommand> runs = new ArrayList<>();

    private NamdRules(NamdDocument doc, ValidationOptions options) {
        this.doc = doc;
        this.catalog = doc.catalog();
        this.options = options == null ? ValidationOptions.DEFAULT : options;
    }

    /** Runs every rule with {@link ValidationOptions#DEFAULT}; problems sorted by offset. */
    public static List<Problem> validate(NamdDocument doc) {
        return validate(doc, ValidationOptions.DEFAULT);
    }

    /** Runs every rule; problems sorted by offset. */
    public static List<Problem> validate(NamdDocument doc, ValidationOptions options) {
        NamdRules r = new NamdRules(doc, options);
        r.readSourcedFiles();
        r.run();
        r.problems.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
        return List.copyOf(r.problems);
    }

    /** Sourced files are followed depth-first (as Tcl runs them) at most this deep, each file once. */
    private static final int MAX_SOURCE_DEPTH = 8;

    private void readSourcedFiles() {
        if (!doc.sourcesOtherFiles()) {
            return;
        }
        if (options.sources() == null) {
            sourcesUnknown = true;
            return;
        }
        follow(doc, new java.util.HashSet<>(), 0);
    }

    private void follow(NamdDocument d, Set<String> seen, int depth) {
        for (NamdCommand c : d.sourceCommands()) {
            if (c.isDead()) {
                continue;
            }
            if (c.words().size() != 2 || !c.words().get(1).isLiteral() || depth >= MAX_SOURCE_DEPTH) {
                sourcesUnknown = true; // source $file, source -encoding ...: not known statically
                continue;
            }
            String path = c.words().get(1).value();
            if (!seen.add(path)) {
                continue;
            }
            Optional<String> text = options.sources().read(path);
            if (text.isEmpty()) {
                sourcesUnknown = true;
                continue;
            }
            NamdDocument s = org.namdrunner.template.NamdLanguage.analyze(
                    org.namdrunner.template.NamdLanguage.parse(text.get(), path));
            sourced.add(s);
            for (NamdCommand sc : s.commands()) {
                if (sc.isDead() || sc.words().size() < 2) {
                    continue;
                }
                catalog.keyword(sc.name()).ifPresent(k -> {
                    sourcedKeys.add(k.key());
                    NamdWord v = sc.words().get(1);
                    if (!v.isLiteral() || !Boolean.FALSE.equals(ValueChecks.booleanValue(v.value()))) {
                        sourcedOn.add(k.key()); // on, or not known to be off
                    }
                });
            }
            sourcedProcs.addAll(s.procs());
            sourcedProcsWithRun.addAll(s.procsWithRun());
            sourcedVariables.addAll(s.setVariables());
            if (s.runCommands().stream().anyMatch(r -> !r.inProc())) {
                sourcedRun = true;
            }
            follow(s, seen, depth + 1);
        }
    }

    /** Whether a sourced file sets the keyword (which value wins then depends on the order). */
    boolean setInSourcedFile(String keyword) {
        return sourcedKeys.contains(keyword.toLowerCase(Locale.ROOT));
    }

    NamdDocument doc() {
        return doc;
    }

    KeywordCatalog catalog() {
        return catalog;
    }

    /** The NAMD release validated for (null: either). */
    org.namdrunner.template.catalog.NamdVersion namdVersion() {
        return options.namdVersion();
    }

    /** True when settings may come from a file that is not known (a sourced file that was not read). */
    boolean sourcesUnknown() {
        return sourcesUnknown;
    }

    /** The file's run commands: run/minimize/startup, calls of its procs that run, and calls of such procs of sourced files. */
    private List<NamdCommand> runs() {
        if (sourcedProcsWithRun.isEmpty()) {
            return doc.runCommands();
        }
        return doc.commands().stream().filter(c -> !c.isDead() && (doc.runCommands().contains(c)
                || sourcedProcsWithRun.contains(c.name().toLowerCase(Locale.ROOT)))).toList();
    }

    /** A file without run, minimize, startup or numsteps (nor any in its sourced files): a part of a config. */
    boolean isFragment() {
        // a run in a proc body runs only when the proc is called (a call is a run command itself)
        if (runs().stream().anyMatch(r -> !r.inProc()) || sourcedRun || present("numsteps")) {
            return false;
        }
        return doc.commands().stream().noneMatch(c -> {
            String n = c.name().toLowerCase(Locale.ROOT);
            return !c.inProc() && (n.equals("run") || n.equals("minimize") || n.equals("startup")) || n.equals("callback");
        });
    }

    private void info(String code, String msg, int offset, int length, String... data) {
        problems.add(new Problem(Severity.INFO, code, msg, offset, Math.max(length, 1), List.of(data)));
    }

    void error(String code, String msg, int offset, int length, String... data) {
        problems.add(new Problem(Severity.ERROR, code, msg, offset, Math.max(length, 1), List.of(data)));
    }

    void warning(String code, String msg, int offset, int length, String... data) {
        problems.add(new Problem(Severity.WARNING, code, msg, offset, Math.max(length, 1), List.of(data)));
    }

    private void run() {
        checkDeclarations();
        for (NamdCommand c : doc.commands()) {
            int before = problems.size();
            checkCommand(c);
            if (c.isDead()) {
                // code that never runs (if {0} ...): NAMD never sees it, so nothing there is an error
                for (int i = before; i < problems.size(); i++) {
                    Problem p = problems.get(i);
                    if (p.isError()) {
                        problems.set(i, new Problem(Severity.WARNING, p.code(), p.message() + " (in code that never runs)",
                                p.offset(), p.length(), p.data()));
                    }
                }
            }
        }
        checkVariables();
        checkDuplicates();
        checkParents();
        checkRequired();
        checkCompanions();
        checkDistances();
        checkPmeGrid();
        checkConflicts();
        checkFrequencies();
        checkGpuResident();
        new StartupChecks(this).run();
        checkRunPresent();
        checkPlaceholders();
    }

    // ---------------------------------------------------------------- commands and values

    private void checkCommand(NamdCommand c) {
        NamdWord first = c.first();
        if (!first.isLiteral() || first.isBraced()) {
            return; // $cmd, [cmd], "..." or {...}: not checkable
        }
        String name = first.value();
        List<NamdWord> values = new ArrayList<>(c.words().subList(1, c.words().size()));
        boolean assign = false;
        int eq = name.indexOf('=');
        if (eq > 0) { // keyword=value or keyword= value
            String rest = name.substring(eq + 1);
            name = name.substring(0, eq);
            assign = true;
            if (!rest.isEmpty() && catalog.keyword(name).isPresent()) {
                // value glued to '=': check it as a literal word
                values.add(0, first);
                Optional<KeywordInfo> k = catalog.keyword(name);
                recordSetting(k.get(), c, List.of());
                checkGluedValue(k.get(), rest, first, c);
                return;
            }
        } else if (!values.isEmpty() && values.get(0).isLiteral() && values.get(0).value().startsWith("=")
                && values.get(0).text().startsWith("=")) {
            assign = true;
            NamdWord eqWord = values.remove(0);
            if (eqWord.value().length() > 1) {
                Optional<KeywordInfo> k = catalog.keyword(name);
                if (k.isPresent()) {
                    recordSetting(k.get(), c, List.of());
                    checkGluedValue(k.get(), eqWord.value().substring(1), eqWord, c);
                    return;
                }
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        Optional<KeywordInfo> kw = catalog.keyword(name);
        boolean isCommand = catalog.command(name).isPresent() || doc.procs().contains(lower) || sourcedProcs.contains(lower)
                || catalog.isModuleCommand(name);
        if (kw.isPresent() && !kw.get().existsIn(options.namdVersion()) && !isCommand) {
            KeywordInfo k = kw.get();
            String other = k.versions().contains("3.0") ? "new in NAMD 3.0" : "removed in NAMD 3.0";
            error(OTHER_VERSION, "NAMD " + options.namdVersion().label() + " has no keyword '" + name + "': it is " + other
                    + " (the job runs NAMD " + options.namdVersion().label() + ")", first.offset(), first.length(), k.name());
            return;
        }
        if (kw.isPresent() && (!isCommand || !c.afterRun() || values.isEmpty())) {
            // before the first run a name that is both keyword and command (structure, output...) is a keyword
            if (isCommand && c.afterRun()) {
                return;
            }
            checkKeyword(kw.get(), c, values, assign);
            return;
        }
        if (isCommand) {
            checkScriptCommand(lower, c);
            return;
        }
        if (lower.startsWith("--") || lower.isEmpty() || !Character.isLetterOrDigit(lower.charAt(0))) {
            return; // command line style or punctuation: not a keyword
        }
        if (c.afterRun() && SCRIPT_ONLY_PARAMETERS.contains(lower)) {
            return; // a parameter only scripts set (StartupChecks checks monteCarloPressureOn)
        }
        List<String> sugg = catalog.suggestions(name, 3);
        String msg = "unknown NAMD keyword or command '" + name + "'";
        if (!sugg.isEmpty()) {
            msg += ": did you mean " + String.join(", ", sugg.stream().map(s -> "'" + s + "'").toList()) + "?";
        }
        Optional<KeywordInfo> slip = catalog.oneSlipFrom(name);
        if (sourcesUnknown() && !c.inProc() && !c.isDead() && !values.isEmpty() && slip.isPresent() && slip.get().isCore()) {
            // one letter off a NAMD keyword, given a value like one: a typo, not a proc of the unread file (NAMD: ParseOptions::set
            // "The following variables were set in the configuration file but are NOT VALID", src/ParseOptions.C L866-884)
            error(UNKNOWN_KEYWORD, msg + " (one letter off '" + slip.get().name() + "'; NAMD stops: not a valid keyword)", first.offset(),
                    first.length(), sugg.toArray(String[]::new));
        } else if (sourcesUnknown() || c.inProc()) {
            // a proc of a sourced file, or of a file sourcing this one: never an error
            warning(UNKNOWN_KEYWORD, msg + " (it may be a proc defined in a sourced file)", first.offset(), first.length(), sugg.toArray(String[]::new));
        } else {
            error(UNKNOWN_KEYWORD, msg, first.offset(), first.length(), sugg.toArray(String[]::new));
        }
    }

    private void checkGluedValue(KeywordInfo k, String value, NamdWord where, NamdCommand c) {
        if (c.afterRun()) {
            error(ASSIGN_AFTER_RUN, "'" + k.name() + " = value' is not accepted after the first run/minimize: write '" + k.name() + " value'",
                    where.offset(), where.length());
        }
        if (where.isLiteral()) {
            report(ValueChecks.checkKeywordValue(k, List.of(value)), where.offset(), where.length());
        }
    }

    private void recordSetting(KeywordInfo k, NamdCommand c, List<NamdWord> values) {
        settings.computeIfAbsent(k.key(), x -> new ArrayList<>()).add(new Setting(k, c, values));
    }

    private void checkKeyword(KeywordInfo k, NamdCommand c, List<NamdWord> values, boolean assign) {
        if (values.isEmpty()) {
            // bare keyword: returns the current value (introspection); before the first run NAMD's config command fails when
            // the keyword was not set yet (ScriptTcl::Tcl_config: "tried before startup to read config file parameter that
            // was not set"), a Tcl error that stops NAMD: the value was forgotten
            if (c.isCertain() && !c.afterRun() && !c.inProc() && !sourcesUnknown() && !isFragment() && !setInSourcedFile(k.name())
                    && all(k.name()).stream().noneMatch(s -> s.command().offset() < c.offset())) {
                NamdWord first = c.first();
                error(BAD_VALUE, k.name() + " has no value (NAMD: \"tried before startup to read config file parameter that was not set\")",
                        first.offset(), first.length());
            }
            return;
        }
        recordSetting(k, c, values);
        NamdWord first = c.first();
        if (c.afterRun() && !c.isDead()) {
            if (!k.settableAfterRun()) {
                error(NOT_SETTABLE_AFTER_RUN, k.name() + " cannot be changed after the first run/minimize (NAMD: \"Setting parameter "
                        + k.name() + " from script failed\")", first.offset(), first.length());
            }
            if (assign) {
                error(ASSIGN_AFTER_RUN, "'" + k.name() + " = value' is not accepted after the first run/minimize: write '" + k.name() + " value'",
                        first.offset(), c.end() - first.offset());
            }
            if (c.trailingComment() != null) {
                warning(TRAILING_COMMENT_AFTER_RUN, "after the first run a trailing '# comment' is passed to NAMD as more values: use ';#'",
                        first.offset(), first.length());
            }
        }
        boolean allLiteral = values.stream().allMatch(NamdWord::isLiteral);
        NamdWord v0 = values.get(0);
        int from = v0.offset();
        int to = values.get(values.size() - 1).end();
        if (allLiteral) {
            report(ValueChecks.checkKeywordValue(k, values.stream().map(NamdWord::value).toList()), from, to - from);
            return;
        }
        // placeholders: check the variable type and default against the keyword
        for (NamdWord w : values) {
            for (NamdWord.PlaceholderRef ref : w.placeholders()) {
                Declaration d = doc.declarations().get(ref.name());
                if (d == null || d.type() == null) {
                    continue;
                }
                String typeProblem = typeMismatch(k, d, values.size() == 1 && w.isSinglePlaceholder());
                if (typeProblem != null) {
                    error(VARIABLE_TYPE, typeProblem, ref.offset(), ref.length(), d.name());
                } else if (d.defaultValue() != null && values.size() == 1 && w.isSinglePlaceholder()
                        && ValueChecks.checkVariableValue(d, d.defaultValue()) == null) {
                    ValueChecks.ValueProblem p = ValueChecks.checkKeywordValue(k, List.of(ValueChecks.renderValue(d, d.defaultValue())));
                    if (p != null) {
                        error(BAD_DEFAULT, "default of <<" + d.name() + ">> is invalid here: " + p.message(), ref.offset(), ref.length(), d.name());
                    }
                }
            }
        }
    }

    private static String typeMismatch(KeywordInfo k, Declaration d, boolean wholeValue) {
        VariableType t = d.type();
        String want = null;
        switch (k.baseType()) {
            case "bool" -> {
                if (wholeValue && t != VariableType.BOOLEAN) {
                    want = "Boolean";
                }
            }
            case "int" -> {
                if (t != VariableType.INTEGER && t != VariableType.NUMBER) {
                    want = "Integer";
                } else if (t == VariableType.NUMBER && d.defaultValue() != null && !ValueChecks.isInteger(d.defaultValue().trim())) {
                    return "<<" + d.name() + ">> is a Number with a non-integer default but " + k.name() + " takes an integer: declare it type=Integer";
                }
            }
            case "float", "vector" -> {
                if (t != VariableType.NUMBER && t != VariableType.INTEGER && !(t == VariableType.TEXT && k.isVector())) {
                    want = "Number";
                }
            }
            default -> {
                if (t == VariableType.BOOLEAN && k.isEnum()) {
                    want = "Text";
                }
            }
        }
        return want == null ? null
                : "<<" + d.name() + ">> is declared " + t.label() + " but " + k.name() + " takes " + k.valueDescription() + " (declare it type=" + want + ")";
    }

    private void report(ValueChecks.ValueProblem p, int offset, int length) {
        if (p == null) {
            return;
        }
        String code = switch (p.kind()) {
            case TYPE -> BAD_VALUE;
            case RANGE -> BAD_RANGE;
            case UNIT -> BAD_UNIT;
        };
        error(code, p.message(), offset, length);
    }

    private void checkScriptCommand(String name, NamdCommand c) {
        switch (name) {
            case "run", "minimize" -> {
                runs.add(c);
                List<NamdWord> args = c.words().subList(1, c.words().size());
                if (!args.isEmpty() && "run".equals(name) && args.get(0).isLiteral() && "norepeat".equalsIgnoreCase(args.get(0).value())) {
                    args = args.subList(1, args.size());
                }
                if (args.size() == 1 && args.get(0).isLiteral()) {
                    String v = args.get(0).value();
                    if (!ValueChecks.isInteger(v) || v.startsWith("-")) {
                        error(BAD_COMMAND_ARG, name + " expects a non-negative integer number of steps, not '" + v + "'",
                                args.get(0).offset(), args.get(0).length());
                    }
                } else if (args.isEmpty()) {
                    error(BAD_COMMAND_ARG, name + " needs a number of steps", c.first().offset(), c.first().length());
                }
            }
            case "startup" -> runs.add(c);
            default -> {
            }
        }
    }

    // ---------------------------------------------------------------- whole-file rules

    List<Setting> all(String keyword) {
        return settings.getOrDefault(keyword.toLowerCase(Locale.ROOT), List.of());
    }

    boolean present(String keyword) {
        return all(keyword).stream().anyMatch(s -> !s.command().isDead()) || sourcedKeys.contains(keyword.toLowerCase(Locale.ROOT));
    }

    /** The value of a keyword if the script certainly sets it to one literal value before the first run. */
    Optional<String> certainValue(String keyword) {
        if (sourcedKeys.contains(keyword.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String v = null;
        for (Setting s : all(keyword)) {
            if (s.command().isDead()) {
                continue;
            }
            if (!s.command().isCertain() || s.command().inProc() || !s.literal()) {
                return Optional.empty();
            }
            if (!s.command().afterRun()) {
                v = s.value();
            }
        }
        return Optional.ofNullable(v);
    }

    /** Effective boolean: TRUE/FALSE when known, null when unknown (dynamic, conditional or sourced). */
    private Boolean boolState(KeywordInfo k) {
        List<Setting> ss = all(k.name()).stream().filter(s -> !s.command().isDead()).toList();
        if (sourcedKeys.contains(k.key())) {
            return null; // a sourced file sets it too: which value wins depends on the order
        }
        if (ss.isEmpty()) {
            if (sourcesUnknown()) {
                return null;
            }
            return k.hasDefault() ? ValueChecks.booleanValue(k.defaultValue()) : Boolean.FALSE;
        }
        Boolean any = null;
        for (Setting s : ss) {
            if (!s.literal()) {
                return null;
            }
            Boolean b = ValueChecks.booleanValue(s.value());
            if (b == null) {
                return null;
            }
            if (Boolean.TRUE.equals(b)) {
                return Boolean.TRUE;
            }
            any = b;
        }
        boolean allCertain = ss.stream().allMatch(s -> s.command().isCertain());
        return allCertain ? any : null;
    }

    /** TRUE if some live setting turns the keyword on (literal on), for "required child" checks. */
    private Setting someOn(String keyword) {
        for (Setting s : all(keyword)) {
            if (!s.command().isDead() && s.literal() && Boolean.TRUE.equals(ValueChecks.booleanValue(s.value()))) {
                return s;
            }
        }
        return null;
    }

    private void checkDuplicates() {
        for (List<Setting> ss : settings.values()) {
            Setting firstCertain = null;
            for (Setting s : ss) {
                if (!s.command().isCertain() || s.command().inProc() || s.command().afterRun()) {
                    continue;
                }
                if (s.keyword().multipleAllowed()) {
                    break;
                }
                if (firstCertain == null) {
                    firstCertain = s;
                } else {
                    NamdWord w = s.command().first();
                    error(DUPLICATE, s.keyword().name() + " is already set on line " + doc.line(firstCertain.command().offset())
                            + " (NAMD: multiple definitions are not allowed)", w.offset(), w.length());
                }
            }
        }
    }

    private void checkParents() {
        for (List<Setting> ss : settings.values()) {
            for (Setting s : ss) {
                KeywordInfo k = s.keyword();
                if (!k.hasParent() || s.command().isDead()) {
                    continue;
                }
                Optional<KeywordInfo> parent = catalog.keyword(k.parent());
                if (parent.isEmpty()) {
                    continue;
                }
                KeywordInfo p = parent.get();
                if (k.isBool() && k.hasDefault() && s.literal() && ValueChecks.booleanValue(s.value()) != null
                        && ValueChecks.booleanValue(s.value()).equals(ValueChecks.booleanValue(k.defaultValue()))) {
                    continue; // a switch set to its default (paraTypeCharmm off with AMBER inputs): ignored or not, the same
                }
                String why = null;
                if (p.isBool()) {
                    if (Boolean.FALSE.equals(boolState(p))) {
                        why = p.name() + " is off";
                    }
                } else if (!present(p.name()) && !p.hasDefault() && !sourcesUnknown()) {
                    why = p.name() + " is not set";
                }
                if (why != null) {
                    NamdWord w = s.command().first();
                    warning(PARENT_OFF, k.name() + " is set but " + why + ": NAMD ignores it", w.offset(), w.length(), p.name());
                }
            }
        }
    }

    private void checkRequired() {
        if (sourcesUnknown() || isFragment()) {
            return;
        }
        // required children of a parent that is on
        for (KeywordInfo p : catalog.coreKeywords()) {
            List<KeywordInfo> children = catalog.children(p.name());
            if (children.isEmpty()) {
                continue;
            }
            Setting on = p.isBool() ? someOn(p.name()) : null;
            if (on == null) {
                continue;
            }
            for (KeywordInfo child : children) {
                // only the standard build's rules: a keyword of another build variant is no requirement here
                if (child.required() && !child.hasDefault() && child.inStandardBuild() && !present(child.name())) {
                    NamdWord w = on.command().first();
                    error(REQUIRED_MISSING, p.name() + " is on but " + child.name() + " is not set (NAMD requires it)",
                            w.offset(), w.length(), child.name());
                }
            }
        }
        // globally required keywords, for a file that starts a simulation on its own
        NamdCommand firstRun = runs().stream().filter(r -> r.isCertain() && !r.inProc()).findFirst().orElse(null);
        if (firstRun == null) {
            return;
        }
        Set<String> required = new LinkedHashSet<>();
        for (KeywordInfo k : catalog.coreKeywords()) {
            if (!k.hasParent() && k.required() && !k.hasDefault() && k.inStandardBuild()) {
                required.add(k.name());
            }
        }
        if (!present("amber") && !present("gromacs")) {
            // AMBER/GROMACS inputs name their structure and coordinates with other keywords (parmfile, ambercoor, ...)
            required.add("structure");
            required.add("coordinates");
            required.add("parameters"); // NAMD: "parameters not found in the configuration file!"
        }
        for (String r : required) {
            if (!present(r)) {
                NamdWord w = firstRun.first();
                error(REQUIRED_MISSING, r + " is required before " + firstRun.name() + " but is not set", w.offset(), w.length(), r);
            }
        }
        if (!present("temperature") && !present("velocities") && !present("binvelocities")) {
            NamdWord w = firstRun.first();
            error(REQUIRED_MISSING, "set temperature (initial velocities) or velocities/binVelocities before " + firstRun.name(),
                    w.offset(), w.length(), "temperature");
        }
    }

    private void checkCompanions() {
        // PME needs a periodic cell
        Setting pme = someOn("PME");
        if (pme != null && !sourcesUnknown() && !isFragment()) {
            boolean cell = present("cellBasisVector1") && present("cellBasisVector2") && present("cellBasisVector3");
            if (!cell && !present("extendedSystem")) {
                NamdWord w = pme.command().first();
                error(PME_NEEDS_CELL, "PME needs a periodic cell: set cellBasisVector1, cellBasisVector2 and cellBasisVector3, or extendedSystem",
                        w.offset(), w.length());
            }
        }
        // restart inputs
        // NAMD reads the starting structure's coordinates from coordinates (PDB), or from ambercoor / grocoorfile
        // with AMBER or GROMACS inputs; binCoordinates replaces their positions but needs one of them
        if (!all("binCoordinates").isEmpty() && !present("coordinates") && !present("ambercoor") && !present("grocoorfile")
                && !sourcesUnknown() && !isFragment()) {
            NamdWord w = all("binCoordinates").get(0).command().first();
            error(RESTART_FILES, "binCoordinates needs the starting coordinates as well: coordinates (PDB), or ambercoor "
                    + "(AMBER) / grocoorfile (GROMACS)", w.offset(), w.length(), "coordinates");
        }
        // only settings that run: an else branch that is never taken (if {off} {...}) sets nothing
        List<Setting> liveVelocities = all("binVelocities").stream().filter(x -> !x.command().isDead()).toList();
        if (!liveVelocities.isEmpty() && !present("binCoordinates") && !sourcesUnknown() && !isFragment()) {
            NamdWord w = liveVelocities.get(0).command().first();
            warning(RESTART_FILES, "binVelocities without binCoordinates: restart velocities do not match the starting coordinates",
                    w.offset(), w.length(), "binCoordinates");
        }
        checkExtension("binCoordinates", ".coor");
        checkExtension("binVelocities", ".vel");
        checkExtension("extendedSystem", ".xsc");
        checkExtension("structure", ".psf");
        // restart files from one run share the same base name
        Map<String, String> bases = new LinkedHashMap<>();
        String[][] restart = { { "binCoordinates", ".coor" }, { "binVelocities", ".vel" }, { "extendedSystem", ".xsc" } };
        for (String[] r : restart) {
            certainValue(r[0]).filter(v -> v.endsWith(".restart" + r[1])).ifPresent(v -> bases.put(r[0], v.substring(0, v.length() - r[1].length())));
        }
        if (new LinkedHashSet<>(bases.values()).size() > 1) {
            String firstBase = bases.values().iterator().next();
            for (Map.Entry<String, String> e : bases.entrySet()) {
                if (!e.getValue().equals(firstBase)) {
                    NamdWord w = all(e.getKey()).get(0).values().get(0);
                    warning(RESTART_FILES, e.getKey() + " comes from restart '" + e.getValue() + "' but the other restart files from '"
                            + firstBase + "'", w.offset(), w.length());
                }
            }
        }
    }

    private void checkExtension(String keyword, String ext) {
        for (Setting s : all(keyword)) {
            if (s.command().isDead() || !s.literal() || s.values().isEmpty()) {
                continue;
            }
            String v = s.value();
            int slash = v.lastIndexOf('/');
            String file = v.substring(slash + 1);
            int dot = file.lastIndexOf('.');
            if (dot > 0) {
                String e = file.substring(dot).toLowerCase(Locale.ROOT);
                boolean suspicious = switch (keyword) {
                    case "binCoordinates", "binVelocities" -> e.equals(".pdb") || e.equals(".xsc") || e.equals(".psf");
                    case "extendedSystem" -> e.equals(".pdb") || e.equals(".coor") || e.equals(".vel") || e.equals(".psf");
                    case "structure" -> e.equals(".pdb") || e.equals(".coor") || e.equals(".xsc");
                    default -> false;
                };
                if (suspicious) {
                    NamdWord w = s.values().get(0);
                    warning(RESTART_FILES, keyword + " expects a " + ext + " file, not '" + file + "'", w.offset(), w.length());
                }
            }
        }
    }

    private void checkConflicts() {
        List<Setting> temp = certainSettings("temperature");
        for (String vel : List.of("velocities", "binVelocities")) {
            List<Setting> v = certainSettings(vel);
            if (!temp.isEmpty() && !v.isEmpty()) {
                NamdWord w = later(temp.get(0), v.get(0)).command().first();
                error(CONFLICT, "temperature and " + vel + " are both set: NAMD takes initial velocities from only one of them",
                        w.offset(), w.length(), vel);
            }
        }
        if (!certainSettings("velocities").isEmpty() && !certainSettings("binVelocities").isEmpty()) {
            // WorkDistrib reads velocities when given and only otherwise binvelocities
            NamdWord w = later(certainSettings("velocities").get(0), certainSettings("binVelocities").get(0)).command().first();
            warning(CONFLICT, "velocities and binVelocities are both set: NAMD reads velocities and ignores binVelocities", w.offset(), w.length());
        }
        for (String[] pair : EXCLUSIVE_ON) {
            Setting a = someCertainOn(pair[0]);
            Setting b = someCertainOn(pair[1]);
            if (a != null && b != null) {
                NamdWord w = later(a, b).command().first();
                error(CONFLICT, pair[0] + " and " + pair[1] + " are both on (NAMD: \"" + pair[2].replaceFirst(" \\(L\\d+\\)$", "") + "\")",
                        w.offset(), w.length(), pair[0], pair[1]);
            }
        }
        for (String[] pair : PROBABLY_EXCLUSIVE_ON) {
            Setting a = someCertainOn(pair[0]);
            Setting b = someCertainOn(pair[1]);
            if (a != null && b != null) {
                NamdWord w = later(a, b).command().first();
                warning(CONFLICT, pair[0] + " and " + pair[1] + " are both on: two controls of the same quantity work against each other",
                        w.offset(), w.length(), pair[0], pair[1]);
            }
        }
        // set at all (opts.defined), whatever the value
        String[][] notBoth = { { "coordinates", "ambercoor", "Cannot specify both coordinates and ambercoor!" },
                { "rotConstraints", "movingConstraints", "Rotating and moving constraints are mutually exclusive!" },
                { "tCouple", "rescaleFreq", null }, { "COLD", "rescaleFreq", null }, { "stochRescale", "rescaleFreq", null },
                { "stochRescale", "reassignFreq", null } };
        for (String[] pair : notBoth) {
            List<Setting> a = certainSettings(pair[0]);
            List<Setting> b = certainSettings(pair[1]);
            boolean aOn = pair[2] != null ? !a.isEmpty() : someCertainOn(pair[0]) != null;
            if (aOn && !b.isEmpty()) {
                NamdWord w = later(pair[2] != null ? a.get(0) : someCertainOn(pair[0]), b.get(0)).command().first();
                error(CONFLICT, pair[2] != null ? pair[0] + " and " + pair[1] + " are both set (NAMD: \"" + pair[2] + "\")"
                        : pair[0] + " is on and " + pair[1] + " is set: NAMD allows only one temperature control", w.offset(), w.length(), pair[0], pair[1]);
            }
        }
        for (String[] r : RENAMED_IN_3_0) {
            List<Setting> old = certainSettings(r[0]);
            List<Setting> now = certainSettings(r[1]);
            if (!old.isEmpty() && !now.isEmpty()) {
                NamdWord w = later(old.get(0), now.get(0)).command().first();
                error(CONFLICT, "Multiple definitions of " + r[1] + " using \"" + r[0] + "\" and \"" + r[1] + "\" (NAMD 3.0 dies at start-up)",
                        w.offset(), w.length(), r[0], r[1]);
            } else if (!old.isEmpty() && options.namdVersion() == org.namdrunner.template.catalog.NamdVersion.V3_0) {
                NamdWord w = old.get(0).command().first();
                warning(CONFLICT, "Option \"" + r[0] + "\" has been deprecated in NAMD 3.0. Instead use \"" + r[1] + "\"", w.offset(), w.length(), r[1]);
            }
        }
        // cell vectors in order (NAMD: "Used cellBasisVector3 without cellBasisVector2!")
        if (!sourcesUnknown() && !present("extendedSystem")) {
            String[][] needs = { { "cellBasisVector3", "cellBasisVector2" }, { "cellBasisVector2", "cellBasisVector1" },
                    { "cellOrigin", "cellBasisVector1" } };
            for (String[] n : needs) {
                List<Setting> a = certainSettings(n[0]);
                if (!a.isEmpty() && !present(n[1])) {
                    NamdWord w = a.get(0).command().first();
                    error(REQUIRED_MISSING, "Used " + n[0] + " without " + n[1] + " (NAMD dies at start-up)", w.offset(), w.length(), n[1]);
                }
            }
        }
        // alchemical lambdas in [0, 1] (check_config L3903-3950, scriptSet L347/L364: also when set between runs)
        for (String l : List.of("alchLambda", "alchLambda2", "alchVdwLambdaEnd", "alchBondLambdaEnd", "alchElecLambdaStart",
                "alchRepLambdaEnd")) {
            for (Setting st : all(l)) {
                if (st.command().isDead() || !st.literal() || !ValueChecks.isNumber(st.value().strip())) {
                    continue;
                }
                double v = Double.parseDouble(st.value().strip());
                if (v < 0 || v > 1) {
                    NamdWord w = st.values().get(0);
                    error(BAD_RANGE, l + " " + st.value().strip() + " is outside [0.0, 1.0] (NAMD: \"" + l + " values should be in the range [0.0, 1.0]\")",
                            w.offset(), w.length());
                }
            }
        }
        Setting drude = someCertainOn("drude");
        if (drude != null && Boolean.FALSE.equals(catalog.keyword("langevin").map(this::boolState).orElse(null))) {
            NamdWord w = drude.command().first();
            error(CONFLICT, "drude needs langevin on (NAMD: \"Drude model requires use of Langevin thermostat.\")", w.offset(), w.length(), "langevin");
        }
        Optional<String> split = certainValue("splitPatch");
        Optional<String> rigid = certainValue("rigidBonds");
        if (split.isPresent() && split.get().equalsIgnoreCase("position") && rigid.isPresent() && !rigid.get().equalsIgnoreCase("none")) {
            NamdWord w = all("splitPatch").get(0).values().get(0);
            error(CONFLICT, "splitPatch position with rigidBonds " + rigid.get() + " (NAMD: \"splitPatch hydrogen is required for rigidBonds\")",
                    w.offset(), w.length(), "rigidBonds");
        }
        for (String lj : List.of("LJcorrection", "LJcorrectionAlt")) {
            Setting on = someCertainOn(lj);
            if (on != null && !sourcesUnknown() && !isFragment() && !present("cellBasisVector3") && !present("extendedSystem")) {
                NamdWord w = on.command().first();
                error(CONFLICT, lj + " without a periodic cell (NAMD: \"Can't use LJ tail corrections without periodic boundary conditions!\")",
                        w.offset(), w.length(), "cellBasisVector3");
            }
        }
        Setting mc = someCertainOn("MonteCarloPressure");
        if (mc != null && !sourcesUnknown() && Boolean.FALSE.equals(catalog.keyword("GPUresident").map(this::boolState).orElse(null))
                && Boolean.FALSE.equals(catalog.keyword("CUDASOAintegrate").map(this::boolState).orElse(null))) {
            NamdWord w = mc.command().first();
            error(CONFLICT, "MonteCarloPressure needs GPUresident on (NAMD: \"GPUresident is required for Monte Carlo pressure control.\")",
                    w.offset(), w.length(), "GPUresident");
        }
        Setting sasa = someCertainOn("sasa");
        if (sasa != null && someCertainOn("GBIS") != null && (present("cellBasisVector1") || present("extendedSystem"))
                && !certainSettings("cellBasisVector1").isEmpty()) {
            NamdWord w = sasa.command().first();
            error(CONFLICT, "SASA with a periodic cell (NAMD: \"SASA does not yet support periodic boundary conditions.\")", w.offset(), w.length());
        }
        Setting minOn = someCertainOn("minimization");
        if (minOn != null) {
            for (NamdCommand r : runs) {
                if (r.isCertain() && "run".equalsIgnoreCase(r.name()) && r.offset() > minOn.command().offset()) {
                    warning(CONFLICT, "minimization is on: this run minimizes instead of running dynamics (use minimize N and leave minimization off)",
                            r.first().offset(), r.first().length());
                }
            }
        }
    }

    static Setting later(Setting a, Setting b) {
        return a.command().offset() > b.command().offset() ? a : b;
    }

    List<Setting> certainSettings(String keyword) {
        return all(keyword).stream().filter(s -> s.command().isCertain() && !s.command().inProc() && !s.command().afterRun()).toList();
    }

    Setting someCertainOn(String keyword) {
        for (Setting s : certainSettings(keyword)) {
            if (s.literal() && Boolean.TRUE.equals(ValueChecks.booleanValue(s.value()))) {
                return s;
            }
        }
        return null;
    }

    Optional<Long> certainLong(String keyword, String fallbackDefault) {
        if (sourcedKeys.contains(keyword.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        List<Setting> live = all(keyword).stream().filter(s -> !s.command().isDead()).toList();
        if (live.isEmpty()) {
            if (sourcesUnknown() || fallbackDefault == null) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(fallbackDefault));
        }
        return certainValue(keyword).filter(ValueChecks::isInteger).map(Long::parseLong);
    }

    private void checkFrequencies() {
        Optional<Long> spc = certainLong("stepspercycle", "20");
        if (spc.isEmpty() || spc.get() <= 0) {
            return;
        }
        long cycle = spc.get();
        for (NamdCommand r : runs) {
            if (!"run".equalsIgnoreCase(r.name()) || r.isDead()) {
                continue;
            }
            List<NamdWord> args = r.words().subList(1, r.words().size());
            if (!args.isEmpty() && args.get(0).isLiteral() && "norepeat".equalsIgnoreCase(args.get(0).value())) {
                args = args.subList(1, args.size());
            }
            if (args.size() == 1 && args.get(0).isLiteral() && ValueChecks.isInteger(args.get(0).value())) {
                long n = Long.parseLong(args.get(0).value());
                if (n % cycle != 0) {
                    error(FREQUENCY, "run " + n + ": the number of steps must be a multiple of stepspercycle (" + cycle + ")",
                            args.get(0).offset(), args.get(0).length(), "stepspercycle");
                }
            }
        }
        if (someCertainOn("SMD") != null) {
            Optional<Long> smdOut = certainLong("SMDOutputFreq", "1");
            if (smdOut.isPresent() && smdOut.get() > 0 && smdOut.get() % cycle != 0) {
                NamdWord w = all("SMDOutputFreq").isEmpty() ? someCertainOn("SMD").command().first() : all("SMDOutputFreq").get(0).values().get(0);
                error(FREQUENCY, "SMDOutputFreq (" + smdOut.get() + (all("SMDOutputFreq").isEmpty() ? ", its default" : "")
                        + ") must be a multiple of stepspercycle (" + cycle + ")", w.offset(), w.length(), "stepspercycle");
            }
        }
        Optional<Long> first = certainLong("firsttimestep", null);
        if (first.isPresent() && first.get() % cycle != 0 && !runs.isEmpty()) {
            NamdWord w = all("firsttimestep").get(0).values().get(0);
            error(FREQUENCY, "firsttimestep " + first.get() + " must be a multiple of stepspercycle (" + cycle + ")", w.offset(), w.length(), "stepspercycle");
        }
        Optional<Long> fullElect = certainLong("fullElectFrequency", null);
        Optional<Long> nonbonded = certainLong("nonbondedFreq", "1");
        if (nonbonded.isPresent() && nonbonded.get() > 0 && (nonbonded.get() > cycle || cycle % nonbonded.get() != 0)
                && !all("nonbondedFreq").isEmpty()) {
            NamdWord w = all("nonbondedFreq").get(0).values().get(0);
            error(FREQUENCY, "stepspercycle (" + cycle + ") must be a multiple of nonbondedFreq (" + nonbonded.get() + ")", w.offset(), w.length(),
                    "stepspercycle");
        }
        if (fullElect.isPresent() && fullElect.get() > 0) {
            Setting s = all("fullElectFrequency").get(0);
            if (someOn("PME") != null || someOn("MSM") != null || someOn("FMM") != null || someOn("FMA") != null || someOn("fullDirect") != null) {
                if (fullElect.get() > cycle || cycle % fullElect.get() != 0) {
                    error(FREQUENCY, "stepspercycle (" + cycle + ") must be a multiple of fullElectFrequency (" + fullElect.get() + ")",
                            s.values().get(0).offset(), s.values().get(0).length(), "stepspercycle");
                }
            }
            if (nonbonded.isPresent() && nonbonded.get() > 0 && (nonbonded.get() > fullElect.get() || fullElect.get() % nonbonded.get() != 0)) {
                error(FREQUENCY, "fullElectFrequency (" + fullElect.get() + ") must be a multiple of nonbondedFreq (" + nonbonded.get() + ")",
                        s.values().get(0).offset(), s.values().get(0).length(), "nonbondedFreq");
            }
        }
        if (someOn("CUDASOAIntegrate") != null || someOn("GPUresident") != null) {
            for (String f : GPU_FREQUENCIES) {
                Optional<Long> v = certainLong(f, null);
                if (v.isPresent() && v.get() > 0 && v.get() % cycle != 0) {
                    NamdWord w = all(f).get(0).values().get(0);
                    warning(FREQUENCY, f + " (" + v.get() + ") should be a multiple of stepspercycle (" + cycle + ") in GPU-resident mode",
                            w.offset(), w.length(), "stepspercycle");
                }
            }
        }
    }

    /**
     * GPU-resident mode ({@code GPUresident on}, or NAMD 3.0's older name {@code CUDASOAintegrate on}): the features NAMD
     * 3.0 refuses or ignores there, and, when the launch is known, one node and at least one GPU.
     */
    private void checkGpuResident() {
        Setting gpu = someCertainOn("GPUresident");
        if (gpu == null) {
            gpu = someCertainOn("CUDASOAintegrate");
        }
        if (gpu == null) {
            return;
        }
        String mode = gpu.keyword() == null ? "GPU-resident mode" : gpu.keyword().name() + " on";
        for (String k : GPU_RESIDENT_REFUSED_ON) {
            Setting on = someCertainOn(k);
            if (on != null) {
                NamdWord w = on.command().first();
                error(GPU_RESIDENT, k + " is on, but NAMD 3.0 refuses it in GPU-resident mode (" + mode
                        + "; NAMD: \"GPUresident is incompatible with the following options\")", w.offset(), w.length(), k);
            }
        }
        Optional<String> maxMove = certainValue("maximumMove");
        if (maxMove.isPresent() && ValueChecks.isNumber(maxMove.get()) && Double.parseDouble(maxMove.get()) != 0) {
            NamdWord w = all("maximumMove").get(0).command().first();
            error(GPU_RESIDENT, "maximumMove is set, but NAMD 3.0 refuses it in GPU-resident mode (" + mode + ")", w.offset(), w.length(),
                    "maximumMove");
        }
        if (!certainSettings("rescaleFreq").isEmpty()) {
            NamdWord w = certainSettings("rescaleFreq").get(0).command().first();
            error(GPU_RESIDENT, "rescaleFreq is set, but NAMD 3.0 refuses velocity rescaling in GPU-resident mode (" + mode + ")",
                    w.offset(), w.length(), "rescaleFreq");
        }
        Optional<String> water = certainValue("waterModel");
        if (water.isPresent() && water.get().toLowerCase(Locale.ROOT).startsWith("swm4")) {
            NamdWord w = all("waterModel").get(0).command().first();
            error(GPU_RESIDENT, "waterModel " + water.get() + ": NAMD 3.0 refuses water models other than TIP3 and TIP4 in GPU-resident mode",
                    w.offset(), w.length(), "waterModel");
        }
        Setting lonepairs = someCertainOn("lonepairs");
        if (lonepairs != null) {
            NamdWord w = lonepairs.command().first();
            warning(GPU_RESIDENT, "lonepairs is on, but NAMD 3.0 turns lone pairs off in GPU-resident mode (NAMD: \"Disabling lonepair "
                    + "support due to incompatability with GPU-resident\")", w.offset(), w.length(), "lonepairs");
        }
        for (String k : List.of("bondedGPU", "bondedCUDA")) {
            Optional<String> v = certainValue(k);
            if (v.isPresent() && ValueChecks.isInteger(v.get()) && Long.parseLong(v.get()) != 255) {
                NamdWord w = all(k).get(0).command().first();
                warning(GPU_RESIDENT, k + " " + v.get() + " is ignored: GPU-resident mode computes every bonded term on the GPU "
                        + "(NAMD resets it to 255)", w.offset(), w.length(), k);
            }
        }
        ValidationOptions.Launch launch = options.launch();
        if (launch == null) {
            return;
        }
        NamdWord w = gpu.command().first();
        if (launch.nodes() > 1) {
            error(GPU_RESIDENT, mode + " runs on one node, but " + launch.nodes() + " nodes are requested on " + launch.partitionLabel()
                    + " (NAMD: \"GPUresident is a shared-memory, single-process mode of execution\")", w.offset(), w.length());
        }
        if (launch.gpusPerNode() < 1) {
            error(GPU_RESIDENT, mode + " needs a GPU, but no GPU is requested on " + launch.partitionLabel(), w.offset(), w.length());
        }
        if (launch.gpusPerNode() > 1) {
            for (String k : GPU_RESIDENT_SINGLE_GPU_ONLY) {
                Setting on = someCertainOn(k);
                if (on != null) {
                    NamdWord kw = on.command().first();
                    error(GPU_RESIDENT, k + " is on, but NAMD 3.0 refuses it in GPU-resident mode on more than one GPU ("
                            + launch.gpusPerNode() + " requested on " + launch.partitionLabel() + ")", kw.offset(), kw.length(), k);
                }
            }
        }
    }

    private void checkRunPresent() {
        if (sourcesUnknown() || doc.commands().isEmpty() || !isFragment()) {
            return;
        }
        NamdCommand first = doc.commands().get(0);
        info(NO_RUN, "no run, minimize or numsteps: validated as a fragment (a file another config sources), so keywords NAMD "
                + "requires before a run are not checked here", first.first().offset(), first.first().length());
    }

    // ---------------------------------------------------------------- Tcl variables

    private void checkVariables() {
        Set<String> known = new java.util.HashSet<>(doc.setVariables());
        known.addAll(sourcedVariables);
        // a fragment (no run) is a file another config sources: that config may set the variable first (one Tcl interpreter)
        boolean fragment = isFragment();
        Map<String, List<NamdDocument.VariableRead>> byName = new java.util.LinkedHashMap<>();
        for (NamdDocument.VariableRead r : doc.variableReads()) {
            if (!known.contains(r.name())) {
                byName.computeIfAbsent(r.name(), n -> new ArrayList<>()).add(r);
            }
        }
        for (List<NamdDocument.VariableRead> reads : byName.values()) {
            // one finding per variable: at the first read Tcl certainly stops at, else at the first read (a read in code that
            // never runs or in a proc comes before the one that stops NAMD in many configs)
            NamdDocument.VariableRead r = reads.stream().filter(x -> unsetReadError(x, fragment) != null).findFirst().orElse(reads.get(0));
            String msg = "Tcl variable '" + r.name() + "' is read but never set (Tcl: can't read \"" + r.name() + "\": no such variable)";
            String error = unsetReadError(r, fragment);
            if (error != null) {
                error(UNSET_VARIABLE, msg + error, r.offset(), r.length(), r.name());
            } else {
                String why = sourcesUnknown() ? " unless a sourced file, or the config that sources this one, sets it"
                        : fragment ? " unless the config that sources this fragment sets it"
                        : doc.dynamicVariableNames() ? " unless a computed name sets it"
                        : r.command().inProc() ? " when the proc runs" : " (in code that never runs)";
                warning(UNSET_VARIABLE, msg + why, r.offset(), r.length(), r.name());
            }
        }
    }

    /**
     * The end of the error message when Tcl certainly stops at this read of a variable the file never sets (empty for the
     * plain case), or null when it is a warning: in a fragment, a proc or dead code, or when a sourced file or a computed
     * name may set it first.
     */
    private String unsetReadError(NamdDocument.VariableRead r, boolean fragment) {
        if (fragment || r.command().inProc() || r.command().isDead()) {
            return null;
        }
        // Tcl runs the main script top to bottom: an unread sourced file or a computed name can set a variable only for the
        // reads after that command; and a one-letter slip of a name the file sets is a typo, not a name set elsewhere
        // (a file with a run may still be sourced by a driver that sets variables first, as a sourced file may: only the
        // order against computed names is certain)
        boolean unknownSetters = sourcesUnknown() || doc.dynamicVariableNames();
        if (!unknownSetters) {
            return "";
        }
        boolean beforeUnknownSetters = !sourcesUnknown() && r.offset() < doc.firstUnknownSetterOffset();
        String slip = slipOf(r.name(), doc.assignedVariables());
        if (slip != null) {
            return ": one letter off '" + slip + "', which the file sets";
        }
        return beforeUnknownSetters ? " before anything that could set it (the first computed variable name comes later)" : null;
    }

    /** The one name of {@code set} (of at least four letters) that {@code name} (at least three) is one slip away from, else null. */
    private static String slipOf(String name, Set<String> set) {
        if (name.length() < 3) {
            return null;
        }
        return KeywordCatalog.oneSlipFrom(name, set, 4).orElse(null);
    }

    // ---------------------------------------------------------------- NAMD's start-up checks (SimParameters::check_config)

    /** A plain number (or one in Angstrom, NAMD's unit for distances); empty when not literal or in another unit. */
    Optional<Double> certainNumber(String keyword) {
        return certainValue(keyword).flatMap(v -> {
            String t = v.strip();
            for (String unit : List.of("Angstrom", "A")) {
                if (t.endsWith(unit)) {
                    t = t.substring(0, t.length() - unit.length()).strip();
                    break;
                }
            }
            return ValueChecks.isNumber(t) ? Optional.of(Double.parseDouble(t)) : Optional.empty();
        });
    }

    /** Three numbers separated by blanks or commas, or null. */
    static double[] vector(String v) {
        String[] p = v.strip().split("\\s*,\\s*|\\s+");
        if (p.length != 3) {
            return null;
        }
        double[] d = new double[3];
        for (int i = 0; i < 3; i++) {
            if (!ValueChecks.isNumber(p[i])) {
                return null;
            }
            d[i] = Double.parseDouble(p[i]);
        }
        return d;
    }

    /** switchDist within [0, cutoff] and required when switching is on; pairlistDist &ge; cutoff. */
    private void checkDistances() {
        Optional<Double> cutoff = certainNumber("cutoff");
        Optional<Double> switchDist = certainNumber("switchdist");
        Optional<Double> pairlist = certainNumber("pairlistdist");
        Boolean switching = catalog.keyword("switching").map(this::boolState).orElse(null);
        if (Boolean.TRUE.equals(switching) && cutoff.isPresent() && switchDist.isPresent() && switchDist.get() > cutoff.get()) {
            NamdWord w = all("switchdist").get(0).values().get(0);
            error(DISTANCES, "switchdist (" + fmt(switchDist.get()) + ") must be between 0 and cutoff (" + fmt(cutoff.get())
                    + ") when switching is on (NAMD: \"switchDist muct be between 0 and cutoff\")", w.offset(), w.length(), "cutoff");
        }
        if (Boolean.TRUE.equals(switching) && !present("switchdist") && !sourcesUnknown() && !isFragment() && present("cutoff")) {
            Setting on = someOn("switching");
            NamdWord w = (on != null ? on : all("cutoff").get(0)).command().first();
            error(DISTANCES, "switching is on" + (on == null ? " (its default)" : "") + " but switchdist is not set (NAMD: \"switchDist must be "
                    + "defined when switching is enabled\"): set switchdist, or switching off", w.offset(), w.length(), "switchdist");
        }
        if (cutoff.isPresent() && pairlist.isPresent() && pairlist.get() < cutoff.get()) {
            NamdWord w = all("pairlistdist").get(0).values().get(0);
            error(DISTANCES, "pairlistdist (" + fmt(pairlist.get()) + ") must be >= cutoff (" + fmt(cutoff.get())
                    + ") (NAMD: \"pairlistDist must be >= cutoff distance\")", w.offset(), w.length(), "cutoff");
        }
        Setting martini = someCertainOn("martiniSwitching");
        if (martini != null) {
            if (Boolean.FALSE.equals(switching)) {
                error(CONFLICT, "martiniSwitching requires switching (NAMD: \"martiniSwitching requires switching\")",
                        martini.command().first().offset(), martini.command().first().length(), "switching");
            }
            if (someCertainOn("vdwForceSwitching") != null) {
                error(CONFLICT, "martiniSwitching and vdwForceSwitching are exclusive (NAMD dies at start-up)",
                        martini.command().first().offset(), martini.command().first().length(), "vdwForceSwitching");
            }
            for (String m : List.of("PME", "MSM", "FMM")) {
                if (someCertainOn(m) != null) {
                    error(CONFLICT, "do not use " + m + " with Martini (NAMD: \"Set: " + m + " off\")",
                            martini.command().first().offset(), martini.command().first().length(), m);
                }
            }
        }
    }

    static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** PME: a grid spacing or all three grid sizes; sizes of at least 5 that cover the cell at the spacing. */
    private void checkPmeGrid() {
        Setting pme = someCertainOn("PME");
        if (pme == null) {
            return;
        }
        String[] axes = { "X", "Y", "Z" };
        for (String a : axes) {
            // L4235-4241: a size the file certainly sets stays (another setting elsewhere would be a duplicate NAMD refuses),
            // so this holds in fragments and beside unread sourced files too
            Optional<Double> n = certainNumber("PMEGridSize" + a);
            if (n.isPresent() && n.get() < 5) {
                NamdWord w = all("PMEGridSize" + a).get(0).values().get(0);
                error(PME_GRID, "PMEGridSize" + a + " (" + fmt(n.get()) + ") is very small: NAMD needs at least 5 grid points",
                        w.offset(), w.length());
            }
        }
        if (sourcesUnknown() || isFragment()) {
            return;
        }
        boolean allSizes = present("PMEGridSizeX") && present("PMEGridSizeY") && present("PMEGridSizeZ");
        if (!present("PMEGridSpacing") && !allSizes) {
            NamdWord w = pme.command().first();
            error(PME_GRID, "PME needs PMEGridSpacing, or PMEGridSizeX, PMEGridSizeY and PMEGridSizeZ (NAMD: \"Either PMEGridSpacing "
                    + "or PMEGridSizeX, PMEGridSizeY, and PMEGridSizeZ must be specified.\")", w.offset(), w.length(), "PMEGridSpacing");
            return;
        }
        Optional<Double> spacing = certainNumber("PMEGridSpacing");
        if (spacing.isEmpty() || spacing.get() <= 0) {
            return;
        }
        for (int i = 0; i < 3; i++) {
            Optional<Double> n = certainNumber("PMEGridSize" + axes[i]);
            Optional<String> cell = certainValue("cellBasisVector" + (i + 1));
            if (n.isEmpty() || n.get() <= 0 || cell.isEmpty() || present("extendedSystem")) {
                continue;
            }
            double[] v = vector(cell.get());
            if (v == null) {
                continue;
            }
            double length = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            if (n.get() * spacing.get() < length) {
                NamdWord w = all("PMEGridSize" + axes[i]).get(0).values().get(0);
                error(PME_GRID, "PMEGridSize" + axes[i] + " " + fmt(n.get()) + " is too small for cell length " + fmt(length)
                        + " and PMEGridSpacing " + fmt(spacing.get()) + " (NAMD dies at start-up)", w.offset(), w.length());
            }
        }
    }

    // ---------------------------------------------------------------- template rules

    private void checkDeclarations() {
        for (NamdDocument.DeclarationError e : doc.declarationErrors()) {
            error(BAD_DECLARATION, "bad variable declaration: " + e.message(), e.offset(), e.length());
        }
        for (Declaration d : doc.duplicateDeclarations()) {
            error(DUPLICATE_DECLARATION, "variable '" + d.name() + "' is declared twice", d.offset(), d.length(), d.name());
        }
        for (Declaration d : doc.declarations().values()) {
            if (d.defaultValue() != null) {
                String err = ValueChecks.checkVariableValue(d, d.defaultValue());
                if (err != null) {
                    error(BAD_DEFAULT, "default value violates the declaration: " + err, d.offset(), d.length(), d.name());
                }
            }
        }
    }

    private void checkPlaceholders() {
        Map<String, Integer> used = new HashMap<>();
        for (NamdWord.PlaceholderRef ref : doc.placeholders()) {
            used.merge(ref.name(), 1, Integer::sum);
            if (!doc.declarations().containsKey(ref.name())) {
                error(UNDECLARED_VARIABLE, "variable <<" + ref.name() + ">> is not declared: add '#@var " + ref.name() + " type=...'",
                        ref.offset(), ref.length(), ref.name());
            }
        }
        for (Declaration d : doc.declarations().values()) {
            if (!used.containsKey(d.name())) {
                warning(UNUSED_VARIABLE, "variable '" + d.name() + "' is declared but never used as <<" + d.name() + ">>",
                        d.offset(), d.length(), d.name());
            }
        }
    }
}

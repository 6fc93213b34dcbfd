package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.catalog.KeywordCatalog;
import org.namdrunner.template.catalog.KeywordInfo;
import org.namdrunner.template.validation.ValidationOptions;

/**
 * Seeded mistakes in real configs: each clean corpus file (not in KNOWN_BAD.tsv, not a fragment) gets one realistic mistake at
 * a time, of the kinds NAMD 3.0 certainly stops at start-up for (the NAMD source of each kind is named at its mutation), and
 * the validator must report a new error for every mutant. Mistakes whose effect depends on a file the config sources but that
 * is not in the corpus are seeded only where the kind stays certain (see docs/TEMPLATE-AUTHOR-GUIDE.md, "Seeded mistakes").
 * Every mutant is derived from the file's text with a fixed random seed, so a run is repeatable.
 */
class CorpusMutationTest {

    private static final KeywordCatalog CATALOG = KeywordCatalog.standard();
    /** mutants of one kind per file at most */
    private static final int PER_KIND = 3;

    record Mutant(String kind, String text, String what) {
    }

    @Test
    void everySeededStartupMistakeIsAnError() throws Exception {
        Set<String> knownBad = new HashSet<>();
        for (String l : Files.readAllLines(Corpus.corpus().resolve("KNOWN_BAD.tsv"))) {
            knownBad.add(l.split("\t")[0]);
        }
        ValidationOptions options = ValidationOptions.DEFAULT.withSourcesFrom(Corpus.corpus());
        Map<String, int[]> perKind = new TreeMap<>();
        List<String> missed = new ArrayList<>();
        for (Path f : Corpus.files()) {
            String name = f.getFileName().toString();
            if (knownBad.contains(name)) {
                continue;
            }
            String text = Corpus.read(f);
            List<NamdLanguage.Finding> base = NamdLanguage.validate(text, name, options);
            if (base.stream().anyMatch(NamdLanguage.Finding::note)) {
                continue; // a fragment: another config completes it
            }
            Map<String, Integer> baseErrors = errors(base);
            for (Mutant m : mutants(text)) {
                boolean hit = newError(baseErrors, errors(NamdLanguage.validate(m.text(), name, options)));
                int[] c = perKind.computeIfAbsent(m.kind(), k -> new int[2]);
                c[0]++;
                if (hit) {
                    c[1]++;
                } else {
                    missed.add(m.kind() + ": " + name + ": " + m.what());
                }
            }
        }
        perKind.forEach((k, c) -> System.out.printf("%-36s %4d mutants %4d detected%n", k, c[0], c[1]));
        assertTrue(perKind.size() >= 20, "kinds seeded: " + perKind.keySet());
        assertTrue(perKind.values().stream().mapToInt(c -> c[0]).sum() >= 1000, "too few mutants");
        assertEquals(List.of(), missed);
    }

    // ---------------------------------------------------------------- reading a config line by line

    /** The config's lines; keyword settings of the main script before the first run (line -> keyword, value). */
    private static final class Lines {
        List<String> lines;
        boolean[] top;
        int firstRun = -1;
        boolean firstRunTop;
        boolean sources;
        Map<Integer, String[]> kw = new LinkedHashMap<>();
        Map<String, Integer> where = new HashMap<>();
        Map<String, String> val = new HashMap<>();

        Lines(String text) {
            lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            top = new boolean[lines.size()];
            sources = Pattern.compile("(?m)^\\s*source\\s").matcher(text).find();
            int depth = 0;
            boolean cont = false;
            for (int i = 0; i < lines.size(); i++) {
                String t = lines.get(i).strip();
                boolean isTop = depth == 0 && !cont;
                top[i] = isTop;
                if (!t.startsWith("#")) {
                    for (char c : t.toCharArray()) {
                        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                    }
                }
                cont = t.endsWith("\\");
                if (t.startsWith("#") || t.isEmpty()) {
                    continue;
                }
                String[] w = t.split("[\\s=]+", 2);
                if ((w[0].equalsIgnoreCase("run") || w[0].equalsIgnoreCase("minimize")) && firstRun < 0) {
                    firstRun = i;
                    firstRunTop = isTop;
                }
                if (firstRun >= 0 || !isTop || w.length < 2) {
                    continue;
                }
                Optional<KeywordInfo> k = CATALOG.keyword(w[0]);
                String v = stripComment(w[1]);
                if (k.isEmpty() || !k.get().isCore() || v.isEmpty() || v.matches(".*[$\\[<{\"].*")) {
                    continue;
                }
                kw.put(i, new String[] { w[0], v });
                where.putIfAbsent(w[0].toLowerCase(Locale.ROOT), i);
                val.putIfAbsent(w[0].toLowerCase(Locale.ROOT), v);
            }
        }

        boolean on(String k) {
            String v = val.get(k.toLowerCase(Locale.ROOT));
            return v != null && v.matches("(?i)on|yes|true|1");
        }

        Double num(String k) {
            String v = val.get(k.toLowerCase(Locale.ROOT));
            try {
                return v == null ? null : Double.valueOf(v.split("\\s+")[0]);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        long count(String k) {
            return kw.values().stream().filter(a -> a[0].equalsIgnoreCase(k)).count();
        }

        Integer at(String k) {
            return where.get(k.toLowerCase(Locale.ROOT));
        }

        String replace(int i, String line) {
            List<String> l = new ArrayList<>(lines);
            l.set(i, line);
            return String.join("\n", l);
        }

        String delete(Collection<Integer> idx) {
            List<String> l = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (!idx.contains(i)) {
                    l.add(lines.get(i));
                }
            }
            return String.join("\n", l);
        }

        String insertAfter(int i, String line) {
            List<String> l = new ArrayList<>(lines);
            l.add(i + 1, line);
            return String.join("\n", l);
        }
    }

    private static String stripComment(String s) {
        for (String c : List.of(";#", " #", "\t#")) {
            int i = s.indexOf(c);
            if (i >= 0) {
                s = s.substring(0, i);
            }
        }
        return s.strip();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    // ---------------------------------------------------------------- the mistakes

    static List<Mutant> mutants(String text) {
        Lines in = new Lines(text);
        List<Mutant> out = new ArrayList<>();
        if (in.firstRun < 0) {
            return out;
        }
        Random rnd = new Random(text.hashCode());
        List<Integer> kwLines = new ArrayList<>(in.kw.keySet());
        Collections.shuffle(kwLines, rnd);
        Map<String, Integer> perKind = new HashMap<>();
        Function<Mutant, Boolean> add = m -> {
            if (perKind.merge(m.kind(), 1, Integer::sum) <= PER_KIND) {
                out.add(m);
            }
            return true;
        };
        // keyword typos: ParseOptions::set "The following variables were set in the configuration file but are NOT VALID"
        // (src/ParseOptions.C L866-884), SimParameters dies "ERROR(S) IN THE CONFIGURATION FILE" (SimParameters.C L154-157)
        for (int i : kwLines) {
            String k = in.kw.get(i)[0];
            if (k.length() < 5) {
                continue;
            }
            int p = 1 + rnd.nextInt(k.length() - 2);
            String[][] typos = { { "typo.drop", k.substring(0, p) + k.substring(p + 1) },
                    { "typo.swap", k.substring(0, p) + k.charAt(p + 1) + k.charAt(p) + k.substring(p + 2) },
                    { "typo.double", k.substring(0, p) + k.charAt(p) + k.substring(p) } };
            for (String[] t : typos) {
                if (CATALOG.keyword(t[1]).isPresent() || CATALOG.command(t[1]).isPresent() || t[1].equalsIgnoreCase(k)) {
                    continue;
                }
                String l = in.lines.get(i);
                int at = l.indexOf(k);
                add.apply(new Mutant(t[0], in.replace(i, l.substring(0, at) + t[1] + l.substring(at + k.length())), t[1]));
            }
        }
        for (int i : kwLines) {
            String k = in.kw.get(i)[0];
            String v = in.kw.get(i)[1];
            KeywordInfo ki = CATALOG.keyword(k).orElseThrow();
            String l = in.lines.get(i);
            int at = l.indexOf(v, l.indexOf(k) + k.length());
            if (at < 0) {
                continue;
            }
            Function<String, String> put = nv -> in.replace(i, l.substring(0, at) + nv + l.substring(at + v.length()));
            // value types: ParseOptions::scan_int/scan_float/scan_bool (ParseOptions.C L478-600) fail, set() fails
            if (ki.isInt() && v.matches("\\d+")) {
                add.apply(new Mutant("type.intDecimal", put.apply(v + ".5"), k + " " + v + ".5"));
                if (v.matches("\\d*[1-9]0{2,}")) {
                    String mant = v.replaceAll("0+$", "");
                    add.apply(new Mutant("type.intExponent", put.apply(mant + "e" + (v.length() - mant.length())), k + " in e-notation"));
                }
            } else if (ki.isFloat() && v.matches("\\d+\\.\\d+")) {
                add.apply(new Mutant("type.decimalComma", put.apply(v.replace('.', ',')), k + " " + v.replace('.', ',')));
            } else if (ki.isBool() && v.matches("(?i)on|off|yes|no")) {
                String bad = v.equalsIgnoreCase("on") ? "onn" : v.equalsIgnoreCase("off") ? "of" : v.equalsIgnoreCase("yes") ? "ye" : "np";
                add.apply(new Mutant("type.bool", put.apply(bad), k + " " + bad));
            } else if (ki.isEnum() && !ki.enumValues().isEmpty() && v.length() > 3) {
                String bad = v.substring(0, v.length() - 2) + v.substring(v.length() - 1);
                if (ki.enumValues().stream().noneMatch(e -> e.equalsIgnoreCase(bad))) {
                    add.apply(new Mutant("type.enum", put.apply(bad), k + " " + bad));
                }
            }
            // ranges: ParseOptions set_int/set_float "should be positive" (ParseOptions.C L603-620); keywords without a parent
            // are always read
            if (!ki.hasParent() && (ki.isInt() || ki.isFloat()) && v.matches("[\\d.]+")) {
                if ("POSITIVE".equals(ki.range())) {
                    add.apply(new Mutant("range.zero", put.apply("0"), k + " 0"));
                }
                if ("NOT_NEGATIVE".equals(ki.range()) && Double.parseDouble(v) != 0) {
                    add.apply(new Mutant("range.negative", put.apply("-" + v), k + " -" + v));
                }
            }
            // units of another dimension: scan_float "Could not translate from units" (ParseOptions.C L510-515)
            if (ki.isFloat() && v.matches("[\\d.]+") && !ki.units().isEmpty()) {
                String u = ki.units().equalsIgnoreCase("fs") ? "A" : "fs";
                add.apply(new Mutant("unit.wrongDimension", put.apply(v + " " + u), k + " " + v + " " + u));
            }
            // the value forgotten: a bare keyword reads the parameter, "tried before startup to read config file parameter
            // that was not set" (ScriptTcl.C Tcl_config), a Tcl error that stops NAMD
            if (in.count(k) == 1 && !in.sources) {
                add.apply(new Mutant("value.missing", in.replace(i, k), k + " without value"));
            }
        }
        // required keywords: check_config L2805-2817 (coordinates, structure, parameters), L3100 (temperature or velocities),
        // opts.require of cutoff, exclude, outputname (ParseOptions "REQUIRED PARAMETER ... NOT FOUND"); only before a run that
        // certainly happens (a run in a branch may not: then NAMD never starts up)
        boolean amberOrGromacs = in.on("amber") || in.on("gromacs");
        for (String k : List.of("cutoff", "exclude", "outputname", "structure", "coordinates", "temperature")) {
            Integer i = in.at(k);
            if (i != null && in.firstRunTop && in.count(k) == 1 && !in.sources
                    && !(amberOrGromacs && (k.equals("coordinates") || k.equals("structure")))) {
                add.apply(new Mutant("required.removed", in.delete(List.of(i)), "without " + k));
            }
        }
        // a required child of a parent that is on and without a default (opts.require with a parent)
        for (int i : kwLines) {
            KeywordInfo ki = CATALOG.keyword(in.kw.get(i)[0]).orElseThrow();
            if (ki.required() && ki.hasParent() && ki.inStandardBuild() && !ki.hasDefault() && in.on(ki.parent()) && !in.sources) {
                add.apply(new Mutant("required.childRemoved", in.delete(List.of(i)), "without " + ki.name()));
            }
        }
        // distances: check_config L3422 (switchdist beyond cutoff with switching on) and L3476 (pairlistdist below cutoff)
        Double cutoff = in.num("cutoff");
        String switching = in.val.getOrDefault("switching", "on");
        if (cutoff != null && in.at("switchdist") != null && !switching.matches("(?i)off|no|false|0")) {
            add.apply(new Mutant("distance.switchdistBeyondCutoff", in.replace(in.at("switchdist"), "switchdist " + fmt(cutoff + 2)), "switchdist"));
        }
        if (cutoff != null && in.at("pairlistdist") != null) {
            add.apply(new Mutant("distance.pairlistBelowCutoff", in.replace(in.at("pairlistdist"), "pairlistdist " + fmt(cutoff - 1)), "pairlistdist"));
        }
        // PME: check_config L4167 (no periodic cell), L4235-4241 (grid size below 5)
        if (in.on("PME") && in.at("pme") != null) {
            List<Integer> cell = new ArrayList<>();
            for (int i : in.kw.keySet()) {
                if (in.kw.get(i)[0].matches("(?i)cellBasisVector[123]|cellOrigin|extendedSystem")) {
                    cell.add(i);
                }
            }
            if (!cell.isEmpty() && !in.sources && !Pattern.compile("(?im)^\\s*(cellBasisVector|extendedSystem)\\S*\\s.*[$\\[]").matcher(text).find()) {
                add.apply(new Mutant("pme.noCell", in.delete(cell), "PME without a cell"));
            }
            Integer x = in.at("pmegridsizex");
            add.apply(new Mutant("pme.gridTiny", x != null ? in.replace(x, "PMEGridSizeX 4") : in.insertAfter(in.at("pme"), "PMEGridSizeX 4"), "PMEGridSizeX 4"));
            // check_config L4327: stepspercycle a multiple of fullElectFrequency
            long cycle = in.num("stepspercycle") == null ? 20 : in.num("stepspercycle").longValue();
            long f = cycle % 3 == 0 ? 7 : 3;
            Integer fe = in.at("fullelectfrequency");
            add.apply(new Mutant("mts.fullElectNotDividing", fe != null ? in.replace(fe, "fullElectFrequency " + f)
                    : in.insertAfter(in.at("pme"), "fullElectFrequency " + f), "fullElectFrequency " + f));
        }
        // check_config L4301: stepspercycle a multiple of nonbondedFreq
        if (in.at("cutoff") != null && in.at("nonbondedfreq") == null) {
            long cycle = in.num("stepspercycle") == null ? 20 : in.num("stepspercycle").longValue();
            long f = cycle % 3 == 0 ? 7 : 3;
            add.apply(new Mutant("mts.nonbondedNotDividing", in.insertAfter(in.at("cutoff"), "nonbondedFreq " + f), "nonbondedFreq " + f));
        }
        // a keyword set twice before the first run: ParseOptions::set "Multiple definitions of" (ParseOptions.C L689-694)
        int last = in.kw.keySet().stream().max(Integer::compare).orElse(-1);
        for (int i : kwLines) {
            KeywordInfo ki = CATALOG.keyword(in.kw.get(i)[0]).orElseThrow();
            if (!ki.multipleAllowed()) {
                add.apply(new Mutant("duplicate.beforeRun", in.insertAfter(last, in.lines.get(i).strip()), "twice " + ki.name()));
            }
        }
        // changed after the first run: scriptSet "Setting parameter %s from script failed!" (SimParameters.C L468)
        if (in.firstRunTop) {
            for (String k : List.of("cutoff", "exclude", "switchdist", "pairlistdist", "PME", "rigidBonds")) {
                Integer i = in.at(k);
                if (i != null) {
                    add.apply(new Mutant("afterRun.notSettable", in.insertAfter(in.firstRun, in.lines.get(i).strip()), k + " after the run"));
                }
            }
        }
        // a misspelled Tcl variable: Tcl "can't read ...: no such variable", NAMD_die(errorInfo) (ScriptTcl.C L2312-2321)
        Matcher set = Pattern.compile("(?m)^set\\s+(\\w{4,})\\s+\\S.*$").matcher(text);
        Set<String> seen = new HashSet<>();
        while (set.find()) {
            String var = set.group(1);
            String typo = var.substring(0, var.length() - 1);
            if (!seen.add(var) || Pattern.compile("\\b" + Pattern.quote(typo) + "\\b").matcher(text).find()) {
                continue;
            }
            int setLine = (int) text.substring(0, set.start()).chars().filter(c -> c == '\n').count();
            for (int i = setLine + 1; i < in.lines.size(); i++) {
                String l = in.lines.get(i);
                if (in.top[i] && l.matches(".*\\$\\{?" + var + "\\b.*") && !l.strip().startsWith("#") && !l.strip().startsWith("proc")) {
                    add.apply(new Mutant("tcl.varTypo", in.replace(i, l.replaceFirst("\\$(\\{?)" + var + "\\b", "\\$$1" + typo)), "$" + typo));
                    break;
                }
            }
        }
        // temperature beside (bin)velocities: check_config L2835
        Integer vel = in.at("binvelocities") != null ? in.at("binvelocities") : in.at("velocities");
        if (vel != null && in.at("temperature") == null) {
            add.apply(new Mutant("restart.temperatureAndVelocities", in.insertAfter(vel, "temperature 300"), "temperature and velocities"));
        }
        // print_config L6496 (two barostats), L6630 (BerendsenPressureFreq), L6512 (useConstantArea without useFlexibleCell)
        String berendsen = "BerendsenPressure on\nBerendsenPressureTarget 1.01325\nBerendsenPressureCompressibility 4.57e-5\n"
                + "BerendsenPressureRelaxationTime 100";
        Integer piston = in.at("langevinpiston");
        if (in.on("langevinPiston") && in.at("berendsenpressure") == null) {
            add.apply(new Mutant("pressure.twoBarostats", in.insertAfter(piston, berendsen), "Berendsen beside the Langevin piston"));
            Double fef = in.num("fullElectFrequency");
            if (in.on("PME") && fef != null && fef > 1) {
                add.apply(new Mutant("pressure.berendsenFreq", in.replace(piston, berendsen + "\nBerendsenPressureFreq " + (fef.longValue() + 1)),
                        "BerendsenPressureFreq"));
            }
            if (!in.sources && in.at("useflexiblecell") == null && in.at("useconstantarea") == null) {
                add.apply(new Mutant("pressure.constantAreaWithoutFlexibleCell", in.insertAfter(piston, "useConstantArea yes"), "useConstantArea"));
            }
        }
        // print_config L5499: outputEnergies a multiple of computeEnergies (NAMD 3.0)
        Double oe = in.num("outputEnergies");
        if (oe != null && oe > 1 && in.at("computeenergies") == null) {
            long ce = oe.longValue() % 7 == 0 ? 11 : 7;
            add.apply(new Mutant("energy.computeEnergies", in.insertAfter(in.at("outputenergies"), "computeEnergies " + ce), "computeEnergies " + ce));
        }
        return out;
    }

    private static Map<String, Integer> errors(List<NamdLanguage.Finding> findings) {
        Map<String, Integer> m = new HashMap<>();
        for (NamdLanguage.Finding f : findings) {
            if (f.error()) {
                m.merge(f.code() + "|" + f.message().replaceAll("line \\d+", ""), 1, Integer::sum);
            }
        }
        return m;
    }

    private static boolean newError(Map<String, Integer> base, Map<String, Integer> mutant) {
        return mutant.entrySet().stream().anyMatch(e -> e.getValue() > base.getOrDefault(e.getKey(), 0));
    }
}

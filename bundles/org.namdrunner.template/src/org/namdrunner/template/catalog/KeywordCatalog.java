package org.namdrunner.template.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The NAMD keyword catalog: every keyword NAMD's source declares (bundle resource
 * {@value #KEYWORDS_RESOURCE}, facts extracted from NAMD 3.0's source: resources/catalog/README.md) plus the
 * Tcl/NAMD script commands ({@value #COMMANDS_RESOURCE}). Lookups are case-insensitive, like NAMD's.
 */
public final class KeywordCatalog {

    public static final String KEYWORDS_RESOURCE = "/resources/catalog/keywords.tsv";
    public static final String COMMANDS_RESOURCE = "/resources/catalog/tcl_commands.tsv";

    /** Standard Tcl commands (Tcl 8.6) that NAMD configs may use; all are parsed but not checked. */
    private static final List<String> TCL_BUILTINS = List.of("after", "append", "apply", "array", "binary",
            "break", "catch", "cd", "chan", "clock", "close", "concat", "continue", "dict", "encoding", "eof",
            "error", "eval", "exec", "exit", "expr", "fblocked", "fconfigure", "fcopy", "file", "fileevent",
            "flush", "for", "foreach", "format", "gets", "glob", "global", "if", "incr", "info", "interp", "join",
            "lappend", "lassign", "lindex", "linsert", "list", "llength", "lmap", "load", "lrange", "lrepeat",
            "lreplace", "lreverse", "lsearch", "lset", "lsort", "namespace", "open", "package", "pid", "proc",
            "puts", "pwd", "read", "regexp", "regsub", "rename", "return", "scan", "seek", "set", "socket",
            "source", "split", "string", "subst", "switch", "tailcall", "tell", "throw", "time", "trace", "try",
            "unload", "unset", "update", "uplevel", "upvar", "variable", "vwait", "while", "yield", "zlib",
            "lsubst", "auto_execok", "parray", "tcl_findLibrary");

    private static volatile KeywordCatalog standard;

    private final List<KeywordInfo> keywords;
    private final Map<String, KeywordInfo> byKey;
    private final Map<String, List<KeywordInfo>> childrenByParent;
    private final Map<String, TclCommandInfo> commands;
    private final Set<String> moduleCommands;

    private KeywordCatalog(List<KeywordInfo> keywords, Map<String, TclCommandInfo> commands) {
        this.keywords = List.copyOf(keywords);
        Map<String, KeywordInfo> map = new LinkedHashMap<>();
        Map<String, List<KeywordInfo>> children = new LinkedHashMap<>();
        Set<String> modules = new TreeSet<>();
        for (KeywordInfo k : keywords) {
            if (k.isCore()) {
                map.putIfAbsent(k.key(), k);
                if (k.hasParent()) {
                    children.computeIfAbsent(k.parent().toLowerCase(Locale.ROOT), p -> new ArrayList<>()).add(k);
                }
            } else if (k.scope().startsWith("tcl-module:")) {
                // ramd keywords are written "ramd <key> <value>"; namdcph keywords are Tcl procs of namdcph.tcl
                int space = k.name().indexOf(' ');
                modules.add((space > 0 ? k.name().substring(0, space) : k.name()).toLowerCase(Locale.ROOT));
                modules.add(k.name().toLowerCase(Locale.ROOT));
                String module = k.scope().substring("tcl-module:".length()).split("[ (]")[0];
                modules.add(module.toLowerCase(Locale.ROOT));
            }
        }
        this.byKey = Collections.unmodifiableMap(map);
        this.childrenByParent = Collections.unmodifiableMap(children);
        this.commands = Collections.unmodifiableMap(commands);
        this.moduleCommands = Collections.unmodifiableSet(modules);
    }

    /** The catalog shipped in this bundle (loaded once). */
    public static KeywordCatalog standard() {
        KeywordCatalog c = standard;
        if (c == null) {
            synchronized (KeywordCatalog.class) {
                c = standard;
                if (c == null) {
                    try (InputStream kw = KeywordCatalog.class.getResourceAsStream(KEYWORDS_RESOURCE);
                            InputStream cmd = KeywordCatalog.class.getResourceAsStream(COMMANDS_RESOURCE)) {
                        if (kw == null || cmd == null) {
                            throw new IllegalStateException("NAMD keyword catalog resources missing from the bundle: "
                                    + KEYWORDS_RESOURCE + ", " + COMMANDS_RESOURCE);
                        }
                        c = load(kw, cmd);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read the NAMD keyword catalog", e);
                    }
                    standard = c;
                }
            }
        }
        return c;
    }

    /** Loads a catalog from TSV streams in the format of the bundle's resources/catalog/*.tsv. */
    public static KeywordCatalog load(InputStream keywordsTsv, InputStream commandsTsv) throws IOException {
        List<KeywordInfo> keywords = new ArrayList<>();
        for (Map<String, String> row : readTsv(keywordsTsv)) {
            String enums = row.getOrDefault("enum_values", "");
            keywords.add(new KeywordInfo(row.get("keyword"), row.getOrDefault("parent", ""),
                    row.getOrDefault("type", ""), row.getOrDefault("default", ""), row.getOrDefault("source", ""),
                    "yes".equals(row.get("required_if_parent_set")), row.getOrDefault("base_type", ""),
                    row.getOrDefault("range", ""), row.getOrDefault("units", ""),
                    "yes".equals(row.get("multiple_allowed")), "yes".equals(row.get("settable_after_run")),
                    enums.isEmpty() ? List.of() : List.of(enums.split("\\|")), row.getOrDefault("ug_section", ""),
                    row.getOrDefault("scope", ""), row.getOrDefault("build_condition", ""),
                    List.of(row.getOrDefault("namd_versions", "").split("\\s+")).stream().filter(v -> !v.isEmpty()).toList()));
        }
        Map<String, TclCommandInfo> commands = new LinkedHashMap<>();
        for (Map<String, String> row : readTsv(commandsTsv)) {
            // a row may name several commands: "open/close/gets/file/..." or "gpuGlobal/gpuGlobalCreateClient"
            for (String name : row.get("command").split("/")) {
                if (!name.isBlank()) {
                    commands.putIfAbsent(name.toLowerCase(Locale.ROOT), new TclCommandInfo(name, row.getOrDefault("kind", ""),
                            row.getOrDefault("args", ""), row.getOrDefault("description", "")));
                }
            }
        }
        for (String t : TCL_BUILTINS) {
            commands.putIfAbsent(t, new TclCommandInfo(t, "tcl", "", "standard Tcl command"));
        }
        return new KeywordCatalog(keywords, commands);
    }

    private static List<Map<String, String>> readTsv(InputStream in) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = r.readLine();
        if (header == null) {
            return rows;
        }
        String[] names = header.split("\t", -1);
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                row.put(names[i], i < cells.length ? cells[i].trim() : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /** All catalog rows, including Tcl-module keywords (abf, ramd, namdcph). */
    public List<KeywordInfo> all() {
        return keywords;
    }

    /** Keywords NAMD itself declares (scope core), one per case-insensitive name. */
    public List<KeywordInfo> coreKeywords() {
        return List.copyOf(byKey.values());
    }

    /** The core keyword with this name, case-insensitively. */
    public Optional<KeywordInfo> keyword(String name) {
        return Optional.ofNullable(byKey.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Core keywords whose parent is {@code parent}. */
    public List<KeywordInfo> children(String parent) {
        return childrenByParent.getOrDefault(parent.toLowerCase(Locale.ROOT), List.of());
    }

    /** A Tcl or NAMD script command (run, minimize, set, if, ...), case-insensitively. */
    public Optional<TclCommandInfo> command(String name) {
        return Optional.ofNullable(commands.get(name.toLowerCase(Locale.ROOT)));
    }

    public List<TclCommandInfo> commands() {
        return List.copyOf(commands.values());
    }

    /** Commands provided by Tcl modules that NAMD ships (ramd, namdcph procs, abf). */
    public boolean isModuleCommand(String name) {
        return moduleCommands.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Up to {@code max} known names close to {@code unknown} (edit distance, case-insensitive), best first. */
    public List<String> suggestions(String unknown, int max) {
        String u = unknown.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, Math.min(3, u.length() / 3));
        record Scored(String name, int score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (KeywordInfo k : byKey.values()) {
            int d = distance(u, k.key(), limit);
            if (d <= limit) {
                scored.add(new Scored(k.name(), d));
            } else if (u.length() >= 5 && (k.key().startsWith(u) || u.startsWith(k.key()) && k.key().length() >= 5)) {
                scored.add(new Scored(k.name(), limit + 1 + Math.abs(k.key().length() - u.length()) / 4));
            }
        }
        for (TclCommandInfo c : commands.values()) {
            if (c.name().length() > 2 && distance(u, c.name().toLowerCase(Locale.ROOT), 1) <= 1) {
                scored.add(new Scored(c.name(), 1));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::name, String.CASE_INSENSITIVE_ORDER));
        List<String> out = new ArrayList<>();
        for (Scored s : scored) {
            if (!out.contains(s.name()) && out.size() < max) {
                out.add(s.name());
            }
        }
        return out;
    }

    /**
     * The NAMD keyword (of at least five letters) that {@code word} is one slip away from: one letter dropped, added,
     * changed or two neighbours swapped (case ignored, as NAMD ignores it); empty when none or more than one is.
     */
    public Optional<KeywordInfo> oneSlipFrom(String word) {
        String u = word.toLowerCase(Locale.ROOT);
        if (u.length() < 4 || byKey.containsKey(u)) {
            return Optional.empty();
        }
        return oneSlipFrom(u, byKey.keySet(), 5).map(byKey::get);
    }

    /**
     * The one name of {@code names} (each at least {@code minLength} long) that {@code word} is one slip away from (one
     * letter dropped, added, changed or two neighbours swapped; compared as given); empty when none or more than one is.
     */
    public static Optional<String> oneSlipFrom(String word, java.util.Collection<String> names, int minLength) {
        List<String> near = names.stream().filter(n -> n.length() >= minLength && distance(word, n, 1) == 1).toList();
        return near.size() == 1 ? Optional.of(near.get(0)) : Optional.empty();
    }

    /** Damerau-Levenshtein (optimal string alignment) distance, giving up early above {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
        }
        return d[a.length()][b.length()];
    }
}

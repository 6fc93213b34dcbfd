package org.namdrunner.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Reads the JSON of Lmod's spider tool ({@code $LMOD_DIR/spider -o jsonSoftwarePage $MODULEPATH}): one entry per
 * package, each with its versions; a version of a hierarchy has a {@code parent} list — one list of modules per way
 * to reach it (e.g. {@code [["gcc/12","openmpi/4"]]}), in load order — and Core modules have none. Scheduler
 * discoveries use it to record the prerequisite modules of NAMD modules hidden behind compiler and MPI modules.
 */
public final class LmodSpider {
    /**
     * One module version.
     *
     * @param full    the name for {@code module load}, e.g. {@code namd/3.0-mpi}
     * @param parents the ways to reach it, each a list of modules in load order; empty for a Core module
     * @param help    its help text (may be empty)
     */
    public record Entry(String full, List<List<String>> parents, String help) {
        public Entry {
            parents = parents.stream().map(List::copyOf).toList();
            help = help == null ? "" : help;
        }

        /** The first way to reach it (Lmod lists it first in {@code module spider}), or empty. */
        public List<String> prerequisites() {
            return parents.isEmpty() ? List.of() : parents.get(0);
        }
    }

    private LmodSpider() {
    }

    /**
     * The module versions of the JSON, keyed by their full name in lower case; empty for text that is not spider's
     * JSON (an older Lmod, environment-modules).
     */
    public static Map<String, Entry> parse(String json) {
        Map<String, Entry> out = new LinkedHashMap<>();
        if (json == null || json.isBlank() || !json.strip().startsWith("[")) {
            return out;
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(json.strip());
        } catch (JsonParseException e) {
            return out;
        }
        if (!root.isJsonArray()) {
            return out;
        }
        for (JsonElement p : root.getAsJsonArray()) {
            if (!p.isJsonObject() || !p.getAsJsonObject().has("versions") || !p.getAsJsonObject().get("versions").isJsonArray()) {
                continue;
            }
            for (JsonElement v : p.getAsJsonObject().getAsJsonArray("versions")) {
                if (!v.isJsonObject()) {
                    continue;
                }
                JsonObject o = v.getAsJsonObject();
                String full = string(o, "full");
                if (full == null || full.isBlank()) {
                    continue;
                }
                List<List<String>> parents = new ArrayList<>();
                if (o.has("parent") && o.get("parent").isJsonArray()) {
                    for (JsonElement way : o.getAsJsonArray("parent")) {
                        List<String> mods = new ArrayList<>();
                        if (way.isJsonArray()) {
                            for (JsonElement m : (JsonArray) way) {
                                if (m.isJsonPrimitive() && !m.getAsString().isBlank()) {
                                    mods.add(m.getAsString().strip());
                                }
                            }
                        } else if (way.isJsonPrimitive()) {
                            // some Lmod versions write one way as "gcc/12:openmpi/4"
                            for (String m : way.getAsString().split("[:\\s]+")) {
                                if (!m.isBlank() && !m.equalsIgnoreCase("default")) {
                                    mods.add(m);
                                }
                            }
                        }
                        if (!mods.isEmpty() && !parents.contains(mods)) {
                            parents.add(mods);
                        }
                    }
                }
                String key = full.toLowerCase(Locale.ROOT);
                Entry old = out.get(key);
                if (old != null) {
                    // a module reachable through several paths may come once per path
                    List<List<String>> merged = new ArrayList<>(old.parents());
                    parents.stream().filter(w -> !merged.contains(w)).forEach(merged::add);
                    out.put(key, new Entry(old.full(), merged, old.help()));
                } else {
                    out.put(key, new Entry(full, parents, string(o, "help")));
                }
            }
        }
        return out;
    }

    private static String string(JsonObject o, String k) {
        return o.has(k) && o.get(k).isJsonPrimitive() ? o.get(k).getAsString() : null;
    }
}

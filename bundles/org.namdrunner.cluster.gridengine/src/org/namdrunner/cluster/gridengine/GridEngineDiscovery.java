package org.namdrunner.cluster.gridengine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.PartitionSpec;

/**
 * Discovery in one round trip: queues ({@code qconf -sql}, and for each {@code qconf -sq}: slots, h_rt, pe_list),
 * parallel environments ({@code qconf -spl}), hosts' CPUs ({@code qhost}), {@code module -t avail} and, for each
 * NAMD module, which executable it puts on PATH. Queues become the profile's partitions (a job runs on one host:
 * max cores = the queue's slots per host, max wall time = its h_rt).
 */
public final class GridEngineDiscovery {
    static final String SCRIPT = String.join("\n",
            "type module >/dev/null 2>&1 || source /etc/profile >/dev/null 2>&1",
            "echo '#pes'; qconf -spl 2>&1",
            "echo '#queues'",
            "for q in $(qconf -sql 2>/dev/null); do",
            "  printf '#q %s\\n' \"$q\"; qconf -sq \"$q\" 2>&1 | grep -E '^(slots|h_rt|pe_list) '",
            "done",
            "echo '#hosts'; qhost 2>&1 | awk 'NR > 3 {print $1 \"|\" $3}'",
            "echo '#modules'; module -t avail 2>&1",
            "echo '#namd'",
            "module -t avail 2>&1 | grep -i '^namd' | sed 's/(default)//; s/<[^>]*>//g' | while IFS= read -r m; do",
            "  case \"$m\" in *:|*/|*' '*) continue;; esac",
            "  ( module load \"$m\" >/dev/null 2>&1 || exit 0",
            "    exe=; for c in namd3 namd2; do if command -v \"$c\" >/dev/null 2>&1; then exe=$c; break; fi; done",
            "    v=${NAMD_VERSION:-}; printf '%s|%s|%s\\n' \"$m\" \"$exe\" \"$v\" )",
            "done",
            "echo '#end'");

    private GridEngineDiscovery() {
    }

    /** What discovery found: the generic result plus the parallel environments. */
    public record Found(DiscoveryResult result, List<String> parallelEnvironments) {
    }

    /** The discovery script (bash: Lmod's {@code module} needs it). */
    public static String script() {
        return SCRIPT;
    }

    /** Parses the script's output; {@code profilePe} is the profile's parallel environment (warned about when missing). */
    public static Found parse(String output, String profilePe) {
        String section = "";
        List<String> pes = new ArrayList<>();
        Map<String, Map<String, String>> queues = new LinkedHashMap<>();
        String queue = null;
        int maxHostCpus = 0;
        List<String> modules = new ArrayList<>();
        Map<String, NamdModule> namd = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (String raw : output.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#q ")) {
                queue = line.substring(3).strip();
                queues.put(queue, new LinkedHashMap<>());
                continue;
            }
            if (line.startsWith("#") && line.length() > 1 && line.indexOf(' ') < 0) {
                section = line.substring(1);
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            switch (section) {
                case "pes" -> {
                    if (Names.isSafeToken(line)) {
                        pes.add(line);
                    } else {
                        warnings.add("qconf -spl: " + line);
                    }
                }
                case "queues" -> {
                    int sp = line.indexOf(' ');
                    if (queue != null && sp > 0) {
                        queues.get(queue).put(line.substring(0, sp), line.substring(sp).strip());
                    }
                }
                case "hosts" -> {
                    String[] f = line.split("\\|");
                    if (f.length == 2 && !f[0].equals("global")) {
                        Integer n = intOrNull(f[1]);
                        if (n != null) {
                            maxHostCpus = Math.max(maxHostCpus, n);
                        }
                    }
                }
                case "modules" -> {
                    if (!line.endsWith(":") && !line.endsWith("/") && !line.startsWith("Lmod") && !line.contains(" ")) {
                        modules.add(line.replace("(default)", ""));
                    }
                }
                case "namd" -> {
                    String[] f = line.split("\\|", -1);
                    if (f.length >= 3 && !f[0].isBlank()) {
                        String module = f[0].strip();
                        String exe = f[1].isBlank() ? null : f[1].strip();
                        int slash = module.lastIndexOf('/');
                        String version = f[2].isBlank() ? (slash >= 0 ? module.substring(slash + 1) : "") : f[2].strip();
                        namd.put(module, new NamdModule(module, version, exe));
                        if (exe == null) {
                            warnings.add("Module " + module + " puts neither namd3 nor namd2 on PATH");
                        }
                    }
                }
                default -> {
                }
            }
        }
        List<PartitionSpec> specs = new ArrayList<>();
        Set<String> pesInQueues = new LinkedHashSet<>();
        String defaultQueue = queues.containsKey("all.q") ? "all.q" : queues.keySet().stream().findFirst().orElse(null);
        for (Map.Entry<String, Map<String, String>> e : queues.entrySet()) {
            if (!Names.isSafeToken(e.getKey())) {
                warnings.add("Queue name not usable: " + e.getKey());
                continue;
            }
            Integer slots = maxInt(e.getValue().get("slots"));
            if (slots != null && maxHostCpus > 0) {
                slots = Math.min(slots, maxHostCpus);
            }
            Integer maxWall = hrtMinutes(e.getValue().get("h_rt"));
            String peList = e.getValue().getOrDefault("pe_list", "NONE");
            for (String p : peList.split("[\\s,]+")) {
                if (!p.isBlank() && !p.equals("NONE") && !p.startsWith("[")) {
                    pesInQueues.add(p);
                }
            }
            specs.add(new PartitionSpec(e.getKey(), e.getKey().equals(defaultQueue), 1, slots, slots, 1, null, null, null,
                    maxWall, List.of()));
        }
        if (specs.isEmpty()) {
            warnings.add("No queues found (qconf -sql gave nothing usable)");
        }
        String pe = profilePe == null || profilePe.isBlank() ? GridEngineScriptGenerator.DEFAULT_PE : profilePe;
        if (!pes.contains(pe)) {
            warnings.add("The cluster has no parallel environment '" + pe + "' (it has: " + (pes.isEmpty() ? "none" : String.join(", ", pes))
                    + "): set the profile's property parallelEnvironment");
        } else if (!pesInQueues.contains(pe)) {
            warnings.add("No queue lists the parallel environment '" + pe + "' in its pe_list");
        }
        if (modules.isEmpty()) {
            warnings.add("No modules found (is Lmod or environment-modules available after sourcing /etc/profile?)");
        }
        return new Found(new DiscoveryResult(specs, modules, new ArrayList<>(namd.values()), List.of(), warnings), List.copyOf(pes));
    }

    /** Minutes of an h_rt value ({@code HH:MM:SS}, seconds, or INFINITY = null). */
    static Integer hrtMinutes(String v) {
        if (v == null || v.isBlank() || v.equalsIgnoreCase("INFINITY")) {
            return null;
        }
        String[] p = v.strip().split(":");
        try {
            long secs = p.length == 3 ? Long.parseLong(p[0]) * 3600 + Long.parseLong(p[1]) * 60 + Long.parseLong(p[2])
                    : Long.parseLong(p[0]);
            return (int) (secs / 60);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The largest number in a queue value such as {@code 1,[vm=4]}. */
    static Integer maxInt(String v) {
        if (v == null) {
            return null;
        }
        Integer best = null;
        for (String tok : v.replaceAll("\\[[^=\\]]*=", " ").split("[^0-9]+")) {
            Integer n = intOrNull(tok);
            if (n != null && (best == null || n > best)) {
                best = n;
            }
        }
        return best;
    }

    private static Integer intOrNull(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

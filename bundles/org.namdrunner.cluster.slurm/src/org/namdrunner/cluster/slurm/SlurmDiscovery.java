package org.namdrunner.cluster.slurm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.LmodSpider;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.Resources;
import org.namdrunner.cluster.SiteEnvironment;

/**
 * Discovery in one round trip: {@code sinfo} (with each partition's GRES: its GPUs per node and their types),
 * {@code scontrol show partition}, {@code sacctmgr show qos}, whether
 * the Slurm client commands are on PATH (if not: {@code module -t spider slurm} names the module providing them),
 * {@code module -t avail}, Lmod's spider as JSON ({@code $LMOD_DIR/spider -o jsonSoftwarePage $MODULEPATH}: every
 * module of a hierarchy with the modules that must be loaded first, its "parent" lists) and, for each NAMD module
 * (from {@code module -t spider}, else {@code module -t avail}), a probe: it is loaded (after the prerequisites
 * {@code module spider <name>} names, when it cannot be loaded alone), and the probe reports which executable
 * ({@code namd3}/{@code namd2}) it puts on PATH, the version it reports, the prerequisites it needed and the
 * Charm++ build of the binary (the {@code <layer>-linux-<arch>} string every Charm++ program carries, e.g.
 * {@code multicore-linux-x86_64}, {@code netlrts-linux-x86_64}, {@code mpi-linux-x86_64}).
 *
 * <p>The launcher of a module ({@link #launcher}): the Charm++ layer of the binary when found (multicore: {@code +p};
 * netlrts, verbs: {@code charmrun}; mpi, ucx, ofi: {@code srun}); otherwise the module's name, version and help
 * text and its prerequisites (an MPI module such as {@code openmpi/4}, or "mpi" in the name: {@code srun};
 * "netlrts"/"verbs": {@code charmrun}; "multicore"/"smp"/"cuda"/"gpu": {@code +p}); otherwise none, so the
 * profile's launcher applies.
 */
public final class SlurmDiscovery {
    static final String SCRIPT = String.join("\n",
            "type module >/dev/null 2>&1 || source /etc/profile >/dev/null 2>&1",
            "echo '#sinfo'; sinfo -h -o '%R|%c|%m|%D|%G' 2>&1",
            "echo '#scontrol'; scontrol show partition -o 2>&1",
            "echo '#qos'; sacctmgr -n -P show qos format=Name 2>/dev/null",
            "echo '#slurmmissing'",
            "for c in sbatch squeue sacct scancel sinfo scontrol; do command -v \"$c\" >/dev/null 2>&1 || echo \"$c\"; done",
            "echo '#slurmmodules'",
            "if ! command -v sbatch >/dev/null 2>&1; then module -t spider slurm 2>&1; fi",
            "echo '#modules'; module -t avail 2>&1",
            "echo '#spiderjson'",
            "if [ -n \"${LMOD_DIR:-}\" ] && [ -x \"$LMOD_DIR/spider\" ]; then \"$LMOD_DIR/spider\" -o jsonSoftwarePage \"$MODULEPATH\" 2>/dev/null; echo; fi",
            "echo '#namd'",
            "names=$(module -t spider 2>&1 | grep -i '^namd[^/ ]*/[^ ]' | sed 's/(default)//; s/<[^>]*>//g')",
            "[ -n \"$names\" ] || names=$(module -t avail 2>&1 | grep -i '^namd' | sed 's/(default)//; s/<[^>]*>//g')",
            "printf '%s\\n' \"$names\" | while IFS= read -r m; do",
            "  case \"$m\" in ''|*:|*/|*' '*) continue;; esac",
            "  ( set -f; pre=",
            "    if ! module load \"$m\" >/dev/null 2>&1; then",
            "      pre=$(module spider \"$m\" 2>&1 | awk '/will need to load all module/ {f=1; next} f && NF {print; exit}')",
            "      [ -n \"$pre\" ] && module load $pre \"$m\" >/dev/null 2>&1 || exit 0",
            "    fi",
            "    exe=; for c in namd3 namd2; do if command -v \"$c\" >/dev/null 2>&1; then exe=$c; break; fi; done",
            "    arch=; if [ -n \"$exe\" ]; then arch=$(grep -a -o -m1 -E '(multicore|netlrts|verbs|mpi|ucx|ofi|gni|pami|pamilrts)-linux-[A-Za-z0-9_]+' \"$(command -v \"$exe\")\" 2>/dev/null | head -n1); fi",
            "    v=${NAMD_VERSION:-}; printf '%s|%s|%s|%s|%s\\n' \"$m\" \"$exe\" \"$v\" \"$(echo $pre)\" \"$arch\" )",
            "done",
            "echo '#end'");

    private SlurmDiscovery() {
    }

    /** The discovery script (bash: Lmod's {@code module} needs it); run as {@code exec bash -c "$1"} with it as $1. */
    public static String script() {
        return SCRIPT;
    }

    public static DiscoveryResult parse(String output) {
        String section = "";
        Map<String, String[]> sinfo = new HashMap<>();
        Map<String, Integer> gpus = new HashMap<>();
        Map<String, Set<String>> gpuTypes = new HashMap<>();
        List<Map<String, String>> partitions = new ArrayList<>();
        Set<String> qos = new LinkedHashSet<>();
        List<String> modules = new ArrayList<>();
        Map<String, NamdModule> namd = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        StringBuilder slurmSpider = new StringBuilder();
        StringBuilder spiderJson = new StringBuilder();
        List<String[]> probes = new ArrayList<>();
        for (String raw : output.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") && line.length() > 1 && line.indexOf(' ') < 0) {
                section = line.substring(1);
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            switch (section) {
                case "sinfo" -> {
                    String[] f = line.split("\\|");
                    if (f.length >= 4) {
                        sinfo.putIfAbsent(f[0], f);
                        if (f.length >= 5) {
                            // one line per node configuration: the partition offers the most GPUs any of its nodes has
                            Gres g = gres(f[4]);
                            gpus.merge(f[0], g.count(), Math::max);
                            gpuTypes.computeIfAbsent(f[0], k -> new LinkedHashSet<>()).addAll(g.types());
                        }
                    } else {
                        warnings.add("sinfo: " + line);
                    }
                }
                case "scontrol" -> {
                    if (line.startsWith("PartitionName=")) {
                        Map<String, String> kv = new HashMap<>();
                        for (String tok : line.split("\\s+")) {
                            int eq = tok.indexOf('=');
                            if (eq > 0) {
                                kv.put(tok.substring(0, eq), tok.substring(eq + 1));
                            }
                        }
                        partitions.add(kv);
                    } else {
                        warnings.add("scontrol: " + line);
                    }
                }
                case "qos" -> {
                    if (Names.isSafeToken(line)) {
                        qos.add(line);
                    }
                }
                case "modules" -> {
                    if (!line.endsWith(":") && !line.endsWith("/") && !line.startsWith("Lmod") && !line.contains(" ")) {
                        modules.add(line.replace("(default)", ""));
                    }
                }
                case "slurmmissing" -> {
                    if (Names.isSafeToken(line)) {
                        missing.add(line);
                    }
                }
                case "slurmmodules" -> slurmSpider.append(line).append('\n');
                case "spiderjson" -> spiderJson.append(line);
                case "namd" -> {
                    String[] f = line.split("\\|", -1);
                    if (f.length >= 3 && !f[0].isBlank()) {
                        probes.add(f);
                    }
                }
                default -> {
                }
            }
        }
        Map<String, LmodSpider.Entry> spider = LmodSpider.parse(spiderJson.toString());
        for (String[] f : probes) {
            String module = f[0].strip();
            String exe = f[1].isBlank() ? null : f[1].strip();
            String version = f[2].isBlank() ? versionFromName(module) : f[2].strip();
            LmodSpider.Entry entry = spider.get(module.toLowerCase(java.util.Locale.ROOT));
            // prerequisites: spider's JSON (first way to reach the module), else what the probe had to load
            List<String> pre = entry != null && !entry.prerequisites().isEmpty() ? entry.prerequisites()
                    : f.length > 3 && !f[3].isBlank() ? List.of(f[3].strip().split("\\s+")) : List.of();
            String arch = f.length > 4 ? f[4].strip() : "";
            namd.put(module, new NamdModule(module, version, exe, pre,
                    launcher(arch, module, entry == null ? "" : entry.help(), pre)));
            if (exe == null) {
                warnings.add("Module " + module + (pre.isEmpty() ? "" : " (after " + String.join(", ", pre) + ")")
                        + " puts neither namd3 nor namd2 on PATH");
            }
        }
        List<String> slurmModules = SiteEnvironment.spiderModules(slurmSpider.toString(), "slurm");
        if (!missing.isEmpty()) {
            String module = slurmModules.isEmpty() ? null : slurmModules.get(slurmModules.size() - 1);
            warnings.add("Slurm commands not found on PATH: " + String.join(", ", missing) + ". " + (module != null
                    ? "The module " + module + " provides them: add 'source /etc/profile' and 'module load " + module
                            + "' to the profile's site environment."
                    : "No module named slurm was found; add the lines your site documents for Slurm to the profile's site environment."));
        }
        List<PartitionSpec> specs = new ArrayList<>();
        for (Map<String, String> kv : partitions) {
            String name = kv.get("PartitionName");
            if (name == null || !Names.isSafeToken(name)) {
                continue;
            }
            String[] si = sinfo.get(name);
            Integer cpn = si == null ? null : intOrNull(si[1].replace("+", ""));
            Long memPerNode = si == null ? null : longOrNull(si[2].replace("+", ""));
            Integer totalNodes = intOrNull(kv.get("TotalNodes"));
            Integer maxNodes = intOrNull(kv.get("MaxNodes"));
            if (maxNodes == null) {
                maxNodes = totalNodes;
            }
            Integer totalCpus = intOrNull(kv.get("TotalCPUs"));
            Integer maxCpusPerNode = intOrNull(kv.get("MaxCPUsPerNode"));
            Integer maxCores = totalCpus;
            if (maxCpusPerNode != null && maxNodes != null) {
                maxCores = Math.min(maxCores == null ? Integer.MAX_VALUE : maxCores, maxCpusPerNode * maxNodes);
            }
            if (maxCores != null && cpn != null && maxNodes != null) {
                maxCores = Math.min(maxCores, cpn * maxNodes);
            }
            Long maxMem = longOrNull(kv.get("MaxMemPerNode"));
            if (maxMem == null) {
                maxMem = memPerNode;
            }
            Integer maxTime = Resources.parseSlurmTime(kv.get("MaxTime"));
            Integer defTime = Resources.parseSlurmTime(kv.get("DefaultTime"));
            List<String> partQos = new ArrayList<>();
            String q = kv.get("QoS");
            if (q != null && !q.equals("N/A")) {
                for (String s : q.split(",")) {
                    if (Names.isSafeToken(s)) {
                        partQos.add(s);
                    }
                }
            }
            specs.add(new PartitionSpec(name, "YES".equalsIgnoreCase(kv.get("Default")), 1, maxCores, cpn, maxNodes, null,
                    maxMem, defTime, maxTime, List.of(), gpus.getOrDefault(name, 0),
                    new ArrayList<>(gpuTypes.getOrDefault(name, Set.of()))));
        }
        if (specs.isEmpty()) {
            warnings.add("No partitions found (scontrol show partition gave nothing usable)");
        }
        if (modules.isEmpty()) {
            warnings.add("No modules found (is Lmod or environment-modules available after sourcing /etc/profile?)");
        }
        return new DiscoveryResult(specs, modules, new ArrayList<>(namd.values()), new ArrayList<>(qos), warnings);
    }

    /**
     * The launcher of a NAMD build: from the Charm++ layer found in the binary ({@code arch}), else from the module's
     * name, help text and prerequisites; null when nothing tells (the profile's launcher applies).
     */
    public static LauncherMode launcher(String arch, String module, String help, List<String> prerequisites) {
        String a = arch == null ? "" : arch.toLowerCase(java.util.Locale.ROOT);
        if (!a.isEmpty()) {
            String layer = a.substring(0, Math.max(0, a.indexOf('-')));
            switch (layer) {
                case "multicore" -> { return LauncherMode.PLUS_P; }
                case "netlrts", "verbs" -> { return LauncherMode.CHARMRUN; }
                case "mpi", "ucx", "ofi", "gni", "pami", "pamilrts" -> { return LauncherMode.SRUN; }
                default -> { }
            }
        }
        String name = (module + " " + (help == null ? "" : help)).toLowerCase(java.util.Locale.ROOT);
        if (name.matches("(?s).*\\b(netlrts|verbs|ibverbs)\\b.*")) {
            return LauncherMode.CHARMRUN;
        }
        String nameOnly = module.toLowerCase(java.util.Locale.ROOT);
        if (nameOnly.matches(".*(^|[^a-z])mpi([^a-z]|$).*") || prerequisites.stream().map(p -> p.toLowerCase(java.util.Locale.ROOT))
                .anyMatch(p -> p.matches("(openmpi|mpich|mvapich2?|impi|intel-?mpi|intelmpi|cray-mpich|hpcx|hpcx-mpi|mpi)(/.*)?"))) {
            return LauncherMode.SRUN;
        }
        if (nameOnly.matches(".*(multicore|smp|cuda|gpu).*")) {
            return LauncherMode.PLUS_P;
        }
        return null;
    }

    /** GPUs of a node and their types, from sinfo's {@code %G}. */
    record Gres(int count, List<String> types) {
    }

    /**
     * The {@code gpu} entries of a GRES list as sinfo prints it: {@code (null)}, {@code gpu:2},
     * {@code gpu:a100:3(S:0-1)}, {@code gpu:a100:2,gpu:v100:1,mps:100}; the count is their sum per node.
     */
    static Gres gres(String field) {
        int count = 0;
        List<String> types = new ArrayList<>();
        // split at commas that start a new resource (a socket list "(S:0,1)" has commas inside parentheses)
        StringBuilder cur = new StringBuilder();
        List<String> items = new ArrayList<>();
        int depth = 0;
        for (char c : field.strip().toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
            if (c == ',' && depth == 0) {
                items.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        items.add(cur.toString());
        for (String item : items) {
            String g = item.replaceAll("\\(.*\\)", "").strip();
            String[] p = g.split(":");
            if (p.length < 2 || !p[0].equals("gpu")) {
                continue;
            }
            Integer n = intOrNull(p[p.length - 1]);
            if (n == null || n < 0) {
                continue;
            }
            count += n;
            if (p.length >= 3 && Names.isSafeToken(p[1]) && !types.contains(p[1])) {
                types.add(p[1]);
            }
        }
        return new Gres(count, types);
    }

    static String versionFromName(String module) {
        int slash = module.lastIndexOf('/');
        return slash >= 0 ? module.substring(slash + 1) : "";
    }

    private static Integer intOrNull(String s) {
        if (s == null || s.isBlank() || s.equalsIgnoreCase("UNLIMITED") || s.equalsIgnoreCase("N/A")) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longOrNull(String s) {
        Integer i = intOrNull(s);
        return i == null ? null : i.longValue();
    }
}

package org.namdrunner.cluster.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IConfigurationElement;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.Resources;

/** Reads a {@code preset} element of the clusterProfiles extension point into a {@link ProfileConfig}. */
public final class PresetReader {
    private PresetReader() {
    }

    public static ProfileConfig read(IConfigurationElement e, String contributor) {
        String id = required(e, "id");
        ProfileConfig.Builder b = ProfileConfig.builder(id, required(e, "type")).name(e.getAttribute("name"))
                .description(e.getAttribute("description")).host(e.getAttribute("host"))
                .port(intOr(e.getAttribute("port"), 0)).userRule(e.getAttribute("user"))
                .projectRoot(e.getAttribute("projectRoot")).scratchRoot(e.getAttribute("scratchRoot"))
                .account(e.getAttribute("account")).defaultQos(e.getAttribute("defaultQos"))
                .launcher(LauncherMode.parse(e.getAttribute("launcher")))
                .statusMinIntervalSeconds(intOr(e.getAttribute("statusMinIntervalSeconds"),
                        ProfileConfig.DEFAULT_STATUS_INTERVAL_SECONDS))
                .preset(true).contributor(contributor);
        List<String> qos = new ArrayList<>();
        List<String> site = new ArrayList<>();
        for (IConfigurationElement c : e.getChildren()) {
            switch (c.getName()) {
                case "partition" -> b.partition(partition(c));
                case "qos" -> qos.add(required(c, "name"));
                case "module" -> {
                    String pre = c.getAttribute("prerequisites");
                    String launcher = c.getAttribute("launcher");
                    NamdModule m = new NamdModule(required(c, "name"), c.getAttribute("version"), c.getAttribute("executable"),
                            pre == null ? List.of() : List.of(pre.strip().split("[,\\s]+")),
                            launcher == null || launcher.isBlank() ? null : LauncherMode.parse(launcher));
                    b.module(m);
                    if ("true".equalsIgnoreCase(c.getAttribute("default"))) {
                        b.defaultModule(m.module());
                    }
                }
                case "prerequisiteModule" -> {
                    ProfileConfig tmp = b.build();
                    List<String> extra = new ArrayList<>(tmp.extraModules());
                    extra.add(required(c, "name"));
                    b.extraModules(extra);
                }
                case "property" -> b.property(required(c, "key"), c.getAttribute("value"));
                case "siteEnvironment" -> site.add(required(c, "line"));
                default -> throw new IllegalArgumentException("Unknown element <" + c.getName() + "> in preset " + id);
            }
        }
        b.qos(qos);
        b.siteEnvironment(site);
        return b.build();
    }

    private static PartitionSpec partition(IConfigurationElement c) {
        List<String> qos = new ArrayList<>();
        for (IConfigurationElement q : c.getChildren("qos")) {
            qos.add(required(q, "name"));
        }
        String defMem = c.getAttribute("defaultMemory");
        String maxMem = c.getAttribute("maxMemory");
        Integer gpus = intOrNull(c.getAttribute("gpusPerNode"));
        List<String> gpuTypes = new ArrayList<>();
        String types = c.getAttribute("gpuTypes");
        if (types != null) {
            for (String t : types.split(",")) {
                if (!t.isBlank()) {
                    gpuTypes.add(t.strip());
                }
            }
        }
        return new PartitionSpec(required(c, "name"), "true".equalsIgnoreCase(c.getAttribute("default")),
                intOrNull(c.getAttribute("defaultCores")), intOrNull(c.getAttribute("maxCores")),
                intOrNull(c.getAttribute("coresPerNode")), intOrNull(c.getAttribute("maxNodes")),
                defMem == null || defMem.isBlank() ? null : Resources.parseMemoryMb(defMem),
                maxMem == null || maxMem.isBlank() ? null : Resources.parseMemoryMb(maxMem),
                Resources.parseSlurmTime(c.getAttribute("defaultTime")), Resources.parseSlurmTime(c.getAttribute("maxTime")),
                qos, gpus == null ? 0 : gpus, gpuTypes);
    }

    private static String required(IConfigurationElement e, String attr) {
        String v = e.getAttribute(attr);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("<" + e.getName() + "> needs the attribute '" + attr + "'");
        }
        return v.trim();
    }

    private static int intOr(String s, int dflt) {
        return s == null || s.isBlank() ? dflt : Integer.parseInt(s.trim());
    }

    private static Integer intOrNull(String s) {
        return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
    }
}

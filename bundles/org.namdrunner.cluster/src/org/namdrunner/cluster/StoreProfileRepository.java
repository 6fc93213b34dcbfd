package org.namdrunner.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.namdrunner.core.model.ClusterProfileRecord;
import org.namdrunner.store.Store;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * User profiles in the database ({@code cluster_profiles}, settings as JSON) and the active profile id in the
 * settings table. Presets are not stored (they come from plugins). No secrets are ever part of a profile.
 */
public class StoreProfileRepository implements ProfileRepository {
    /** Settings key of the active profile id. */
    public static final String ACTIVE_KEY = "cluster.activeProfile";

    private final Store store;

    public StoreProfileRepository(Store store) {
        this.store = store;
    }

    @Override
    public List<ProfileConfig> list() {
        List<ProfileConfig> out = new ArrayList<>();
        for (ClusterProfileRecord r : store.clusterProfiles().list()) {
            out.add(fromRecord(r));
        }
        return out;
    }

    @Override
    public void save(ProfileConfig profile) {
        store.clusterProfiles().save(new ClusterProfileRecord(profile.id(), profile.name(), profile.typeId(), toJson(profile), null));
    }

    @Override
    public boolean delete(String id) {
        return store.clusterProfiles().delete(id);
    }

    @Override
    public Optional<String> activeProfileId() {
        return store.settings().get(ACTIVE_KEY);
    }

    @Override
    public void setActiveProfileId(String id) {
        if (id == null) {
            store.settings().remove(ACTIVE_KEY);
        } else {
            store.settings().put(ACTIVE_KEY, id);
        }
    }

    /** The profile's settings document (everything but id, name and type). */
    public static String toJson(ProfileConfig p) {
        JsonObject o = new JsonObject();
        o.addProperty("description", p.description());
        o.addProperty("host", p.host());
        o.addProperty("port", p.port());
        o.addProperty("user", p.userRule());
        o.addProperty("project_root", p.projectRoot());
        o.addProperty("scratch_root", p.scratchRoot());
        o.addProperty("account", p.account());
        o.addProperty("default_qos", p.defaultQos());
        o.addProperty("default_module", p.defaultModule());
        o.addProperty("launcher", p.launcher().label());
        o.addProperty("status_min_interval_seconds", p.statusMinIntervalSeconds());
        JsonArray parts = new JsonArray();
        for (PartitionSpec s : p.partitions()) {
            JsonObject j = new JsonObject();
            j.addProperty("name", s.name());
            j.addProperty("default", s.isDefault());
            j.addProperty("default_cores", s.defaultCores());
            j.addProperty("max_cores", s.maxCores());
            j.addProperty("cores_per_node", s.coresPerNode());
            j.addProperty("max_nodes", s.maxNodes());
            j.addProperty("default_memory_mb", s.defaultMemoryMb());
            j.addProperty("max_memory_mb", s.maxMemoryMb());
            j.addProperty("default_wall_minutes", s.defaultWallMinutes());
            j.addProperty("max_wall_minutes", s.maxWallMinutes());
            j.add("qos", strings(s.qos()));
            if (s.hasGpus()) {
                j.addProperty("gpus_per_node", s.gpusPerNode());
                j.add("gpu_types", strings(s.gpuTypes()));
            }
            parts.add(j);
        }
        o.add("partitions", parts);
        o.add("qos", strings(p.qos()));
        JsonArray mods = new JsonArray();
        for (NamdModule m : p.modules()) {
            JsonObject j = new JsonObject();
            j.addProperty("module", m.module());
            j.addProperty("version", m.version());
            j.addProperty("executable", m.executable());
            if (!m.prerequisites().isEmpty()) {
                j.add("prerequisites", strings(m.prerequisites()));
            }
            if (m.launcher() != null) {
                j.addProperty("launcher", m.launcher().label());
            }
            mods.add(j);
        }
        o.add("modules", mods);
        o.add("extra_modules", strings(p.extraModules()));
        o.add("site_environment", strings(p.siteEnvironment()));
        JsonObject props = new JsonObject();
        p.properties().forEach(props::addProperty);
        o.add("properties", props);
        return o.toString();
    }

    public static ProfileConfig fromRecord(ClusterProfileRecord r) {
        JsonObject o = JsonParser.parseString(r.settings()).getAsJsonObject();
        ProfileConfig.Builder b = ProfileConfig.builder(r.id(), r.typeId()).name(r.name()).description(str(o, "description"))
                .host(str(o, "host")).port(o.has("port") ? o.get("port").getAsInt() : 0).userRule(str(o, "user"))
                .projectRoot(str(o, "project_root")).scratchRoot(str(o, "scratch_root")).account(str(o, "account"))
                .defaultQos(str(o, "default_qos")).defaultModule(str(o, "default_module"))
                .launcher(LauncherMode.parse(str(o, "launcher")))
                .statusMinIntervalSeconds(o.has("status_min_interval_seconds") ? o.get("status_min_interval_seconds").getAsInt()
                        : ProfileConfig.DEFAULT_STATUS_INTERVAL_SECONDS);
        if (o.has("partitions")) {
            for (JsonElement e : o.getAsJsonArray("partitions")) {
                JsonObject j = e.getAsJsonObject();
                b.partition(new PartitionSpec(str(j, "name"), j.has("default") && j.get("default").getAsBoolean(),
                        integer(j, "default_cores"), integer(j, "max_cores"), integer(j, "cores_per_node"), integer(j, "max_nodes"),
                        lng(j, "default_memory_mb"), lng(j, "max_memory_mb"), integer(j, "default_wall_minutes"),
                        integer(j, "max_wall_minutes"), list(j, "qos"),
                        j.has("gpus_per_node") ? j.get("gpus_per_node").getAsInt() : 0, list(j, "gpu_types")));
            }
        }
        b.qos(list(o, "qos"));
        if (o.has("modules")) {
            for (JsonElement e : o.getAsJsonArray("modules")) {
                JsonObject j = e.getAsJsonObject();
                String launcher = str(j, "launcher");
                b.module(new NamdModule(str(j, "module"), str(j, "version"), str(j, "executable"), list(j, "prerequisites"),
                        launcher == null || launcher.isBlank() ? null : LauncherMode.parse(launcher)));
            }
        }
        b.extraModules(list(o, "extra_modules"));
        b.siteEnvironment(list(o, "site_environment"));
        Map<String, String> props = new LinkedHashMap<>();
        if (o.has("properties")) {
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("properties").entrySet()) {
                props.put(e.getKey(), e.getValue().isJsonNull() ? null : e.getValue().getAsString());
            }
        }
        b.properties(props);
        return b.build();
    }

    private static JsonArray strings(List<String> l) {
        JsonArray a = new JsonArray();
        l.forEach(a::add);
        return a;
    }

    private static List<String> list(JsonObject o, String k) {
        List<String> out = new ArrayList<>();
        if (o.has(k) && o.get(k).isJsonArray()) {
            for (JsonElement e : o.getAsJsonArray(k)) {
                out.add(e.getAsString());
            }
        }
        return out;
    }

    private static String str(JsonObject o, String k) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsString() : null;
    }

    private static Integer integer(JsonObject o, String k) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsInt() : null;
    }

    private static Long lng(JsonObject o, String k) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsLong() : null;
    }
}

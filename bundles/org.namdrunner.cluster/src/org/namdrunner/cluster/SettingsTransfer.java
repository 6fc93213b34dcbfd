package org.namdrunner.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.namdrunner.core.AtomicFiles;
import org.namdrunner.core.model.ClusterProfileRecord;
import org.namdrunner.store.Store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Moves a user's setup to another machine: the user cluster profiles and the settings (sync interval, rate limits,
 * default resources, appearance ...) as one JSON file. Never secrets: profiles hold none by design, and any
 * setting or profile property whose name looks like a secret (password, passphrase, secret, token) is left out
 * on export and refused on import. Presets are not exported (the plugin that contributes them brings them).
 *
 * <pre>
 * {"format": "namdrunner-settings", "version": 1, "exported": "...",
 *  "profiles": [{"id": ..., "name": ..., "type": ..., "settings": {...}}],
 *  "settings": {"sync.intervalSeconds": "60", ...}}
 * </pre>
 */
public final class SettingsTransfer {

    public static final String FORMAT = "namdrunner-settings";
    public static final int VERSION = 1;
    /** Settings that describe this machine's state rather than the user's choices. */
    static final Set<String> MACHINE_SETTINGS = Set.of("sync.lastSuccess");
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passphrase|passwd|secret|token|credential).*");
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private SettingsTransfer() {
    }

    /** What an export or import moved. */
    public record Summary(int profiles, int settings, List<String> skipped) {
        public Summary {
            skipped = List.copyOf(skipped);
        }
    }

    /** Whether a setting or property name looks like it holds a secret. */
    public static boolean looksSecret(String name) {
        return name != null && SECRET.matcher(name).matches();
    }

    /** The export document of the store's user profiles and settings. */
    public static String export(Store store, List<String> skipped) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("version", VERSION);
        root.addProperty("exported", Instant.now().toString());
        com.google.gson.JsonArray profiles = new com.google.gson.JsonArray();
        for (ClusterProfileRecord r : store.clusterProfiles().list()) {
            JsonObject settings = JsonParser.parseString(r.settings()).getAsJsonObject();
            if (settings.has("properties") && settings.get("properties").isJsonObject()) {
                JsonObject props = settings.getAsJsonObject("properties");
                for (String k : new ArrayList<>(props.keySet())) {
                    if (looksSecret(k)) {
                        props.remove(k);
                        skipped.add("profile " + r.name() + ": property " + k);
                    }
                }
            }
            JsonObject p = new JsonObject();
            p.addProperty("id", r.id());
            p.addProperty("name", r.name());
            p.addProperty("type", r.typeId());
            p.add("settings", settings);
            profiles.add(p);
        }
        root.add("profiles", profiles);
        JsonObject settings = new JsonObject();
        for (Map.Entry<String, String> e : store.settings().all("").entrySet()) {
            if (MACHINE_SETTINGS.contains(e.getKey())) {
                continue;
            }
            if (looksSecret(e.getKey())) {
                skipped.add("setting " + e.getKey());
                continue;
            }
            settings.addProperty(e.getKey(), e.getValue());
        }
        root.add("settings", settings);
        return GSON.toJson(root);
    }

    /** Writes the export document to {@code file} (through a temporary file, so a failed write leaves no half file). */
    public static Summary exportTo(Store store, Path file) throws IOException {
        List<String> skipped = new ArrayList<>();
        String json = export(store, skipped);
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        AtomicFiles.writeString(file, json);
        return new Summary(root.getAsJsonArray("profiles").size(), root.getAsJsonObject("settings").size(), skipped);
    }

    /**
     * Reads an export document and stores its profiles (replacing user profiles with the same id) and settings. The
     * whole document is checked before anything is written: a bad file changes nothing.
     *
     * @param presetIds ids of presets: profiles with these ids are skipped (a preset is never overwritten)
     * @throws IllegalArgumentException with a message for users when the file is not a valid export
     */
    public static Summary importFrom(Store store, String json, Set<String> presetIds) {
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("This is not a NAMDRunner settings file (no JSON object)");
            }
            root = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("This is not a NAMDRunner settings file: " + e.getMessage(), e);
        }
        if (!root.has("format") || !FORMAT.equals(root.get("format").getAsString())) {
            throw new IllegalArgumentException("This is not a NAMDRunner settings file (format is not '" + FORMAT + "')");
        }
        int version = root.has("version") ? root.get("version").getAsInt() : -1;
        if (version != VERSION) {
            throw new IllegalArgumentException("The settings file has version " + version + ", which this NAMDRunner cannot "
                    + "read (it reads version " + VERSION + ")");
        }
        List<ClusterProfileRecord> profiles = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (root.has("profiles")) {
            for (JsonElement pe : root.getAsJsonArray("profiles")) {
                JsonObject p = pe.getAsJsonObject();
                String id = string(p, "id");
                String name = string(p, "name");
                String type = string(p, "type");
                if (id == null || type == null || !p.has("settings") || !p.get("settings").isJsonObject()) {
                    throw new IllegalArgumentException("A profile in the settings file lacks its id, type or settings: " + p);
                }
                JsonObject settings = p.getAsJsonObject("settings");
                if (settings.has("properties") && settings.get("properties").isJsonObject()) {
                    for (String k : settings.getAsJsonObject("properties").keySet()) {
                        if (looksSecret(k)) {
                            throw new IllegalArgumentException("Profile '" + name + "' in the settings file has a secret ('" + k
                                    + "'); secrets belong in secure storage, not in files");
                        }
                    }
                }
                if (presetIds.contains(id)) {
                    skipped.add("profile " + name + " (a preset of this installation)");
                    continue;
                }
                ClusterProfileRecord record = new ClusterProfileRecord(id, name == null ? id : name, type, settings.toString(), null);
                // must be readable as a profile (limits, names) before anything is stored
                try {
                    ProfileConfig config = StoreProfileRepository.fromRecord(record);
                    List<String> problems = ClusterProfileRegistry.basicProblems(config);
                    if (!problems.isEmpty()) {
                        throw new IllegalArgumentException("Profile '" + config.name() + "' in the settings file is not valid: "
                                + String.join("; ", problems));
                    }
                } catch (RuntimeException e) {
                    if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                            && iae.getMessage().startsWith("Profile '")) {
                        throw iae;
                    }
                    throw new IllegalArgumentException("Profile '" + name + "' in the settings file cannot be read: "
                            + e.getMessage(), e);
                }
                profiles.add(record);
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (root.has("settings")) {
            for (Map.Entry<String, JsonElement> e : root.getAsJsonObject("settings").entrySet()) {
                if (looksSecret(e.getKey())) {
                    throw new IllegalArgumentException("The settings file has a secret ('" + e.getKey()
                            + "'); secrets belong in secure storage, not in files");
                }
                if (MACHINE_SETTINGS.contains(e.getKey())) {
                    continue;
                }
                if (e.getValue().isJsonNull() || !e.getValue().isJsonPrimitive()) {
                    throw new IllegalArgumentException("Setting '" + e.getKey() + "' in the settings file is not a value");
                }
                settings.put(e.getKey(), e.getValue().getAsString());
            }
        }
        store.inTransaction(c -> {
            for (ClusterProfileRecord r : profiles) {
                store.clusterProfiles().save(r);
            }
            settings.forEach(store.settings()::put);
            return null;
        });
        return new Summary(profiles.size(), settings.size(), skipped);
    }

    /** Reads {@code file} and imports it (see {@link #importFrom(Store, String, Set)}). */
    public static Summary importFrom(Store store, Path file, Set<String> presetIds) throws IOException {
        return importFrom(store, Files.readString(file, StandardCharsets.UTF_8), presetIds);
    }

    private static String string(JsonObject o, String k) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsString() : null;
    }

    /** A file name for an export made now. */
    public static String suggestedFileName() {
        return "namdrunner-settings-" + java.time.LocalDate.now().toString().toLowerCase(Locale.ROOT) + ".json";
    }
}

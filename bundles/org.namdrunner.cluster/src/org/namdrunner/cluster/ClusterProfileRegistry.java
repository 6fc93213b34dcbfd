package org.namdrunner.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.namdrunner.cluster.internal.PresetReader;

/**
 * All cluster profiles: presets contributed by plugins (extension point
 * {@value #EXTENSION_POINT}, read-only) and user profiles from a {@link ProfileRepository}; profile types by id;
 * the active profile. Users add, edit, duplicate and delete their own profiles; a preset is changed by
 * duplicating it.
 */
public class ClusterProfileRegistry {
    /** Full id of the extension point. */
    public static final String EXTENSION_POINT = "org.namdrunner.cluster.clusterProfiles";
    /** Id of the Local profile preset: the default profile of a fresh install. */
    public static final String DEFAULT_PROFILE_ID = "org.namdrunner.cluster.local.default";

    private final ProfileRepository repository;
    private final Map<String, TypeEntry> types = new LinkedHashMap<>();
    private final Map<String, ProfileConfig> presets = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<Consumer<ClusterProfileRegistry>> listeners = new CopyOnWriteArrayList<>();

    private record TypeEntry(String id, String name, IConfigurationElement element, ClusterProfileType[] instance) {
    }

    /** A registry over {@code repository} with nothing contributed (add types and presets by hand). */
    public ClusterProfileRegistry(ProfileRepository repository) {
        this.repository = repository;
    }

    /** A registry over {@code repository} with everything contributed to the extension point. */
    public static ClusterProfileRegistry fromExtensions(ProfileRepository repository) {
        ClusterProfileRegistry r = new ClusterProfileRegistry(repository);
        IExtensionRegistry reg = RegistryFactory.getRegistry();
        if (reg != null) {
            r.readExtensions(reg.getConfigurationElementsFor(EXTENSION_POINT));
        }
        return r;
    }

    /** Reads {@code type} and {@code preset} elements; bad contributions are skipped and listed in {@link #problems()}. */
    public synchronized void readExtensions(IConfigurationElement[] elements) {
        for (IConfigurationElement e : elements) {
            String contributor = e.getContributor() == null ? null : e.getContributor().getName();
            try {
                switch (e.getName()) {
                    case "type" -> {
                        String id = e.getAttribute("id");
                        types.put(id, new TypeEntry(id, e.getAttribute("name"), e, new ClusterProfileType[1]));
                    }
                    case "preset" -> {
                        ProfileConfig p = PresetReader.read(e, contributor);
                        presets.put(p.id(), p);
                    }
                    default -> problems.add("Unknown element <" + e.getName() + "> from " + contributor);
                }
            } catch (RuntimeException ex) {
                problems.add("Ignored cluster profile contribution from " + contributor + ": " + ex.getMessage());
            }
        }
    }

    /** Registers a type programmatically (tests, headless use). */
    public synchronized void registerType(String id, String name, ClusterProfileType type) {
        types.put(id, new TypeEntry(id, name, null, new ClusterProfileType[] {type}));
    }

    /** Registers a preset programmatically. */
    public synchronized void registerPreset(ProfileConfig preset) {
        presets.put(preset.id(), preset.toBuilder().preset(true).build());
    }

    /** Problems found while reading contributions. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    public synchronized List<String> typeIds() {
        return List.copyOf(types.keySet());
    }

    public synchronized String typeName(String typeId) {
        TypeEntry t = types.get(typeId);
        return t == null ? typeId : t.name();
    }

    /** The profile type with {@code typeId}, created on first use. */
    public ClusterProfileType type(String typeId) throws ClusterException {
        TypeEntry t;
        synchronized (this) {
            t = types.get(typeId);
        }
        if (t == null) {
            throw new ClusterException(ClusterException.Kind.CONFIGURATION, "No cluster profile type '" + typeId
                    + "' is installed (installed: " + String.join(", ", typeIds()) + ")");
        }
        synchronized (t.instance()) {
            if (t.instance()[0] == null) {
                try {
                    t.instance()[0] = (ClusterProfileType) t.element().createExecutableExtension("class");
                } catch (CoreException | ClassCastException e) {
                    throw new ClusterException(ClusterException.Kind.CONFIGURATION,
                            "Cluster profile type '" + typeId + "' cannot be loaded: " + e.getMessage(), e);
                }
            }
            return t.instance()[0];
        }
    }

    /** Presets (read-only) in contribution order. */
    public synchronized List<ProfileConfig> presets() {
        return List.copyOf(presets.values());
    }

    /** User profiles. */
    public List<ProfileConfig> userProfiles() {
        return repository.list();
    }

    /** Presets followed by user profiles. */
    public List<ProfileConfig> all() {
        List<ProfileConfig> all = new ArrayList<>(presets());
        all.addAll(userProfiles());
        return all;
    }

    public Optional<ProfileConfig> find(String id) {
        synchronized (this) {
            ProfileConfig p = presets.get(id);
            if (p != null) {
                return Optional.of(p);
            }
        }
        return repository.list().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public ProfileConfig get(String id) throws ClusterException {
        return find(id).orElseThrow(() -> new ClusterException(ClusterException.Kind.CONFIGURATION,
                "No cluster profile with id '" + id + "'"));
    }

    /** Adds a new user profile; its id must not be taken. */
    public ProfileConfig add(ProfileConfig profile) throws ClusterException {
        if (find(profile.id()).isPresent()) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST,
                    "A cluster profile with id '" + profile.id() + "' already exists");
        }
        return store(profile);
    }

    /** Saves changes to a user profile; presets cannot be edited (duplicate them). */
    public ProfileConfig update(ProfileConfig profile) throws ClusterException {
        if (isPreset(profile.id())) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Profile '" + profile.name()
                    + "' is a preset from a plugin and cannot be edited: duplicate it and edit the copy");
        }
        if (find(profile.id()).isEmpty()) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "No cluster profile with id '" + profile.id() + "'");
        }
        return store(profile);
    }

    /** Copies any profile (preset or user) into a new, editable user profile. */
    public ProfileConfig duplicate(String id, String newName) throws ClusterException {
        ProfileConfig src = get(id);
        String name = newName == null || newName.isBlank() ? src.name() + " (copy)" : newName;
        ProfileConfig copy = src.toBuilder().id("user-" + UUID.randomUUID()).name(name).preset(false).contributor(null)
                .build();
        return store(copy);
    }

    /** Deletes a user profile; presets cannot be deleted. Switches back to the default profile if it was active. */
    public boolean delete(String id) throws ClusterException {
        if (isPreset(id)) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST,
                    "Profile '" + id + "' is a preset from a plugin and cannot be deleted");
        }
        boolean removed = repository.delete(id);
        if (removed && repository.activeProfileId().filter(id::equals).isPresent()) {
            repository.setActiveProfileId(null);
        }
        fire();
        return removed;
    }

    public synchronized boolean isPreset(String id) {
        return presets.containsKey(id);
    }

    /** The active profile: the one chosen by the user, else the Local default, else the first profile. */
    public Optional<ProfileConfig> active() {
        Optional<ProfileConfig> chosen = repository.activeProfileId().flatMap(this::find);
        if (chosen.isPresent()) {
            return chosen;
        }
        return find(DEFAULT_PROFILE_ID).or(() -> all().stream().findFirst());
    }

    /** Switches the active profile. */
    public void setActive(String id) throws ClusterException {
        get(id);
        repository.setActiveProfileId(id);
        fire();
    }

    public void addListener(Consumer<ClusterProfileRegistry> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<ClusterProfileRegistry> l) {
        listeners.remove(l);
    }

    private ProfileConfig store(ProfileConfig profile) throws ClusterException {
        ProfileConfig p = profile.toBuilder().preset(false).build();
        List<String> errors = new ArrayList<>(basicProblems(p));
        if (errors.isEmpty()) {
            TypeEntry t;
            synchronized (this) {
                t = types.get(p.typeId());
            }
            if (t != null) {
                errors.addAll(type(p.typeId()).validate(p));
            }
        }
        if (!errors.isEmpty()) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST,
                    "Profile '" + p.name() + "' is not valid:\n" + String.join("\n", errors));
        }
        repository.save(p);
        fire();
        return p;
    }

    /** Checks shared by all types. */
    public static List<String> basicProblems(ProfileConfig p) {
        List<String> errors = new ArrayList<>();
        if (!p.projectRoot().isEmpty() && !p.projectRoot().startsWith("/") && !p.projectRoot().startsWith("~")) {
            errors.add("Project root must be an absolute path: " + p.projectRoot());
        }
        // like the project root, "~" (home) is allowed: the built-in Local profile uses it, and must stay duplicable
        if (!p.scratchRoot().isEmpty() && !p.scratchRoot().startsWith("/") && !p.scratchRoot().startsWith("~")) {
            errors.add("Scratch root must be an absolute path: " + p.scratchRoot());
        }
        long defaults = p.partitions().stream().filter(PartitionSpec::isDefault).count();
        if (defaults > 1) {
            errors.add("Only one partition can be the default");
        }
        if (p.account() != null && !p.account().isBlank() && !Names.isSafeToken(p.account())) {
            errors.add("Not a valid account name: " + p.account());
        }
        for (NamdModule m : p.modules()) {
            if (!m.module().isEmpty()) {
                try {
                    Names.requireModuleName(m.module());
                } catch (ClusterException e) {
                    errors.add(e.getMessage());
                }
            }
        }
        return errors;
    }

    private void fire() {
        for (Consumer<ClusterProfileRegistry> l : listeners) {
            l.accept(this);
        }
    }
}

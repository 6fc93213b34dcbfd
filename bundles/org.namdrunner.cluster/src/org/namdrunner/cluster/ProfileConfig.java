package org.namdrunner.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The data of one cluster profile: how to reach the cluster and what it offers. Presets contributed by plugins
 * and user profiles kept in the database have the same shape. Immutable; change with {@link #toBuilder()}.
 *
 * @param id                       stable id
 * @param name                     display name
 * @param typeId                   id of the profile type that drives it (e.g. {@code org.namdrunner.cluster.slurm})
 * @param description              free text for users
 * @param host                     login host (or ssh-config alias); unused by the Local type
 * @param port                     ssh port (0: from ssh config, else 22)
 * @param userRule                 login user: a literal name, or {@code ${user.name}} for the local user name, or
 *                                 empty for "ask / from ssh config"
 * @param projectRoot              root of job directories, may contain {@code $USER}
 * @param scratchRoot              root of scratch directories, may contain {@code $USER}; empty: no scratch
 * @param partitions               partitions and their limits
 * @param qos                      QoS names users may choose
 * @param defaultQos               QoS used when the job does not name one (may be null)
 * @param account                  Slurm account ({@code --account}); null: the user's default
 * @param modules                  NAMD modules (name, version, executable)
 * @param defaultModule            module used when the job does not name one
 * @param extraModules             modules loaded before the NAMD module (compilers, MPI ...)
 * @param launcher                 how NAMD is started: mpirun, srun or +p
 * @param statusMinIntervalSeconds minimum seconds between two status queries (default 60)
 * @param preset                   contributed by a plugin (read-only; duplicate it to change it)
 * @param contributor              plugin that contributed a preset, or null
 * @param properties               type-specific extra settings (known_hosts file, key file, ...); no secrets
 * @param siteEnvironment          lines the site's administrators document for preparing the scheduler's
 *                                 environment (e.g. {@code source /etc/profile}, {@code module load slurm/alpine}),
 *                                 in order; run verbatim before every scheduler and module command and in the job
 *                                 script ({@link SiteEnvironment}); empty: none
 */
public record ProfileConfig(String id, String name, String typeId, String description, String host, int port,
        String userRule, String projectRoot, String scratchRoot, List<PartitionSpec> partitions, List<String> qos,
        String defaultQos, String account, List<NamdModule> modules, String defaultModule, List<String> extraModules,
        LauncherMode launcher, int statusMinIntervalSeconds, boolean preset, String contributor,
        Map<String, String> properties, List<String> siteEnvironment) {

    /** Default minimum interval between status queries: the etiquette HPC centres ask for. */
    public static final int DEFAULT_STATUS_INTERVAL_SECONDS = 60;
    /** Stands for the local user's name in {@link #userRule()}. */
    public static final String LOCAL_USER = "${user.name}";

    public ProfileConfig {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A cluster profile needs an id");
        }
        if (typeId == null || typeId.isBlank()) {
            throw new IllegalArgumentException("Cluster profile " + id + " needs a type id");
        }
        name = name == null || name.isBlank() ? id : name;
        description = Objects.requireNonNullElse(description, "");
        host = host == null ? "" : host.trim();
        userRule = userRule == null ? "" : userRule.trim();
        projectRoot = projectRoot == null ? "" : projectRoot.trim();
        scratchRoot = scratchRoot == null ? "" : scratchRoot.trim();
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
        qos = qos == null ? List.of() : List.copyOf(qos);
        modules = modules == null ? List.of() : List.copyOf(modules);
        extraModules = extraModules == null ? List.of() : List.copyOf(extraModules);
        launcher = launcher == null ? LauncherMode.PLUS_P : launcher;
        statusMinIntervalSeconds = statusMinIntervalSeconds < 0 ? DEFAULT_STATUS_INTERVAL_SECONDS : statusMinIntervalSeconds;
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        siteEnvironment = SiteEnvironment.normalize(siteEnvironment);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Cluster profile " + id + ": port must be 0..65535, not " + port);
        }
    }

    public static Builder builder(String id, String typeId) {
        return new Builder(id, typeId);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The login user this profile resolves to, given the local user name. Null when the rule is empty. */
    public String resolveUser(String localUser) {
        if (userRule.isEmpty()) {
            return null;
        }
        return userRule.replace(LOCAL_USER, localUser == null ? "" : localUser);
    }

    /** {@code root} with {@code $USER} / {@code ${USER}} replaced by the login user. */
    public static String resolveRoot(String root, String user) {
        if (root == null || root.isEmpty() || user == null) {
            return root;
        }
        return root.replace("${USER}", user).replace("$USER", user);
    }

    public Optional<PartitionSpec> partition(String partitionName) {
        return partitions.stream().filter(p -> p.name().equals(partitionName)).findFirst();
    }

    /** The partition flagged default, else the first one, else empty. */
    public Optional<PartitionSpec> defaultPartition() {
        return partitions.stream().filter(PartitionSpec::isDefault).findFirst()
                .or(() -> partitions.stream().findFirst());
    }

    /** The module with the given name, or the default module, or the first one. */
    public Optional<NamdModule> module(String moduleName) {
        String wanted = moduleName == null || moduleName.isBlank() ? defaultModule : moduleName;
        if (wanted != null) {
            for (NamdModule m : modules) {
                if (m.module().equals(wanted)) {
                    return Optional.of(m);
                }
            }
            if (moduleName != null && !moduleName.isBlank()) {
                return Optional.empty();
            }
        }
        return modules.stream().findFirst();
    }

    public String property(String key) {
        return properties.get(key);
    }

    /**
     * Property naming the modules a job with GPUs loads after the extra modules and before NAMD's (comma-separated,
     * e.g. {@code cuda/12.1.1}); a NAMD module built for CUDA often loads them itself.
     */
    public static final String GPU_MODULES = "gpuModules";

    /** The modules of {@link #GPU_MODULES}, in order. */
    public List<String> gpuModules() {
        String v = properties.get(GPU_MODULES);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(v.split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
    }

    /** Mutable builder. */
    public static final class Builder {
        private String id;
        private String typeId;
        private String name;
        private String description;
        private String host;
        private int port;
        private String userRule;
        private String projectRoot;
        private String scratchRoot;
        private List<PartitionSpec> partitions = new ArrayList<>();
        private List<String> qos = new ArrayList<>();
        private String defaultQos;
        private String account;
        private List<NamdModule> modules = new ArrayList<>();
        private String defaultModule;
        private List<String> extraModules = new ArrayList<>();
        private LauncherMode launcher = LauncherMode.PLUS_P;
        private int statusMinIntervalSeconds = DEFAULT_STATUS_INTERVAL_SECONDS;
        private boolean preset;
        private String contributor;
        private Map<String, String> properties = new LinkedHashMap<>();
        private List<String> siteEnvironment = new ArrayList<>();

        Builder(String id, String typeId) {
            this.id = id;
            this.typeId = typeId;
        }

        Builder(ProfileConfig c) {
            id = c.id;
            typeId = c.typeId;
            name = c.name;
            description = c.description;
            host = c.host;
            port = c.port;
            userRule = c.userRule;
            projectRoot = c.projectRoot;
            scratchRoot = c.scratchRoot;
            partitions = new ArrayList<>(c.partitions);
            qos = new ArrayList<>(c.qos);
            defaultQos = c.defaultQos;
            account = c.account;
            modules = new ArrayList<>(c.modules);
            defaultModule = c.defaultModule;
            extraModules = new ArrayList<>(c.extraModules);
            launcher = c.launcher;
            statusMinIntervalSeconds = c.statusMinIntervalSeconds;
            preset = c.preset;
            contributor = c.contributor;
            properties = new LinkedHashMap<>(c.properties);
            siteEnvironment = new ArrayList<>(c.siteEnvironment);
        }

        public Builder id(String v) { id = v; return this; }
        public Builder typeId(String v) { typeId = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder userRule(String v) { userRule = v; return this; }
        public Builder projectRoot(String v) { projectRoot = v; return this; }
        public Builder scratchRoot(String v) { scratchRoot = v; return this; }
        public Builder partitions(List<PartitionSpec> v) { partitions = new ArrayList<>(v); return this; }
        public Builder partition(PartitionSpec v) { partitions.add(v); return this; }
        public Builder qos(List<String> v) { qos = new ArrayList<>(v); return this; }
        public Builder defaultQos(String v) { defaultQos = v; return this; }
        public Builder account(String v) { account = v; return this; }
        public Builder modules(List<NamdModule> v) { modules = new ArrayList<>(v); return this; }
        public Builder module(NamdModule v) { modules.add(v); return this; }
        public Builder defaultModule(String v) { defaultModule = v; return this; }
        public Builder extraModules(List<String> v) { extraModules = new ArrayList<>(v); return this; }
        public Builder launcher(LauncherMode v) { launcher = v; return this; }
        public Builder statusMinIntervalSeconds(int v) { statusMinIntervalSeconds = v; return this; }
        public Builder preset(boolean v) { preset = v; return this; }
        public Builder contributor(String v) { contributor = v; return this; }
        public Builder properties(Map<String, String> v) { properties = new LinkedHashMap<>(v); return this; }
        public Builder property(String k, String v) { properties.put(k, v); return this; }
        public Builder siteEnvironment(List<String> v) { siteEnvironment = new ArrayList<>(v); return this; }

        public ProfileConfig build() {
            return new ProfileConfig(id, name, typeId, description, host, port, userRule, projectRoot, scratchRoot,
                    partitions, qos, defaultQos, account, modules, defaultModule, extraModules, launcher,
                    statusMinIntervalSeconds, preset, contributor, properties, siteEnvironment);
        }
    }
}

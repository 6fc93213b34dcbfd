package org.namdrunner.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything needed to open one cluster connection. Immutable; create with {@link #builder(String)}.
 *
 * <p>{@code host} may be an alias from the user's {@code ~/.ssh/config}; values given explicitly here (port,
 * user, key file) win over the config file, as on the OpenSSH command line. Passwords and passphrases are not
 * part of the settings: they come from {@link SecretStore} or the {@link UserInteraction}.
 */
public final class ConnectionSettings {
    private final String id;
    private final String host;
    private final int port;
    private final String user;
    private final AuthMethod authMethod;
    private final Path keyFile;
    private final Path knownHostsFile;
    private final Path sshConfigFile;
    private final String proxyJump;
    private final Duration connectTimeout;
    private final Duration serverAliveInterval;
    private final int serverAliveCountMax;
    private final double commandsPerSecond;
    private final int maxQueuedCommands;
    private final String projectRoot;
    private final String scratchRoot;
    private final boolean useEclipseProxySettings;

    private ConnectionSettings(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.user = b.user;
        this.authMethod = b.authMethod;
        this.keyFile = b.keyFile;
        this.knownHostsFile = b.knownHostsFile;
        this.sshConfigFile = b.sshConfigFile;
        this.proxyJump = b.proxyJump;
        this.connectTimeout = b.connectTimeout;
        this.serverAliveInterval = b.serverAliveInterval;
        this.serverAliveCountMax = b.serverAliveCountMax;
        this.commandsPerSecond = b.commandsPerSecond;
        this.maxQueuedCommands = b.maxQueuedCommands;
        this.projectRoot = b.projectRoot;
        this.scratchRoot = b.scratchRoot;
        this.useEclipseProxySettings = b.useEclipseProxySettings;
        this.id = b.id != null ? b.id
                : (user != null ? user + "@" : "") + host + (port > 0 ? ":" + port : "");
    }

    public static Builder builder(String host) {
        return new Builder(host);
    }

    public Builder toBuilder() {
        Builder b = new Builder(host);
        b.id = id;
        b.port = port;
        b.user = user;
        b.authMethod = authMethod;
        b.keyFile = keyFile;
        b.knownHostsFile = knownHostsFile;
        b.sshConfigFile = sshConfigFile;
        b.proxyJump = proxyJump;
        b.connectTimeout = connectTimeout;
        b.serverAliveInterval = serverAliveInterval;
        b.serverAliveCountMax = serverAliveCountMax;
        b.commandsPerSecond = commandsPerSecond;
        b.maxQueuedCommands = maxQueuedCommands;
        b.projectRoot = projectRoot;
        b.scratchRoot = scratchRoot;
        b.useEclipseProxySettings = useEclipseProxySettings;
        return b;
    }

    /** Key under which secrets of this connection are stored (default {@code user@host:port}). */
    public String getId() {
        return id;
    }

    /** Host name, address or ssh-config alias. */
    public String getHost() {
        return host;
    }

    /** Port, or 0 for "from ssh config, else 22". */
    public int getPort() {
        return port;
    }

    /** User, or null for "from ssh config, else the local user name". */
    public String getUser() {
        return user;
    }

    public AuthMethod getAuthMethod() {
        return authMethod;
    }

    /** Private key file, or null for the IdentityFile entries of the ssh config / the default key files. */
    public Path getKeyFile() {
        return keyFile;
    }

    public Path getKnownHostsFile() {
        return knownHostsFile;
    }

    /** The OpenSSH client config to honour, or null for none. */
    public Path getSshConfigFile() {
        return sshConfigFile;
    }

    /** ProxyJump override ({@code [user@]host[:port][,...]}), or null for the ssh config's value. */
    public String getProxyJump() {
        return proxyJump;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public Duration getServerAliveInterval() {
        return serverAliveInterval;
    }

    public int getServerAliveCountMax() {
        return serverAliveCountMax;
    }

    public double getCommandsPerSecond() {
        return commandsPerSecond;
    }

    public int getMaxQueuedCommands() {
        return maxQueuedCommands;
    }

    /** Remote project root of jobs (e.g. {@code /projects/$USER/namdrunner_jobs}), or null. */
    public String getProjectRoot() {
        return projectRoot;
    }

    /** Remote scratch root of jobs, or null. */
    public String getScratchRoot() {
        return scratchRoot;
    }

    /** Whether Eclipse's network proxy settings (org.eclipse.core.net) apply to direct connections. */
    public boolean isUseEclipseProxySettings() {
        return useEclipseProxySettings;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + id + ", " + authMethod + "]";
    }

    /** Builder with defaults: public key auth, {@code ~/.ssh/known_hosts}, {@code ~/.ssh/config}, 5 commands/s. */
    public static final class Builder {
        private String id;
        private final String host;
        private int port;
        private String user;
        private AuthMethod authMethod = AuthMethod.PUBLIC_KEY;
        private Path keyFile;
        private Path knownHostsFile = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        private Path sshConfigFile = Path.of(System.getProperty("user.home"), ".ssh", "config");
        private String proxyJump;
        private Duration connectTimeout = Duration.ofSeconds(20);
        private Duration serverAliveInterval = Duration.ofSeconds(15);
        private int serverAliveCountMax = 3;
        private double commandsPerSecond = RateLimiter.DEFAULT_RATE;
        private int maxQueuedCommands = RateLimiter.DEFAULT_MAX_QUEUE;
        private String projectRoot;
        private String scratchRoot;
        private boolean useEclipseProxySettings = true;

        private Builder(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("A host (or ssh config alias) is required");
            }
            if (host.startsWith("-") || host.chars().anyMatch(c -> Character.isWhitespace(c) || c < 32)) {
                throw new IllegalArgumentException("Not a valid host name: '" + host + "'");
            }
            this.host = host.trim();
        }

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("Port must be between 1 and 65535 (0 = default): " + value);
            }
            this.port = value;
            return this;
        }

        public Builder user(String value) {
            this.user = value == null || value.isBlank() ? null : value.trim();
            return this;
        }

        public Builder authMethod(AuthMethod value) {
            this.authMethod = Objects.requireNonNull(value);
            return this;
        }

        public Builder keyFile(Path value) {
            this.keyFile = value;
            return this;
        }

        public Builder knownHostsFile(Path value) {
            this.knownHostsFile = Objects.requireNonNull(value);
            return this;
        }

        /** The ssh client config to honour; null disables it. */
        public Builder sshConfigFile(Path value) {
            this.sshConfigFile = value;
            return this;
        }

        public Builder proxyJump(String value) {
            this.proxyJump = value == null || value.isBlank() ? null : value.trim();
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value);
            return this;
        }

        public Builder serverAlive(Duration interval, int countMax) {
            this.serverAliveInterval = Objects.requireNonNull(interval);
            this.serverAliveCountMax = countMax;
            return this;
        }

        public Builder commandsPerSecond(double value) {
            if (!(value > 0)) {
                throw new IllegalArgumentException("Commands per second must be positive: " + value);
            }
            this.commandsPerSecond = value;
            return this;
        }

        public Builder maxQueuedCommands(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("Queue limit must not be negative: " + value);
            }
            this.maxQueuedCommands = value;
            return this;
        }

        public Builder projectRoot(String value) {
            this.projectRoot = value;
            return this;
        }

        public Builder scratchRoot(String value) {
            this.scratchRoot = value;
            return this;
        }

        public Builder useEclipseProxySettings(boolean value) {
            this.useEclipseProxySettings = value;
            return this;
        }

        public ConnectionSettings build() {
            return new ConnectionSettings(this);
        }
    }
}

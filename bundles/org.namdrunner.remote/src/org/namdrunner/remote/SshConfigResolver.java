package org.namdrunner.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.OpenSSHConfig;

/**
 * Applies the user's OpenSSH client config ({@code ~/.ssh/config}, parsed by JSch's {@link OpenSSHConfig}) the
 * way {@code ssh} does: Host aliases, HostName, User, Port, IdentityFile and IdentityAgent (with {@code ~} and
 * {@code %h %p %r %u %d %%} expanded) and ProxyJump. Explicit settings win over the file.
 */
public final class SshConfigResolver {

    /** Where to connect after applying the config. */
    public record Target(String alias, String hostName, int port, String user, List<Path> identityFiles,
            List<Target> jumps, String identityAgent) {
        public Target(String alias, String hostName, int port, String user, List<Path> identityFiles,
                List<Target> jumps) {
            this(alias, hostName, port, user, identityFiles, jumps, null);
        }

        /** {@code user@host:port}. */
        public String destination() {
            return user + "@" + hostName + ":" + port;
        }
    }

    private final ConfigRepository config;
    private final String localUser;
    private final Path home;

    public SshConfigResolver(ConfigRepository config, String localUser, Path home) {
        this.config = config;
        this.localUser = localUser;
        this.home = home;
    }

    /** Parses {@code file}; a null or missing file means "no config". */
    public static SshConfigResolver forFile(Path file) throws RemoteException {
        ConfigRepository repo = null;
        if (file != null && Files.isRegularFile(file)) {
            try {
                repo = OpenSSHConfig.parseFile(file.toString());
            } catch (IOException | RuntimeException e) {
                throw new RemoteException(RemoteErrorKind.CONFIGURATION,
                        "Cannot read the ssh client config " + file + ": " + e.getMessage(), e);
            }
        }
        return new SshConfigResolver(repo, System.getProperty("user.name"), Path.of(System.getProperty("user.home")));
    }

    /** Resolves the settings' host (alias or name) into a target, including its ProxyJump chain. */
    public Target resolve(ConnectionSettings s) throws RemoteException {
        List<Path> explicitKeys = s.getKeyFile() != null ? List.of(s.getKeyFile()) : List.of();
        return resolve(s.getHost(), s.getUser(), s.getPort(), explicitKeys, s.getProxyJump(), 0);
    }

    private Target resolve(String alias, String explicitUser, int explicitPort, List<Path> explicitKeys,
            String explicitJump, int depth) throws RemoteException {
        if (depth > 5) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION,
                    "ProxyJump chain in the ssh config is too long or loops (at " + alias + ").");
        }
        ConfigRepository.Config c = config != null ? config.getConfig(alias) : null;
        String hostName = c != null && c.getHostname() != null ? c.getHostname() : alias;
        int port = explicitPort > 0 ? explicitPort : (c != null && c.getPort() > 0 ? c.getPort() : 22);
        String user = explicitUser != null ? explicitUser
                : (c != null && c.getUser() != null ? c.getUser() : localUser);
        hostName = expand(hostName, alias, alias, port, user);
        List<Path> keys = new ArrayList<>(explicitKeys);
        if (keys.isEmpty() && c != null) {
            String[] ids = c.getValues("IdentityFile");
            if (ids != null) {
                for (String id : ids) {
                    keys.add(Path.of(expand(id, hostName, alias, port, user)));
                }
            }
        }
        String jump = explicitJump != null ? explicitJump : (c != null ? c.getValue("ProxyJump") : null);
        List<Target> jumps = new ArrayList<>();
        if (jump != null && !jump.isBlank() && !"none".equalsIgnoreCase(jump.trim())) {
            for (String hop : jump.split(",")) {
                jumps.add(parseHop(hop.trim(), depth));
            }
        }
        String agent = c != null ? c.getValue("IdentityAgent") : null;
        if (agent != null && !agent.isBlank()) {
            agent = agent.strip();
            // "SSH_AUTH_SOCK" and "$SSH_AUTH_SOCK" name the environment's agent, the default; "none" turns it off
            agent = agent.equals("SSH_AUTH_SOCK") || agent.equals("$SSH_AUTH_SOCK") ? null
                    : agent.equalsIgnoreCase("none") ? "none" : expand(agent, hostName, alias, port, user);
        } else {
            agent = null;
        }
        return new Target(alias, hostName, port, user, List.copyOf(keys), List.copyOf(jumps), agent);
    }

    private Target parseHop(String hop, int depth) throws RemoteException {
        String rest = hop;
        if (rest.startsWith("ssh://")) {
            rest = rest.substring("ssh://".length());
        }
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        int port = 0;
        String host = rest;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new RemoteException(RemoteErrorKind.CONFIGURATION, "Invalid ProxyJump host: " + hop);
            }
            host = rest.substring(1, close);
            if (rest.length() > close + 2 && rest.charAt(close + 1) == ':') {
                port = parsePort(rest.substring(close + 2), hop);
            }
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon >= 0 && rest.indexOf(':') == colon) {
                host = rest.substring(0, colon);
                port = parsePort(rest.substring(colon + 1), hop);
            }
        }
        if (host.isEmpty()) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION, "Invalid ProxyJump host: " + hop);
        }
        // A jump host's own ProxyJump from the config is honoured as well (nested jumps).
        return resolve(host, user, port, List.of(), null, depth + 1);
    }

    private static int parsePort(String p, String hop) throws RemoteException {
        try {
            int v = Integer.parseInt(p);
            if (v < 1 || v > 65535) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION, "Invalid port in ProxyJump " + hop);
        }
    }

    private String expand(String value, String hostName, String alias, int port, String user) {
        String v = value;
        if (v.startsWith("~/") || v.equals("~")) {
            v = home + v.substring(1);
        }
        if (v.indexOf('%') < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == '%' && i + 1 < v.length()) {
                char t = v.charAt(++i);
                switch (t) {
                case 'h' -> sb.append(hostName);
                case 'n' -> sb.append(alias);
                case 'p' -> sb.append(port);
                case 'r' -> sb.append(user);
                case 'u' -> sb.append(localUser);
                case 'd' -> sb.append(home);
                case '%' -> sb.append('%');
                default -> sb.append('%').append(t);
                }
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}

package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Logger;

/**
 * The local test cluster (scripts/test-cluster): reads the properties file named by the system property
 * {@code namdrunner.testcluster} and FAILS with a clear message when it is missing. Also captures JSch's log
 * and collects every command log of the integration tests, for the secret-leak check.
 */
final class TestCluster {
    /** One command log shared by all integration tests (scanned for secrets by SecretLeakIntegrationTest). */
    static final CommandLog LOG = new CommandLog(100_000, CommandLog.DEFAULT_MAX_OUTPUT, java.time.Clock.systemUTC(),
            SecretRedactor.global());
    /** Everything JSch logged during the tests. */
    static final StringBuffer JSCH_LOG = new StringBuffer();

    static {
        JSch.setLogger(new Logger() {
            @Override
            public boolean isEnabled(int level) {
                return level >= Logger.INFO;
            }

            @Override
            public void log(int level, String message) {
                JSCH_LOG.append(level).append(' ').append(message).append('\n');
            }
        });
    }

    private static Properties props;

    private TestCluster() {
    }

    static synchronized Properties props() {
        if (props != null) {
            return props;
        }
        String path = System.getProperty("namdrunner.testcluster");
        if (path == null || path.isBlank()) {
            fail("System property namdrunner.testcluster is not set: run the tests with scripts/run-tests "
                    + "(it starts the test cluster) or pass -Dnamdrunner.testcluster=.../cluster.properties");
        }
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            fail("Test cluster properties " + p + " not found: start the test cluster with "
                    + "`scripts/test-cluster start` (scripts/run-tests does this).");
        }
        Properties pr = new Properties();
        try (Reader r = Files.newBufferedReader(p)) {
            pr.load(r);
        } catch (IOException e) {
            fail("Cannot read " + p + ": " + e);
        }
        for (String k : List.of("host", "port", "user", "password", "keyFile", "keyFileEncrypted", "keyPassphrase",
                "knownHosts", "projectRoot", "scratchRoot")) {
            if (pr.getProperty(k) == null) {
                fail("Test cluster properties " + p + " lack the key " + k);
            }
        }
        props = pr;
        return pr;
    }

    static String get(String key) {
        return props().getProperty(key);
    }

    static String host() {
        return get("host");
    }

    static int port() {
        return Integer.parseInt(get("port"));
    }

    static String user() {
        return get("user");
    }

    static String password() {
        return get("password");
    }

    /**
     * Settings for the test cluster with a private copy of its known_hosts (so tests may change it) and no
     * ssh config (unless a test sets one).
     */
    static ConnectionSettings.Builder settings(Path tempDir, AuthMethod method) throws IOException {
        Path known = tempDir.resolve("known_hosts");
        if (!Files.exists(known)) {
            Files.copy(Path.of(get("knownHosts")), known);
        }
        return ConnectionSettings.builder(host()).port(port()).user(user()).authMethod(method)
                .keyFile(method == AuthMethod.PUBLIC_KEY ? Path.of(get("keyFile")) : null).knownHostsFile(known)
                .sshConfigFile(null).projectRoot(get("projectRoot")).scratchRoot(get("scratchRoot"))
                .useEclipseProxySettings(false);
    }

    /** A fast backoff for tests (few, short waits). */
    static Backoff quickBackoff(int attempts) {
        return new Backoff(50, 2.0, 400, attempts, Backoff.Sleeper.SYSTEM);
    }

    static RemoteConnection connect(ConnectionSettings s, UserInteraction ui, SecretStore store) {
        return new RemoteConnection(s, ui, store, LOG, null, quickBackoff(4));
    }
}

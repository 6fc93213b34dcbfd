package org.namdrunner.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.slurm.SlurmProfileType;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.UserInteraction;
import org.namdrunner.store.Store;

/**
 * The project's test cluster (scripts/test-cluster) for integration tests of several test fragments: reads the
 * properties file named by the system property {@code namdrunner.testcluster} and FAILS the calling test (an
 * {@link AssertionError} with what to do) when it is missing. Not part of the product.
 */
public final class TestCluster {
    /** Preset of the test cluster, contributed by this bundle's plugin.xml (tests only, never in the product). */
    public static final String PRESET_ID = "org.namdrunner.testing.testcluster";

    private static Properties props;

    private TestCluster() {
    }

    /** The cluster's properties (host, port, user, keyFile, knownHosts, stateDir, ...). */
    public static synchronized Properties properties() {
        if (props != null) {
            return props;
        }
        String path = System.getProperty("namdrunner.testcluster");
        if (path == null || path.isBlank()) {
            throw new AssertionError("System property namdrunner.testcluster is not set: run the tests with scripts/run-tests "
                    + "(it starts the test cluster) or pass -Dnamdrunner.testcluster=.../cluster.properties");
        }
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("Test cluster properties " + p + " not found: start the test cluster with "
                    + "`scripts/test-cluster start` (scripts/run-tests does this)");
        }
        Properties pr = new Properties();
        try (Reader r = Files.newBufferedReader(p)) {
            pr.load(r);
        } catch (IOException e) {
            throw new AssertionError("Cannot read the test cluster properties " + p + ": " + e, e);
        }
        props = pr;
        return pr;
    }

    /** The NAMD stand-in the test cluster installs ({@code namd3}, usable without the cluster too, e.g. by Local jobs). */
    public static Path standinNamd3() {
        Path p = Path.of(properties().getProperty("stateDir"), "software", "namd", "3.0", "bin", "namd3");
        if (!Files.isExecutable(p)) {
            throw new AssertionError("NAMD stand-in " + p + " is missing: start the test cluster with `scripts/test-cluster start`");
        }
        return p;
    }

    /**
     * The test-cluster preset ({@link #PRESET_ID}) as a user profile with this run's key and known_hosts, no ssh config and a 0 s
     * status interval; its id is {@code idPrefix} plus a random suffix.
     */
    public static ProfileConfig slurmProfile(String idPrefix) throws ClusterException {
        Properties pr = properties();
        ProfileConfig preset = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository()).get(PRESET_ID);
        return preset.toBuilder().id(idPrefix + UUID.randomUUID()).preset(false).host(pr.getProperty("host"))
                .port(Integer.parseInt(pr.getProperty("port"))).userRule(pr.getProperty("user")).statusMinIntervalSeconds(0)
                .property("keyFile", pr.getProperty("keyFile")).property("knownHosts", pr.getProperty("knownHosts"))
                .property("sshConfig", "none").build();
    }

    /**
     * The test cluster's site-environment user ({@code siteUser}: Slurm commands only after {@code source /etc/profile}
     * and {@code module load slurm}, see docs/TEST-CLUSTER.md) in {@link #slurmProfile} with these site-environment
     * lines; fails with what to do when the cluster has no such user yet.
     */
    public static ProfileConfig siteProfile(String idPrefix, java.util.List<String> siteEnvironment) throws ClusterException {
        String user = properties().getProperty("siteUser");
        if (user == null || user.isBlank()) {
            throw new AssertionError("The test cluster has no site-environment user (siteUser in cluster.properties): run "
                    + "`scripts/test-cluster site-env` (or `scripts/test-cluster start`) as root");
        }
        return slurmProfile(idPrefix).toBuilder().userRule(user).siteEnvironment(siteEnvironment).build();
    }

    /** Connects a Slurm profile non-interactively (key authentication), logging commands to {@code log}. */
    public static ClusterSession connect(ProfileConfig profile, CommandLog log) throws ClusterException {
        return new SlurmProfileType().connect(profile, new SshConnectionContext(UserInteraction.NONE, null, log),
                new NullProgressMonitor());
    }

    /** A fresh store under the module's {@code namdrunner.data} directory (or the temp dir). */
    public static Store newStore(String name) {
        Path dir = Path.of(System.getProperty("namdrunner.data", System.getProperty("java.io.tmpdir")), name + "-" + UUID.randomUUID());
        return Store.open(dir);
    }
}

package org.namdrunner.cli.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.namdrunner.cli.NamdCli;
import org.namdrunner.cluster.local.LocalProfileType;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * A plain (non-OSGi) JVM running a main class of this test fragment, with a flat class path made from the bundles
 * this OSGi test runtime actually wired for the command line and the Local profile (transitive closure of the
 * resolved wires, so exactly the versions the product resolves; nested Bundle-ClassPath jars are extracted; a
 * directory bundle contributes its output folders from the runtime's {@code osgi.dev} entries).
 *
 * <p>Why not the product's launcher: starting Equinox with the whole product takes several seconds per launch on
 * this machine, and the kill test needs about a hundred launches; a flat class path starts in about a second and runs
 * the same command-line code ({@link NamdCli}, {@code automation run}), only the two registries are filled by hand.
 */
final class ChildJvm {
    static final String TEST_BUNDLE = "org.namdrunner.cli.tests";

    private ChildJvm() {
    }

    static List<String> classpath(Path scratch) throws IOException {
        Bundle cli = FrameworkUtil.getBundle(NamdCli.class);
        Bundle local = FrameworkUtil.getBundle(LocalProfileType.class);
        if (cli == null || local == null) {
            fail("not running in an OSGi runtime: the child JVM's class path is built from the runtime's bundles");
        }
        Set<Bundle> seen = new LinkedHashSet<>();
        Deque<Bundle> todo = new ArrayDeque<>(List.of(cli, local));
        while (!todo.isEmpty()) {
            Bundle b = todo.pop();
            if (!seen.add(b)) {
                continue;
            }
            BundleWiring w = b.adapt(BundleWiring.class);
            if (w == null) {
                continue;
            }
            for (BundleWire wire : w.getRequiredWires(null)) {
                todo.add(wire.getProvider().getBundle());
            }
            for (BundleWire wire : w.getProvidedWires("osgi.wiring.host")) {
                todo.add(wire.getRequirer().getBundle());
            }
        }
        // this test fragment (its main class runs in the child), found by name: fragments have no wiring of their own
        for (Bundle b : new ArrayList<>(seen)) {
            if (b.getBundleId() == 0 && b.getBundleContext() != null) {
                for (Bundle any : b.getBundleContext().getBundles()) {
                    if (TEST_BUNDLE.equals(any.getSymbolicName())) {
                        seen.add(any);
                    }
                }
            }
        }
        Properties dev = devProperties(seen);
        String ia = property(seen, "osgi.install.area");
        Path installArea = ia != null && ia.startsWith("file:") ? Path.of(URI.create(ia.replace(" ", "%20"))) : Path.of("").toAbsolutePath();
        List<String> cp = new ArrayList<>();
        for (Bundle b : seen) {
            for (Path p : entries(b, dev, scratch, installArea)) {
                if (!cp.contains(p.toString())) {
                    cp.add(p.toString());
                }
            }
        }
        Files.write(scratch.resolve("classpath.txt"), cp);
        if (seen.stream().noneMatch(b -> TEST_BUNDLE.equals(b.getSymbolicName()))) {
            fail("bundle " + TEST_BUNDLE + " not found in the OSGi runtime; class path: " + cp);
        }
        return cp;
    }

    private static String property(Set<Bundle> bundles, String key) {
        for (Bundle b : bundles) {
            BundleContext c = b.getBundleContext();
            if (c != null && c.getProperty(key) != null) {
                return c.getProperty(key);
            }
        }
        return System.getProperty(key);
    }

    private static Properties devProperties(Set<Bundle> bundles) {
        Properties p = new Properties();
        String url = property(bundles, "osgi.dev");
        if (url != null && url.startsWith("file:")) {
            try (Reader r = Files.newBufferedReader(Path.of(URI.create(url.replace(" ", "%20"))))) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                // fall back to the usual output folders
            }
        }
        return p;
    }

    private static List<Path> entries(Bundle b, Properties dev, Path scratch, Path installArea) throws IOException {
        Path loc = location(b, installArea);
        List<Path> out = new ArrayList<>();
        if (loc == null) {
            return out;
        }
        if (Files.isDirectory(loc)) {
            String d = dev.getProperty(b.getSymbolicName());
            if (d != null) {
                for (String e : d.split(",")) {
                    Path p = loc.resolve(e.strip());
                    if (Files.exists(p)) {
                        out.add(p);
                    }
                }
            }
            for (String e : List.of("target/classes", "target/test-classes", "bin")) {
                Path p = loc.resolve(e);
                if (out.isEmpty() && Files.isDirectory(p)) {
                    out.add(p);
                }
            }
            if (out.isEmpty()) {
                out.add(loc);
            }
            return out;
        }
        String bcp = b.getHeaders("").get(Constants.BUNDLE_CLASSPATH);
        if (bcp == null || bcp.isBlank()) {
            out.add(loc);
            return out;
        }
        for (String e : bcp.split(",")) {
            String entry = e.strip().split(";")[0];
            if (entry.equals(".") || entry.equals("/")) {
                out.add(loc);
            } else if (b.getEntry(entry) != null) {
                Path x = scratch.resolve(b.getSymbolicName() + "_" + entry.replace('/', '_'));
                try (InputStream in = b.getEntry(entry).openStream()) {
                    Files.copy(in, x, StandardCopyOption.REPLACE_EXISTING);
                }
                out.add(x);
            }
        }
        return out;
    }

    private static Path location(Bundle b, Path installArea) {
        if (b.getBundleId() == 0) {
            try {
                return Path.of(Bundle.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (Exception e) {
                return null;
            }
        }
        String l = b.getLocation();
        if (l.startsWith("initial@")) { // installed from config.ini's osgi.bundles
            l = l.substring("initial@".length());
        }
        if (l.startsWith("reference:")) {
            l = l.substring("reference:".length());
        }
        if (l.startsWith("file:")) {
            String path = l.substring("file:".length());
            Path p = Path.of(path.startsWith("//") ? path.substring(2) : path);
            return p.isAbsolute() ? p : installArea.resolve(p).normalize(); // relative to the install area
        }
        return null;
    }

    /** Starts {@code mainClass args} in a new JVM on {@code classpath}; stdout/stderr appended to the given files. */
    static Process start(List<String> classpath, String mainClass, List<String> args, Path stdout, Path stderr) throws IOException {
        String javaExe = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(javaExe, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dlog4j.defaultInitOverride=true", "-cp", String.join(java.io.File.pathSeparator, classpath), mainClass));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
    }
}

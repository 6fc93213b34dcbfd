package org.namdrunner.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's start scripts (features/org.namdrunner.feature/rootfiles/{linux,mac}/namdrunner) run for real against
 * an installation whose launcher jar is {@link FakeLauncher}, with a fake {@code java} that prints its command line
 * (and once with the real JDK): which arguments start the workbench and which the command line, and that
 * {@code --sun-misc-unsafe-memory-access=allow} is passed exactly to JVMs that know it (23+).
 */
class StartScriptTest {

    private static final String CLI = "org.namdrunner.cli.app";
    private static final String UNSAFE = "--sun-misc-unsafe-memory-access=allow";

    @TempDir
    Path tmp;

    private static Path script(String os) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve("features/org.namdrunner.feature/rootfiles").resolve(os).resolve("namdrunner");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        return fail("no features/org.namdrunner.feature/rootfiles/" + os + "/namdrunner above " + Path.of("").toAbsolutePath());
    }

    /** An installation: the script and plugins/org.eclipse.equinox.launcher_1.0.0.jar running {@link FakeLauncher}. */
    private Path install(String os) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("install-" + os));
        Files.copy(script(os), home.resolve("namdrunner"));
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeLauncher.class.getName());
        String entry = FakeLauncher.class.getName().replace('.', '/') + ".class";
        try (OutputStream os2 = Files.newOutputStream(Files.createDirectories(home.resolve("plugins")).resolve("org.eclipse.equinox.launcher_1.0.0.jar"));
                JarOutputStream jar = new JarOutputStream(os2, m);
                InputStream cls = FakeLauncher.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            cls.transferTo(jar);
            jar.closeEntry();
        }
        return home;
    }

    /**
     * A JDK whose {@code java} reports {@code version} as its specification version and, started otherwise, prints its
     * command line ({@code jvm ARG}, one a line) instead of running: the dispatch is checked without starting JVMs.
     */
    private Path fakeJdk(int version) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("jdk" + version).resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nif [ \"$1\" = -XshowSettings:properties ]; then echo '    java.specification.version = "
                + version + "' >&2; exit 0; fi\nfor a in \"$@\"; do printf 'jvm %s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin.getParent();
    }

    /** What the start script ran: the java command line ({@code jvm X}; with the real JDK also {@code arg X}). */
    private List<String> start(Path home, Path jdk, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", home.resolve("namdrunner").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("NAMDRUNNER_JAVA_HOME", jdk.toString());
        pb.environment().put("XDG_DATA_HOME", tmp.resolve("xdg").toString());
        pb.environment().put("HOME", tmp.resolve("home").toString());
        pb.environment().remove("NAMDRUNNER_VMARGS");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script did not end");
        assertEquals(0, p.exitValue(), output);
        return output.lines().toList();
    }

    /** The launcher's arguments (after {@code -jar LAUNCHER}) of a fake JDK's command line. */
    private static List<String> launcherArgs(List<String> launched) {
        int jar = launched.indexOf("jvm -jar");
        assertTrue(jar >= 0, launched.toString());
        return launched.subList(jar + 2, launched.size()).stream().map(l -> l.substring("jvm ".length())).toList();
    }

    private static boolean cli(List<String> launcherArgs) {
        int app = launcherArgs.indexOf("-application");
        return app >= 0 && launcherArgs.get(app + 1).equals(CLI) && launcherArgs.contains("-nosplash");
    }

    @Test
    void noArgumentsOrAnEclipseOptionFirstStartTheWorkbench() throws Exception {
        Path home = install("linux");
        Path jdk = fakeJdk(25);
        List<String> none = launcherArgs(start(home, jdk));
        assertFalse(cli(none), none.toString());
        assertTrue(none.contains("-data") && none.contains(tmp.resolve("xdg/namdrunner/workspace").toString()), none.toString());
        for (String option : List.of("-data", "-clearPersistedState", "-clean", "-consoleLog", "-debug", "-console", "-nl", "-vmargs",
                "-vm", "-noSplash", "-showLocation", "-application", "-perspective", "-product", "-nosplash", "-CONSOLELOG")) {
            List<String> launched = launcherArgs(start(home, jdk, option, "x"));
            assertFalse(cli(launched), option + ": " + launched);
            assertEquals(List.of(option, "x"), launched.subList(launched.size() - 2, launched.size()), "passed on unchanged");
        }
    }

    @Test
    void everythingElseGoesToTheCommandLine() throws Exception {
        Path jdk = fakeJdk(25);
        List<List<String>> cases = List.of(List.of("--help"), List.of("help", "validate"), List.of("--version"), List.of("-h"),
                List.of("validate", "a b.namd"), List.of("frobnicate"), List.of("--bogus"), List.of("automation", "run", "x"),
                List.of("-"), List.of(""));
        for (String os : List.of("linux", "mac")) {
            Path home = install(os);
            // the mac script differs from the linux one only in paths: a few cases suffice
            for (List<String> args : os.equals("linux") ? cases : cases.subList(0, 3)) {
                List<String> launched = start(home, jdk, args.toArray(String[]::new));
                List<String> launcher = launcherArgs(launched);
                assertTrue(cli(launcher), os + " " + args + ": " + launched);
                int app = launcher.indexOf(CLI);
                assertEquals(args, launcher.subList(app + 1, launcher.size()), "arguments passed on unchanged");
                assertTrue(launched.contains("jvm -Djava.awt.headless=true"), launched.toString());
                int data = launcher.indexOf("-data");
                assertEquals("@none", launcher.get(data + 1), "no workspace: " + launcher);
            }
        }
    }

    @Test
    void theUnsafeOptionOnlyForJdksThatKnowIt() throws Exception {
        Path home = install("linux");
        for (int version : List.of(21, 22, 23)) {
            List<String> launched = start(home, fakeJdk(version), "--version");
            assertEquals(version >= 23, launched.contains("jvm " + UNSAFE), version + ": " + launched);
        }
        // the workbench's JVM too
        assertFalse(start(home, fakeJdk(22), "-consoleLog").contains("jvm " + UNSAFE));
        assertTrue(start(home, fakeJdk(24), "-consoleLog").contains("jvm " + UNSAFE));
        // the real JDK this test runs on starts with what the script gives it (FakeLauncher prints jvm options and arguments)
        Path real = Path.of(System.getProperty("java.home"));
        boolean known = Runtime.version().feature() >= 23;
        for (String first : List.of("--version", "-consoleLog")) {
            List<String> launched = start(home, real, first);
            assertTrue(launched.contains("arg " + first), launched.toString());
            assertEquals(known, launched.contains("jvm " + UNSAFE), launched.toString());
            assertEquals(first.equals("--version"), launched.contains("arg " + CLI), launched.toString());
        }
    }
}

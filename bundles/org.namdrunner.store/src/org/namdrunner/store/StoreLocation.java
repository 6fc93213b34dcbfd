package org.namdrunner.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where NAMDRunner keeps its local data. The system property {@value #DATA_PROPERTY} wins (tests, portable
 * installs); otherwise the operating system's per-user application-data directory:
 * <ul>
 * <li>Linux and other Unix: {@code $XDG_DATA_HOME/namdrunner}, by default {@code ~/.local/share/namdrunner}</li>
 * <li>Windows: {@code %APPDATA%\namdrunner} (falls back to {@code ~\AppData\Roaming\namdrunner})</li>
 * <li>macOS: {@code ~/Library/Application Support/namdrunner}</li>
 * </ul>
 */
public final class StoreLocation {
    /** System property naming the data directory explicitly. */
    public static final String DATA_PROPERTY = "namdrunner.data";
    /** Directory name under the OS application-data directory. */
    public static final String APP_DIR = "namdrunner";

    private StoreLocation() {
    }

    /** The data directory for this process (not created). */
    public static Path dataDirectory() {
        return dataDirectory(System.getProperty(DATA_PROPERTY), System.getProperty("os.name", ""),
                org.namdrunner.core.NamdRunner.userHome().toString(), System.getenv());
    }

    /** The rule above as a pure function, for tests and diagnostics. */
    public static Path dataDirectory(String override, String osName, String userHome, Map<String, String> env) {
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
            return base.resolve(APP_DIR);
        }
        if (os.startsWith("mac") || os.contains("darwin")) {
            return home.resolve("Library").resolve("Application Support").resolve(APP_DIR);
        }
        String xdg = env.get("XDG_DATA_HOME");
        // XDG spec: a relative XDG_DATA_HOME is invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg).resolve(APP_DIR);
        }
        return home.resolve(".local").resolve("share").resolve(APP_DIR);
    }
}

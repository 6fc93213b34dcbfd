package org.namdrunner.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.namdrunner.core.model.Job;

class StoreLifecycleTest extends StoreTestSupport {

    @Test
    void reopenedStoreKeepsData() throws Exception {
        Path dir = newDir();
        Store s = open(dir);
        Job j = fullJob();
        s.jobs().insert(j);
        s.settings().put("a", "b");
        s.close();
        assertTrue(s.isClosed());
        StoreException closed = assertThrows(StoreException.class, () -> s.jobs().find(j.id()));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        s.close(); // idempotent

        Store again = open(dir);
        assertEquals(j, again.jobs().find(j.id()).orElseThrow());
        assertEquals("b", again.settings().get("a").orElseThrow());
        assertEquals(Store.latestSchemaVersion(), again.schemaVersion());
    }

    @Test
    void sameDirectoryCannotBeOpenedTwice() throws Exception {
        Path dir = newDir();
        open(dir);
        StoreException e = assertThrows(StoreException.class, () -> Store.open(dir.resolve("x/..")));
        assertTrue(e.getMessage().contains("already open"), e.getMessage());
    }

    @Test
    void defaultLocationFollowsThePlatformRules() {
        Map<String, String> none = Map.of();
        assertEquals(Path.of("/home/u/.local/share/namdrunner"),
                StoreLocation.dataDirectory(null, "Linux", "/home/u", none));
        assertEquals(Path.of("/data/x/namdrunner"),
                StoreLocation.dataDirectory(null, "Linux", "/home/u", Map.of("XDG_DATA_HOME", "/data/x")));
        assertEquals(Path.of("/home/u/.local/share/namdrunner"),
                StoreLocation.dataDirectory(null, "Linux", "/home/u", Map.of("XDG_DATA_HOME", "relative/ignored")));
        assertEquals(Path.of("/Users/u/Library/Application Support/namdrunner"),
                StoreLocation.dataDirectory(null, "Mac OS X", "/Users/u", none));
        assertEquals(Path.of("C:\\Users\\u\\AppData\\Roaming").resolve("namdrunner"),
                StoreLocation.dataDirectory(null, "Windows 11", "C:\\Users\\u", Map.of("APPDATA", "C:\\Users\\u\\AppData\\Roaming")));
        assertEquals(Path.of("/portable/data"),
                StoreLocation.dataDirectory("/portable/data", "Windows 11", "C:\\Users\\u", none));
    }

    @Test
    void testsRunUnderTheConfiguredDataDirectory() {
        // scripts/run-tests and the root pom set namdrunner.data; the default location must then follow it.
        String prop = System.getProperty(StoreLocation.DATA_PROPERTY);
        assertNotNull(prop, "system property " + StoreLocation.DATA_PROPERTY + " is set for tests");
        assertEquals(Path.of(prop).toAbsolutePath().normalize(), StoreLocation.dataDirectory());
    }

    @Test
    void directoryWithSemicolonIsRefusedClearly() throws Exception {
        StoreException e = assertThrows(StoreException.class, () -> Store.open(newDir().resolve("a;b")));
        assertTrue(e.getMessage().contains("';'"), e.getMessage());
    }
}

package org.namdrunner.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.Sh;

class NamesAndPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"run 1", "$(touch /tmp/x)", "a'b\"c", "`id`;rm -rf ~", "ünïcødé ✓", "-leading-dash", "*?[]{}<>|&"})
    void jobNamesWithShellMetacharactersAreAccepted(String name) {
        assertDoesNotThrow(() -> Names.requireJobName(name));
    }

    @Test
    void jobNamesWithControlCharactersAreRefusedWithPosition() {
        ClusterException e = assertThrows(ClusterException.class, () -> Names.requireJobName("ab\ncd"));
        assertTrue(e.getMessage().contains("control character (U+000A) at position 3"), e.getMessage());
        assertThrows(ClusterException.class, () -> Names.requireJobName(" "));
        assertThrows(ClusterException.class, () -> Names.requireJobName("x".repeat(201)));
    }

    @Test
    void fileNamesMustBeOneComponent() {
        assertThrows(ClusterException.class, () -> Names.requireFileName("../etc/passwd"));
        assertThrows(ClusterException.class, () -> Names.requireFileName("a/b"));
        assertThrows(ClusterException.class, () -> Names.requireFileName(".."));
        assertThrows(ClusterException.class, () -> Names.requireFileName("a\tb"));
        assertThrows(ClusterException.class, () -> Names.requireFileName("é".repeat(128)));
        assertDoesNotThrow(() -> Names.requireFileName("my input $(x).pdb"));
    }

    @Test
    void slugIsFileSystemSafe() {
        assertEquals("my_run__1_", Names.slug("my run #1!"));
        assertEquals("_hidden", Names.slug(".hidden"));
        assertEquals("job", Names.slug(""));
        assertEquals(40, Names.slug("x".repeat(100)).length());
    }

    @Test
    void modulesAndEnvironmentNames() {
        assertThrows(ClusterException.class, () -> Names.requireModuleName("namd 3"));
        assertDoesNotThrow(() -> Names.requireModuleName("NAMD/3.0b6-foss-2023a-CUDA"));
        assertThrows(ClusterException.class, () -> Names.requireEnvName("1X"));
        assertThrows(ClusterException.class, () -> Names.requireEnvName("A-B"));
        assertDoesNotThrow(() -> Names.requireEnvName("OMP_NUM_THREADS"));
    }

    @Test
    void quotingRules() {
        assertEquals("abc/def-1.2", Sh.quote("abc/def-1.2"));
        assertEquals("''", Sh.quote(""));
        assertEquals("'a b'", Sh.quote("a b"));
        assertEquals("'it'\\''s'", Sh.quote("it's"));
        assertThrows(IllegalArgumentException.class, () -> Sh.quote("a\0b"));
    }

    @Test
    void pathsAreConfinedToTheRoots() throws ClusterException {
        List<String> roots = List.of("/projects/u/jobs", "/scratch/u/jobs");
        assertEquals("/projects/u/jobs/a/b", RemotePaths.confine("/projects/u/jobs//a/./b", roots, false));
        assertThrows(ClusterException.class, () -> RemotePaths.confine("/projects/u/jobs/../../etc", roots, false));
        assertThrows(ClusterException.class, () -> RemotePaths.confine("/projects/u/jobsX/a", roots, false));
        assertThrows(ClusterException.class, () -> RemotePaths.confine("/projects/u/jobs", roots, false));
        assertEquals("/projects/u/jobs", RemotePaths.confine("/projects/u/jobs/", roots, true));
        assertThrows(ClusterException.class, () -> RemotePaths.confine("relative/path", roots, false));
    }
}

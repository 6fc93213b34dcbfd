package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RemotePathsTest {
    final RemotePaths p = new RemotePaths("/projects/u/namdrunner_jobs/", "/scratch/u/namdrunner_jobs");

    @Test
    void normalizes() {
        assertEquals("/a/b", RemotePaths.normalize("/a//b/"));
        assertEquals("/a/c", RemotePaths.normalize("/a/./b/../c"));
        assertEquals("/", RemotePaths.normalize("/a/.."));
        assertThrows(IllegalArgumentException.class, () -> RemotePaths.normalize("/.."));
        assertThrows(IllegalArgumentException.class, () -> RemotePaths.normalize("relative/x"));
        assertThrows(IllegalArgumentException.class, () -> RemotePaths.normalize("/a\0b"));
        assertEquals("/a/b", RemotePaths.child("/a", "b"));
        assertThrows(IllegalArgumentException.class, () -> RemotePaths.child("/a", ".."));
        assertThrows(IllegalArgumentException.class, () -> RemotePaths.child("/a", "b/c"));
        assertEquals("/a", RemotePaths.parent("/a/b"));
        assertEquals("/", RemotePaths.parent("/a"));
    }

    @Test
    void confinesToTheJobRoots() throws Exception {
        assertEquals("/projects/u/namdrunner_jobs/j1/in.conf", p.requireConfined("/projects/u/namdrunner_jobs/j1//in.conf"));
        assertEquals("/scratch/u/namdrunner_jobs/j1", p.requireConfined("/scratch/u/namdrunner_jobs/j1/"));
        assertEquals("/projects/u/namdrunner_jobs", p.requireConfined("/projects/u/namdrunner_jobs"));
        for (String bad : new String[] { "/projects/u/namdrunner_jobs/../other", "/projects/u/namdrunner_jobs/j/../../x",
                "/projects/u/namdrunner_jobs_evil/x", "/etc/passwd", "/", "/projects/u", "relative",
                "/projects/u/namdrunner_jobs/../../../../etc" }) {
            RemoteException e = assertThrows(RemoteException.class, () -> p.requireConfined(bad), bad);
            assertEquals(RemoteErrorKind.PATH_NOT_ALLOWED, e.getKind());
        }
        RemoteException e = assertThrows(RemoteException.class,
                () -> p.requireStrictlyInside("/scratch/u/namdrunner_jobs/./"));
        assertTrue(e.getMessage().contains("job root"), e.getMessage());
        assertTrue(p.isInsideRoots("/scratch/u/namdrunner_jobs/a"));
        assertFalse(p.isInsideRoots("/scratch/u/namdrunner_jobsX"));
    }

    @Test
    void noRootsMeansNothingIsAllowed() {
        RemotePaths none = new RemotePaths((String) null);
        assertEquals(RemoteErrorKind.PATH_NOT_ALLOWED,
                assertThrows(RemoteException.class, () -> none.requireConfined("/tmp/x")).getKind());
        assertThrows(IllegalArgumentException.class, () -> new RemotePaths("/"));
    }

    @Test
    void stderrClassification() {
        assertEquals(RemoteErrorKind.DISK_FULL, CommandResult.classifyStderr("write error: No space left on device"));
        assertEquals(RemoteErrorKind.DISK_FULL, CommandResult.classifyStderr("cp: Disk quota exceeded"));
        assertEquals(RemoteErrorKind.PERMISSION_DENIED, CommandResult.classifyStderr("rm: Permission denied"));
        assertEquals(RemoteErrorKind.NOT_FOUND, CommandResult.classifyStderr("ls: x: No such file or directory"));
        assertEquals(RemoteErrorKind.COMMAND_FAILED, CommandResult.classifyStderr("sbatch: error: invalid partition"));
    }
}

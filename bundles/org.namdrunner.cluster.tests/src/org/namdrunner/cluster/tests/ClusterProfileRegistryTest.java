package org.namdrunner.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;

class ClusterProfileRegistryTest {

    private ClusterProfileRegistry registry() {
        ClusterProfileRegistry r = new ClusterProfileRegistry(new InMemoryProfileRepository());
        r.registerPreset(ProfileConfig.builder(ClusterProfileRegistry.DEFAULT_PROFILE_ID, "local").name("This computer").build());
        r.registerPreset(ProfileConfig.builder("site.hpc", "slurm").name("Site HPC").host("login.example.edu")
                .projectRoot("/projects/$USER/jobs").partition(PartitionSpec.named("compute").withDefault(true)).build());
        return r;
    }

    @Test
    void freshInstallDefaultsToLocalProfile() {
        assertEquals(ClusterProfileRegistry.DEFAULT_PROFILE_ID, registry().active().orElseThrow().id());
    }

    @Test
    void addEditDuplicateDeleteAndSwitch() throws ClusterException {
        ClusterProfileRegistry r = registry();
        ProfileConfig mine = r.add(ProfileConfig.builder("mine", "slurm").name("Mine").host("h").projectRoot("/p").build());
        assertEquals(3, r.all().size());
        r.update(mine.toBuilder().host("h2").build());
        assertEquals("h2", r.get("mine").host());

        ProfileConfig copy = r.duplicate("site.hpc", null);
        assertEquals("Site HPC (copy)", copy.name());
        assertNotEquals("site.hpc", copy.id());
        assertFalse(copy.preset());
        assertEquals("login.example.edu", copy.host());
        r.update(copy.toBuilder().host("other").build());
        assertEquals("login.example.edu", r.get("site.hpc").host(), "the preset stays unchanged");

        r.setActive(copy.id());
        assertEquals(copy.id(), r.active().orElseThrow().id());
        assertTrue(r.delete(copy.id()));
        assertEquals(ClusterProfileRegistry.DEFAULT_PROFILE_ID, r.active().orElseThrow().id(),
                "deleting the active profile falls back to the default");
    }

    @Test
    void presetsAreReadOnly() {
        ClusterProfileRegistry r = registry();
        ClusterException e = assertThrows(ClusterException.class, () -> r.update(r.get("site.hpc").toBuilder().host("x").build()));
        assertTrue(e.getMessage().contains("duplicate it"), e.getMessage());
        assertThrows(ClusterException.class, () -> r.delete("site.hpc"));
        assertThrows(ClusterException.class, () -> r.add(ProfileConfig.builder("site.hpc", "slurm").build()));
    }

    @Test
    void presetsWithHomeRelativeRootsCanBeDuplicated() throws ClusterException {
        // the built-in Local profile keeps its jobs under ~ (project and scratch root); its copy must be storable
        ClusterProfileRegistry r = registry();
        r.registerPreset(ProfileConfig.builder("home.roots", "local").name("Home").projectRoot("~/jobs")
                .scratchRoot("~/scratch").build());
        ProfileConfig copy = r.duplicate("home.roots", null);
        assertEquals("~/scratch", r.get(copy.id()).scratchRoot());
        ClusterException e = assertThrows(ClusterException.class,
                () -> r.update(copy.toBuilder().scratchRoot("scratch").build()));
        assertTrue(e.getMessage().contains("Scratch root must be an absolute path"), e.getMessage());
    }

    @Test
    void invalidProfilesAreRefused() {
        ClusterProfileRegistry r = registry();
        ClusterException e = assertThrows(ClusterException.class, () -> r.add(ProfileConfig.builder("bad", "slurm")
                .projectRoot("relative/dir").partitions(List.of(PartitionSpec.named("a").withDefault(true),
                        PartitionSpec.named("b").withDefault(true))).build()));
        assertTrue(e.getMessage().contains("Project root must be an absolute path"), e.getMessage());
        assertTrue(e.getMessage().contains("Only one partition can be the default"), e.getMessage());
    }

    @Test
    void userRuleAndRootsResolve() {
        ProfileConfig p = ProfileConfig.builder("x", "slurm").userRule(ProfileConfig.LOCAL_USER)
                .projectRoot("/projects/$USER/jobs").build();
        assertEquals("alice", p.resolveUser("alice"));
        assertEquals("/projects/alice/jobs", ProfileConfig.resolveRoot(p.projectRoot(), "alice"));
    }
}

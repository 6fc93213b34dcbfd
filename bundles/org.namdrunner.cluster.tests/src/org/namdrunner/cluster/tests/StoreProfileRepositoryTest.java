package org.namdrunner.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.store.Store;

class StoreProfileRepositoryTest {

    @Test
    void userProfilesAndTheActiveChoiceSurviveARestart() throws Exception {
        Path dir = Path.of(System.getProperty("namdrunner.data", System.getProperty("java.io.tmpdir")), "profiles-" + UUID.randomUUID());
        ProfileConfig p = ProfileConfig.builder("mine", "org.namdrunner.cluster.slurm").name("My HPC").host("login.example.edu")
                .port(2200).userRule(ProfileConfig.LOCAL_USER).projectRoot("/projects/$USER/jobs").scratchRoot("/scratch/$USER/jobs")
                .partition(new PartitionSpec("compute", true, 4, 512, 64, 8, 4096L, 256_000L, 60, 10080, List.of("normal")))
                .partition(PartitionSpec.named("debug"))
                .partition(new PartitionSpec("gpu", false, 1, 128, 64, 2, null, null, 60, 600, List.of(), 4, List.of("a100", "h100")))
                .qos(List.of("normal")).defaultQos("normal").account("chem")
                .module(new NamdModule("namd/3.0", "3.0", "namd3")).module(new NamdModule("namd/2.14", "2.14", null))
                .defaultModule("namd/3.0").extraModules(List.of("gcc/12")).launcher(LauncherMode.SRUN).statusMinIntervalSeconds(90)
                .property("knownHosts", "/home/me/.ssh/known_hosts").build();
        try (Store store = Store.open(dir)) {
            ClusterProfileRegistry reg = new ClusterProfileRegistry(new StoreProfileRepository(store));
            reg.add(p);
            reg.setActive("mine");
            ProfileConfig copy = reg.duplicate("mine", "Copy");
            reg.delete(copy.id());
        }
        try (Store store = Store.open(dir)) {
            ClusterProfileRegistry reg = new ClusterProfileRegistry(new StoreProfileRepository(store));
            assertEquals(List.of(p), reg.userProfiles(), "every field survives the database");
            assertEquals("mine", reg.active().orElseThrow().id());
            String json = store.clusterProfiles().find("mine").orElseThrow().settings();
            assertTrue(json.contains("\"launcher\":\"srun\""), json);
            assertFalse(json.toLowerCase().contains("password"), "no secrets in profile settings");
        }
    }
}

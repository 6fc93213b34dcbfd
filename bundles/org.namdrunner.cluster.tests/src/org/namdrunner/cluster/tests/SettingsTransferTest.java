package org.namdrunner.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.SettingsTransfer;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.core.model.ClusterProfileRecord;
import org.namdrunner.store.Store;

/** Export of user profiles and settings to a file and import on another installation; never secrets. */
class SettingsTransferTest {

    private static Path dir(String what) {
        return Path.of(System.getProperty("namdrunner.data", System.getProperty("java.io.tmpdir")), what + "-" + UUID.randomUUID());
    }

    private static ProfileConfig profile() {
        return ProfileConfig.builder("user-hpc", "org.namdrunner.cluster.slurm").name("My HPC").host("login.example.edu")
                .port(2200).userRule("alice").projectRoot("/projects/$USER/jobs")
                .partition(new PartitionSpec("compute", true, 4, 512, 64, 8, 4096L, 256_000L, 60, 10080, List.of("normal")))
                .partition(PartitionSpec.named("debug")).qos(List.of("normal")).defaultQos("normal")
                .module(new NamdModule("namd/3.0", "3.0", "namd3")).defaultModule("namd/3.0").statusMinIntervalSeconds(120)
                .property("keyFile", "/home/alice/.ssh/id_ed25519").property("authMethod", "PUBLIC_KEY").build();
    }

    @Test
    void profilesAndSettingsMoveToAnotherInstallation() throws Exception {
        Path file = dir("export").resolve(SettingsTransfer.suggestedFileName());
        try (Store from = Store.open(dir("from"))) {
            new ClusterProfileRegistry(new StoreProfileRepository(from)).add(profile());
            from.settings().put("sync.intervalSeconds", "120");
            from.settings().put("defaults.partition", "gpu");
            from.settings().put("sync.lastSuccess", "2026-01-01T00:00:00Z");
            SettingsTransfer.Summary s = SettingsTransfer.exportTo(from, file);
            assertEquals(1, s.profiles());
            assertEquals(2, s.settings(), "the last sync time belongs to this machine");
        }
        String json = Files.readString(file);
        assertTrue(json.contains("\"format\": \"namdrunner-settings\""), json);
        assertFalse(json.contains("lastSuccess"), json);

        try (Store to = Store.open(dir("to"))) {
            to.settings().put("defaults.partition", "compute");
            to.settings().put("appearance.theme", "dark");
            SettingsTransfer.Summary s = SettingsTransfer.importFrom(to, file, Set.of());
            assertEquals(1, s.profiles());
            ClusterProfileRegistry reg = new ClusterProfileRegistry(new StoreProfileRepository(to));
            assertEquals(List.of(profile()), reg.userProfiles(), "every field of the profile arrives");
            assertEquals("120", to.settings().get("sync.intervalSeconds").orElseThrow());
            assertEquals("gpu", to.settings().get("defaults.partition").orElseThrow(), "imported value wins");
            assertEquals("dark", to.settings().get("appearance.theme").orElseThrow(), "other settings are kept");
            assertTrue(to.settings().get("sync.lastSuccess").isEmpty());
        }
    }

    @Test
    void secretsNeverLeaveAndAreNeverTakenIn() throws Exception {
        try (Store store = Store.open(dir("secrets"))) {
            // a profile property that looks like a secret (written behind the registry's back)
            ProfileConfig p = profile().toBuilder().property("sshPassword", "hunter2").build();
            store.clusterProfiles().save(new ClusterProfileRecord(p.id(), p.name(), p.typeId(), StoreProfileRepository.toJson(p), null));
            List<String> skipped = new java.util.ArrayList<>();
            String json = SettingsTransfer.export(store, skipped);
            assertFalse(json.contains("hunter2"), json);
            assertFalse(json.contains("sshPassword"), json);
            assertEquals(List.of("profile My HPC: property sshPassword"), skipped);

            String withSecret = json.replace("\"settings\": {}", "\"settings\": {\"remote.apiToken\": \"abc\"}");
            assertTrue(withSecret.contains("apiToken"), withSecret);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SettingsTransfer.importFrom(store, withSecret, Set.of()));
            assertTrue(e.getMessage().contains("secure storage"), e.getMessage());
        }
    }

    @Test
    void badFilesChangeNothingAndPresetsAreNotOverwritten() throws Exception {
        try (Store store = Store.open(dir("bad"))) {
            store.settings().put("sync.intervalSeconds", "60");
            for (String bad : List.of("not json at all {", "[1, 2]", "{\"format\": \"other\", \"version\": 1}",
                    "{\"format\": \"namdrunner-settings\", \"version\": 99}")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> SettingsTransfer.importFrom(store, bad, Set.of()), bad);
                assertTrue(e.getMessage().contains("settings file"), e.getMessage());
            }
            // a good setting and a broken profile in one file: nothing is written
            String mixed = "{\"format\": \"namdrunner-settings\", \"version\": 1, \"settings\": {\"sync.intervalSeconds\": \"5\"},"
                    + " \"profiles\": [{\"id\": \"x\", \"name\": \"X\", \"type\": \"org.namdrunner.cluster.slurm\","
                    + " \"settings\": {\"project_root\": \"relative/path\"}}]}";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SettingsTransfer.importFrom(store, mixed, Set.of()));
            assertTrue(e.getMessage().contains("absolute"), e.getMessage());
            assertEquals("60", store.settings().get("sync.intervalSeconds").orElseThrow());
            assertTrue(store.clusterProfiles().list().isEmpty());

            String preset = "{\"format\": \"namdrunner-settings\", \"version\": 1, \"profiles\": [{\"id\": \"site.preset\","
                    + " \"name\": \"Site\", \"type\": \"org.namdrunner.cluster.slurm\", \"settings\": {}}]}";
            SettingsTransfer.Summary s = SettingsTransfer.importFrom(store, preset, Set.of("site.preset"));
            assertEquals(0, s.profiles());
            assertEquals(1, s.skipped().size());
            assertEquals(Map.of(), Map.copyOf(store.settings().all("cluster.")));
            assertTrue(store.clusterProfiles().list().isEmpty());
        }
    }
}

package org.namdrunner.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.namdrunner.core.model.ClusterProfileRecord;
import org.namdrunner.core.model.TemplateRecord;

class RecordRepositoriesTest extends StoreTestSupport {

    @Test
    void templatesCrudWithOptimisticLocking() throws Exception {
        Store s = newStore();
        TemplateRecord t = s.templates().save(TemplateRecord.create("equil", "Equilibration", true, "run <<steps>>\n"));
        assertEquals(1, t.version());
        assertNotNull(t.updated());
        assertEquals(t, s.templates().find("equil").orElseThrow());
        TemplateRecord t2 = s.templates().save(t.withText("run <<steps>>\nminimize 100\n"));
        assertEquals(2, t2.version());
        assertEquals("run <<steps>>\nminimize 100\n", s.templates().find("equil").orElseThrow().text());
        // A second editor still holding version 1 cannot overwrite version 2.
        StaleRecordException stale = assertThrows(StaleRecordException.class, () -> s.templates().save(t.withText("lost")));
        assertTrue(stale.getMessage().contains("changed meanwhile"), stale.getMessage());
        assertThrows(StaleRecordException.class, () -> s.templates().save(TemplateRecord.create("equil", "dup", false, "")));
        assertEquals(t2, s.templates().find("equil").orElseThrow());

        s.templates().save(TemplateRecord.create("a-user", "alpha (mine)", false, "x".repeat(200_000)));
        assertEquals(List.of("alpha (mine)", "Equilibration"), s.templates().list().stream().map(TemplateRecord::name).toList());
        assertEquals(200_000, s.templates().find("a-user").orElseThrow().text().length());
        assertTrue(s.templates().delete("a-user"));
        assertFalse(s.templates().delete("a-user"));
        assertThrows(StaleRecordException.class, () -> s.templates().save(new TemplateRecord("a-user", "gone", false, "", 1, null)));
    }

    @Test
    void clusterProfilesCrud() throws Exception {
        Store s = newStore();
        String settings = "{\"host\":\"login.hpc.example.edu\",\"port\":22,\"partitions\":[\"compute\",\"debug\"]}";
        ClusterProfileRecord p = s.clusterProfiles().save(new ClusterProfileRecord("hpc", "University HPC", "slurm", settings, null));
        assertNotNull(p.updated());
        assertEquals(p, s.clusterProfiles().find("hpc").orElseThrow());
        s.clusterProfiles().save(p.withSettings("{}"));
        assertEquals("{}", s.clusterProfiles().find("hpc").orElseThrow().settings());
        s.clusterProfiles().save(new ClusterProfileRecord("local", "a local machine", "local", null, null));
        assertEquals(List.of("a local machine", "University HPC"),
                s.clusterProfiles().list().stream().map(ClusterProfileRecord::name).toList());
        assertTrue(s.clusterProfiles().delete("hpc"));
        assertTrue(s.clusterProfiles().find("hpc").isEmpty());
    }

    @Test
    void settingsCrud() throws Exception {
        Store s = newStore();
        assertEquals("fallback", s.settings().get("ui.theme", "fallback"));
        s.settings().put("ui.theme", "dark");
        s.settings().put("ui.theme", "light");
        s.settings().putInt("sync.intervalSeconds", 60);
        s.settings().put("sync_x", "underscore is literal in prefixes");
        assertEquals("light", s.settings().get("ui.theme").orElseThrow());
        assertEquals(60, s.settings().getInt("sync.intervalSeconds", 0));
        assertEquals(7, s.settings().getInt("ui.theme", 7), "not a number -> default");
        assertEquals(Map.of("sync.intervalSeconds", "60"), s.settings().all("sync."));
        assertEquals(3, s.settings().all("").size());
        s.settings().put("ui.theme", null);
        assertTrue(s.settings().get("ui.theme").isEmpty());
        assertFalse(s.settings().remove("ui.theme"));
    }

    @Test
    void manyKeysAreReadInOneCallAcrossChunks() throws Exception {
        Store s = newStore();
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            keys.add("k." + i);
            if (i % 7 == 0) {
                s.settings().put("k." + i, "v" + i);
            }
        }
        keys.add("k.0"); // asked twice
        Map<String, String> got = s.settings().get(keys);
        assertEquals(358, got.size(), "every 7th of 2,500 keys is set, in three chunks of up to 1,000");
        assertEquals("v0", got.get("k.0"));
        assertEquals("v2499", got.get("k.2499"));
        assertFalse(got.containsKey("k.1"));
        assertEquals(Map.of(), s.settings().get(List.of()));
    }
}

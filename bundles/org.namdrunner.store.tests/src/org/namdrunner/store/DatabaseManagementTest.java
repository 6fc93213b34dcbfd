package org.namdrunner.store;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.TemplateRecord;

class DatabaseManagementTest extends StoreTestSupport {

    @Test
    void locationAndSize() throws Exception {
        Path dir = newDir();
        Store s = open(dir);
        assertEquals(dir.toAbsolutePath().normalize(), s.management().location());
        assertEquals(dir.toAbsolutePath().normalize().resolve("namdrunner.mv.db"), s.management().databaseFile());
        long before = s.management().sizeOnDisk();
        assertTrue(before > 0);
        assertEquals(Files.size(s.databaseFile()), before, "only the live database file is counted");
        s.inTransaction(c -> {
            for (int i = 0; i < 2000; i++) {
                s.jobs().insert(job("job " + i).toBuilder().reason("x".repeat(500)).build());
            }
            return null;
        });
        s.close();
        Store again = open(dir);
        assertTrue(again.management().sizeOnDisk() > before + 500_000, "grew: " + again.management().sizeOnDisk());
    }

    @Test
    void backupModifyRestoreGivesTheBackupsContent() throws Exception {
        Store s = newStore();
        Job kept = job("kept");
        s.jobs().insert(kept);
        s.templates().save(TemplateRecord.create("t", "T", false, "v1"));
        s.settings().put("k", "before");
        Path backup = s.management().backup(newDir().resolve("sub/backup.zip"), new NullProgressMonitor());
        assertTrue(Files.size(backup) > 0);

        Job later = job("later");
        s.jobs().insert(later);
        s.jobs().transition(kept.id(), JobState.FAILED, "x", "test");
        s.settings().put("k", "after");

        Path replaced = s.management().restore(backup, new NullProgressMonitor());
        assertEquals(kept, s.jobs().find(kept.id()).orElseThrow());
        assertEquals(1, s.jobs().history(kept.id()).size());
        assertTrue(s.jobs().find(later.id()).isEmpty());
        assertEquals("before", s.settings().get("k").orElseThrow());
        assertEquals("v1", s.templates().find("t").orElseThrow().text());
        // Still writable after the swap.
        s.jobs().insert(job("after restore"));
        assertEquals(2, s.jobs().count(JobQuery.all()));

        // The replaced database was kept and can itself be restored.
        assertTrue(Files.isRegularFile(replaced));
        s.management().restore(replaced, null);
        assertEquals("after", s.settings().get("k").orElseThrow());
        assertTrue(s.jobs().find(later.id()).isPresent());
    }

    @Test
    void backupStillWorksAfterARestoreKeptTheReplacedDatabase() throws Exception {
        // H2's BACKUP zips every "namdrunner.*.mv.db" of the directory under one entry name; the kept file must not
        // look like one, or every backup after a restore fails with "duplicate entry".
        Store s = newStore();
        s.jobs().insert(job("one"));
        Path first = s.management().backup(newDir().resolve("first.zip"), null);
        s.jobs().insert(job("two"));
        Path kept = s.management().restore(first, null);
        assertTrue(Files.isRegularFile(kept));
        Path second = s.management().backup(newDir().resolve("second.zip"), null);
        assertTrue(Files.size(second) > 0);
        s.jobs().insert(job("three"));
        s.management().restore(second, null);
        assertEquals(1, s.jobs().count(JobQuery.all()));
    }

    @Test
    void restoreOfABareDatabaseFile() throws Exception {
        Store a = newStore();
        a.settings().put("origin", "a");
        Path aFile = a.databaseFile();
        a.close();
        Path copy = newDir().resolve("copy.mv.db");
        Files.copy(aFile, copy);
        Store b = newStore();
        b.settings().put("origin", "b");
        b.management().restore(copy, null);
        assertEquals("a", b.settings().get("origin").orElseThrow());
    }

    private void assertRefusedAndIntact(Store s, Path candidate, String messagePart) throws Exception {
        long size = Files.size(s.databaseFile());
        InvalidBackupException e = assertThrows(InvalidBackupException.class,
                () -> s.management().restore(candidate, new NullProgressMonitor()));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        assertTrue(e.getMessage().contains(candidate.getFileName().toString()), "names the file: " + e.getMessage());
        assertEquals("original", s.settings().get("marker").orElseThrow());
        assertEquals(1, s.jobs().count(JobQuery.all()));
        s.jobs().insert(job("still usable"));
        assertEquals(2, s.jobs().count(JobQuery.all()));
        assertTrue(s.jobs().delete(s.jobs().list(JobQuery.all().withText("still usable")).get(0).id()));
        assertTrue(Files.size(s.databaseFile()) >= size / 2);
        try (var files = Files.list(s.directory())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("restore-")), "temporary files removed");
        }
    }

    private Store storeWithMarker() throws Exception {
        Store s = newStore();
        s.settings().put("marker", "original");
        s.jobs().insert(job("original job"));
        return s;
    }

    @Test
    void randomBytesAreRefused() throws Exception {
        Store s = storeWithMarker();
        byte[] junk = new byte[100_000];
        new Random(42).nextBytes(junk);
        Path f = newDir().resolve("junk.mv.db");
        Files.write(f, junk);
        assertRefusedAndIntact(s, f, "not a NAMDRunner backup");
    }

    @Test
    void damagedDatabaseFileIsRefused() throws Exception {
        Store s = storeWithMarker();
        Store other = newStore();
        other.jobs().insert(job("x"));
        Path src = other.databaseFile();
        other.close();
        byte[] bytes = Files.readAllBytes(src);
        Random r = new Random(7);
        for (int i = 8192; i < bytes.length; i++) {
            bytes[i] = (byte) r.nextInt();
        }
        Path f = newDir().resolve("damaged.mv.db");
        Files.write(f, bytes);
        assertRefusedAndIntact(s, f, "damaged.mv.db");
    }

    @Test
    void foreignH2DatabaseIsRefused() throws Exception {
        Store s = storeWithMarker();
        Path foreignDir = newDir();
        try (Connection c = Store.dataSource(foreignDir, false).getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE invoices (id INT PRIMARY KEY, amount DECIMAL(10, 2))");
            st.execute("INSERT INTO invoices VALUES (1, 9.99)");
            st.execute("BACKUP TO '" + foreignDir.resolve("foreign.zip") + "'");
        }
        assertRefusedAndIntact(s, foreignDir.resolve("foreign.zip"), "not a NAMDRunner one");
        assertRefusedAndIntact(s, Store.databaseFile(foreignDir), "not a NAMDRunner one");
    }

    @Test
    void databaseOfAnotherApplicationWithOtherCredentialsIsRefused() throws Exception {
        Store s = storeWithMarker();
        Path foreignDir = newDir();
        var ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + foreignDir.resolve("namdrunner"));
        ds.setUser("app");
        ds.setPassword("pw");
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INT)");
        }
        assertRefusedAndIntact(s, Store.databaseFile(foreignDir), "another application");
    }

    @Test
    void newerBackupIsRefused() throws Exception {
        Store s = storeWithMarker();
        Store future = newStore();
        future.inTransaction(c -> c.createStatement().executeUpdate(
                "INSERT INTO schema_version VALUES (42, 'future', 'x', CURRENT_TIMESTAMP)"));
        Path zip = future.management().backup(newDir().resolve("future.zip"), null);
        assertRefusedAndIntact(s, zip, "newer NAMDRunner");
    }

    @Test
    void zipsWithoutADatabaseOrDamagedAreRefused() throws Exception {
        Store s = storeWithMarker();
        Path dir = newDir();
        Path noDb = dir.resolve("notes.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(noDb))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hello".getBytes());
        }
        assertRefusedAndIntact(s, noDb, "without an H2 database");

        Path good = s.management().backup(dir.resolve("good.zip"), null);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.zip");
        try (OutputStream out = Files.newOutputStream(truncated)) {
            out.write(bytes, 0, bytes.length / 3);
        }
        assertRefusedAndIntact(s, truncated, "truncated.zip");
        assertRefusedAndIntact(s, dir.resolve("missing.zip"), "no such file");
    }

    @Test
    void databaseWithTriggersIsRefused() throws Exception {
        Store s = storeWithMarker();
        Store evil = newStore();
        evil.inTransaction(c -> c.createStatement().executeUpdate(
                "CREATE ALIAS MY_ABS FOR 'java.lang.Math.abs(int)'"));
        Path zip = evil.management().backup(newDir().resolve("evil.zip"), null);
        assertRefusedAndIntact(s, zip, "triggers or functions");
    }

    @Test
    void databaseWithASourceTriggerIsRefusedWithoutRunningIt() throws Exception {
        Store s = storeWithMarker();
        Path evilDir = newDir();
        Path marker = evilDir.resolve("trigger-ran");
        try (Connection c = Store.dataSource(evilDir, false).getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR(200), "
                    + "checksum VARCHAR(64), applied_at TIMESTAMP WITH TIME ZONE)");
            st.execute("CREATE TABLE t (id INT)");
            // H2 compiles and instantiates a source trigger whenever the database is opened.
            // The method runs while H2 loads the trigger (even though it returns no Trigger); FORCE keeps the
            // trigger defined anyway.
            st.execute("CREATE FORCE TRIGGER evil BEFORE INSERT ON t AS $$Object create() { "
                    + "try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + marker.toString().replace("\\", "/")
                    + "\"), \"ran\"); } catch (Exception e) { } return null; } $$");
            st.execute("BACKUP TO '" + evilDir.resolve("evil.zip") + "'");
        }
        assertTrue(Files.exists(marker), "the probe trigger works: creating it ran it");
        Files.delete(marker);
        assertRefusedAndIntact(s, evilDir.resolve("evil.zip"), "triggers or functions");
        assertFalse(Files.exists(marker), "restore validation ran the trigger's code");
    }

    @Test
    void resetWithAndWithoutBackup() throws Exception {
        Store s = newStore();
        s.jobs().insert(job("a"));
        s.settings().put("k", "v");
        Optional<Path> backup = s.management().reset(true, new NullProgressMonitor());
        assertTrue(backup.isPresent());
        assertTrue(backup.get().startsWith(s.management().backupDirectory()));
        assertEquals(0, s.jobs().count(JobQuery.all()));
        assertTrue(s.settings().all("").isEmpty());
        assertEquals(Store.latestSchemaVersion(), s.schemaVersion());
        s.jobs().insert(job("b"));
        assertEquals(Optional.empty(), s.management().reset(false, null));
        assertEquals(0, s.jobs().count(JobQuery.all()));
        try (var files = Files.list(s.directory())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("reset-old")));
        }
        // The reset backup holds what was there before.
        s.management().restore(backup.get(), null);
        assertEquals("v", s.settings().get("k").orElseThrow());
        assertEquals("a", s.jobs().list(JobQuery.all()).get(0).name());
    }

    @Test
    void restoreInsideATransactionIsRefused() throws Exception {
        Store s = newStore();
        Path zip = s.management().backup(newDir().resolve("b.zip"), null);
        assertThrows(IllegalStateException.class, () -> s.inTransaction(c -> s.management().restore(zip, null)));
        s.settings().put("ok", "yes");
    }
}

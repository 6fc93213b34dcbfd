package org.namdrunner.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.namdrunner.core.JobState;
import org.namdrunner.store.internal.Migrations;

class MigrationTest extends StoreTestSupport {

    @Test
    void freshDatabaseGetsTheLatestSchema() throws Exception {
        Store s = newStore();
        assertEquals(Migrations.latestVersion(), s.schemaVersion());
        assertTrue(Migrations.latestVersion() >= 2, "at least the v1 -> v2 path is exercised");
        List<String> tables = s.inTransaction(c -> names(c,
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME"));
        assertEquals(List.of("CLUSTER_PROFILES", "JOBS", "JOB_PROGRESS", "JOB_STATUS_HISTORY", "SCHEMA_VERSION", "SETTINGS",
                "TEMPLATES", "TEMPLATE_REVISIONS"), tables);
        assertTrue(Files.isRegularFile(s.databaseFile()));
        assertFalse(Files.exists(s.directory().resolve(Store.BACKUP_DIR)), "no migration backup for a new database");
    }

    @Test
    void migratesAVersion1DatabaseWithDataToLatest() throws Exception {
        Path dir = newDir();
        try (Connection c = Store.dataSource(dir, false).getConnection(); Statement st = c.createStatement()) {
            assertEquals(0, Migrations.migrate(c, 1, "test db"));
            assertEquals(1, Migrations.inspect(c).version());
            st.execute("INSERT INTO jobs (id, name, profile_id, state, cores, nodes, created_at, updated_at, reason) VALUES "
                    + "('11111111-1111-4111-8111-111111111111', 'Old Job From V1', 'p1', 'COMPLETED', 4, 1, "
                    + "TIMESTAMP WITH TIME ZONE '2025-05-05 10:00:00Z', CURRENT_TIMESTAMP, 'Done fine')");
            st.execute("INSERT INTO job_status_history (job_id, from_state, to_state, changed_at, source) VALUES "
                    + "('11111111-1111-4111-8111-111111111111', NULL, 'COMPLETED', CURRENT_TIMESTAMP, 'local')");
            st.execute("INSERT INTO settings VALUES ('ui.theme', 'dark')");
        }
        Store s = open(dir);
        assertEquals(Migrations.latestVersion(), s.schemaVersion());
        var job = s.jobs().find("11111111-1111-4111-8111-111111111111").orElseThrow();
        assertEquals("Old Job From V1", job.name());
        assertEquals(JobState.COMPLETED, job.state());
        assertEquals(1, s.jobs().history(job.id()).size());
        assertEquals("dark", s.settings().get("ui.theme").orElseThrow());
        // v2's generated search column is computed for rows that existed before it.
        assertEquals(1, s.jobs().count(JobQuery.all().withText("done FINE")));
        assertEquals(1, s.jobs().list(JobQuery.all().sortedBy(JobSort.NAME, true)).size());
        // An existing database is backed up before it is migrated.
        try (Stream<Path> backups = Files.list(dir.resolve(Store.BACKUP_DIR))) {
            List<Path> files = backups.toList();
            assertEquals(1, files.size(), files.toString());
            assertTrue(files.get(0).getFileName().toString().endsWith("-before-v" + Migrations.latestVersion() + ".zip"));
        }
    }

    @Test
    void migratesAVersion3DatabaseToTheTextIndexOfVersion4() throws Exception {
        Path dir = newDir();
        try (Connection c = Store.dataSource(dir, false).getConnection(); Statement st = c.createStatement()) {
            assertEquals(0, Migrations.migrate(c, 3, "test db"));
            assertEquals(3, Migrations.inspect(c).version());
            assertEquals(List.of(), names(c, "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME = 'IX_JOBS_SEARCH'"));
            st.execute("INSERT INTO jobs (id, name, profile_id, state, cores, nodes, created_at, updated_at) "
                    + "SELECT RANDOM_UUID(), 'Membrane run ' || X, 'p1', 'PENDING', 4, 1, "
                    + "TIMESTAMP WITH TIME ZONE '2025-05-05 10:00:00Z', CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, 300)");
        }
        Store s = open(dir);
        assertTrue(Migrations.latestVersion() >= 4);
        assertEquals(Migrations.latestVersion(), s.schemaVersion());
        assertEquals(List.of("IX_JOBS_SEARCH"), s.inTransaction(c -> names(c,
                "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME = 'IX_JOBS_SEARCH'")));
        // rows stored before the index are in it
        assertEquals(111, s.jobs().textMatches("membrane RUN 2", 200).orElseThrow().size(), "runs 2, 20..29, 200..299");
        assertEquals(300, s.jobs().count(JobQuery.all().withText("membrane")));
    }

    @Test
    void databaseNewerThanTheCodeIsRefusedAndLeftAlone() throws Exception {
        Path dir = newDir();
        Store s = open(dir);
        s.jobs().insert(job("keep me"));
        s.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO schema_version VALUES "
                + "(99, 'from the future', 'abc', CURRENT_TIMESTAMP)"));
        s.close();
        IncompatibleDatabaseException e = assertThrows(IncompatibleDatabaseException.class, () -> Store.open(dir));
        assertTrue(e.getMessage().contains("newer NAMDRunner"), e.getMessage());
        assertTrue(e.getMessage().contains("99"), e.getMessage());
        assertTrue(e.getMessage().contains(s.databaseFile().toString()), e.getMessage());
        // Untouched: the data and the future version are still there, and the directory can be opened again later.
        try (Connection c = Store.dataSource(dir, true).getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM jobs), (SELECT MAX(version) FROM schema_version)")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
            assertEquals(99, rs.getInt(2));
            st.execute("DELETE FROM schema_version WHERE version = 99");
        }
        Store again = open(dir);
        assertEquals(1, again.jobs().count(JobQuery.all()));
    }

    @Test
    void foreignDatabaseIsRefusedOnOpen() throws Exception {
        Path dir = newDir();
        try (Connection c = Store.dataSource(dir, false).getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100))");
        }
        IncompatibleDatabaseException e = assertThrows(IncompatibleDatabaseException.class, () -> Store.open(dir));
        assertTrue(e.getMessage().contains("not a NAMDRunner database"), e.getMessage());
        try (Connection c = Store.dataSource(dir, true).getConnection()) {
            assertFalse(Migrations.inspect(c).hasVersionTable(), "nothing was added to the foreign database");
        }
    }

    @Test
    void editedAppliedMigrationIsDetected() throws Exception {
        Path dir = newDir();
        Store s = open(dir);
        s.inTransaction(c -> c.createStatement().executeUpdate("UPDATE schema_version SET checksum = 'edited' WHERE version = 1"));
        s.close();
        IncompatibleDatabaseException e = assertThrows(IncompatibleDatabaseException.class, () -> Store.open(dir));
        assertTrue(e.getMessage().contains("V1"), e.getMessage());
        assertTrue(e.getMessage().contains("never be edited"), e.getMessage());
    }

    /**
     * Applied migrations are frozen: these are the checksums of the shipped scripts. If this fails, a merged
     * migration was edited: revert the edit and add a new migration instead.
     */
    @Test
    void shippedMigrationsAreUnchanged() {
        List<String> expected = List.of(
                "V1=" + FROZEN_V1,
                "V2=" + FROZEN_V2);
        List<String> actual = new ArrayList<>();
        for (Migrations.Migration m : Migrations.all()) {
            actual.add("V" + m.version() + "=" + m.checksum());
        }
        assertEquals(expected, actual.subList(0, expected.size()));
    }

    static final String FROZEN_V1 = "84249c37c08b819e4c5b5c7f6de86f6d38c65a675f7cf10a828b9f46b69e6fb2";
    static final String FROZEN_V2 = "c3c53011093d6f9878e083b701ac4dac8b8857edbaaacffea9ccbd0e965c05f9";

    @Test
    void statementSplitterHandlesCommentsAndMultiLineStatements() {
        Migrations.Migration v1 = Migrations.all().get(0);
        List<String> statements = v1.statements();
        assertTrue(statements.get(0).startsWith("CREATE TABLE jobs ("), statements.get(0));
        assertTrue(statements.get(0).endsWith(")"), statements.get(0));
        assertTrue(statements.stream().noneMatch(t -> t.contains("--") || t.endsWith(";")));
        assertEquals(statements.size(), statements.stream().filter(t -> t.startsWith("CREATE")).count());
    }

    static List<String> names(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}

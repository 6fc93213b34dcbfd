package org.namdrunner.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.namdrunner.store.IncompatibleDatabaseException;
import org.namdrunner.store.StoreException;

/**
 * The store's schema migrations: ordered SQL resources {@code /migrations/V<n>__<description>.sql} in this
 * bundle, applied in order and recorded in table {@code schema_version} with a SHA-256 of their text. An applied
 * migration is never edited (its checksum is verified on every open); a change is a new migration.
 */
public final class Migrations {

    /** The migration files, in order. Add new ones at the end; never rename, edit or remove one. */
    static final List<String> FILES = List.of(
            "V1__initial_schema.sql",
            "V2__jobs_view_indexes.sql",
            "V3__jobs_view_sort_indexes.sql",
            "V4__jobs_text_search_index.sql",
            "V5__template_revisions.sql",
            "V6__job_progress.sql",
            "V7__jobs_profile_state_index.sql");

    /** Name of the table recording applied migrations. */
    public static final String VERSION_TABLE = "SCHEMA_VERSION";

    private static final Pattern NAME = Pattern.compile("V(\\d+)__([a-z0-9_]+)\\.sql");

    /** One migration script. */
    public record Migration(int version, String description, String resource, String sql, String checksum) {
        /** The script split into statements. */
        public List<String> statements() {
            return splitStatements(sql);
        }
    }

    private static final List<Migration> ALL = load();

    private Migrations() {
    }

    /** All migrations, oldest first. */
    public static List<Migration> all() {
        return ALL;
    }

    /** The schema version this code creates and the newest it accepts. */
    public static int latestVersion() {
        return ALL.get(ALL.size() - 1).version();
    }

    private static List<Migration> load() {
        List<Migration> list = new ArrayList<>();
        for (String file : FILES) {
            Matcher m = NAME.matcher(file);
            if (!m.matches()) {
                throw new IllegalStateException("Bad migration file name " + file);
            }
            int version = Integer.parseInt(m.group(1));
            if (version != list.size() + 1) {
                throw new IllegalStateException("Migration " + file + " out of order: expected version " + (list.size() + 1));
            }
            String resource = "/migrations/" + file;
            String sql;
            try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Migration resource " + resource + " is missing from the store bundle");
                }
                sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read migration " + resource, e);
            }
            list.add(new Migration(version, m.group(2).replace('_', ' '), resource, sql, sha256(sql)));
        }
        return List.copyOf(list);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Splits a script into statements: a statement ends with ';' at the end of a line; "--" lines are comments. */
    static List<String> splitStatements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = cur.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            throw new IllegalStateException("Migration script ends without ';': " + cur);
        }
        return out;
    }

    /** State of a database's schema as far as migrations are concerned. */
    public record SchemaState(boolean hasVersionTable, int userTables, TreeMap<Integer, String> applied) {
        /** Highest applied version, 0 for none. */
        public int version() {
            return applied.isEmpty() ? 0 : applied.lastKey();
        }

        /** An empty database: nothing of ours, nothing of anyone else's. */
        public boolean isEmpty() {
            return !hasVersionTable && userTables == 0;
        }
    }

    /** Reads the schema state without changing anything. */
    public static SchemaState inspect(Connection c) throws SQLException {
        int tables;
        boolean hasVersionTable;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            tables = 0;
            hasVersionTable = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables++;
                    if (VERSION_TABLE.equals(rs.getString(1))) {
                        hasVersionTable = true;
                    }
                }
            }
        }
        TreeMap<Integer, String> applied = new TreeMap<>();
        if (hasVersionTable) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT version, checksum FROM schema_version ORDER BY version")) {
                while (rs.next()) {
                    applied.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return new SchemaState(hasVersionTable, tables - (hasVersionTable ? 1 : 0), applied);
    }

    /**
     * Checks that the database is ours and not newer than this code, and that applied migrations are unchanged.
     *
     * @param what how to name the database in messages (e.g. its file)
     * @throws IncompatibleDatabaseException when it is foreign, newer, or its history disagrees with this code
     */
    public static SchemaState check(Connection c, String what) throws SQLException {
        SchemaState st = inspect(c);
        if (!st.hasVersionTable()) {
            if (st.userTables() > 0) {
                throw new IncompatibleDatabaseException(what + " is not a NAMDRunner database: it has " + st.userTables()
                        + " table(s) but no schema_version table.");
            }
            return st;
        }
        int latest = latestVersion();
        if (st.version() > latest) {
            throw new IncompatibleDatabaseException(what + " was written by a newer NAMDRunner: its schema version is "
                    + st.version() + ", this version knows up to " + latest
                    + ". Update NAMDRunner, or restore a backup made with this version.");
        }
        int expected = 1;
        for (var e : st.applied().entrySet()) {
            if (e.getKey() != expected) {
                throw new IncompatibleDatabaseException(what + " has an inconsistent schema_version table: version "
                        + expected + " is missing.");
            }
            Migration m = ALL.get(e.getKey() - 1);
            if (!m.checksum().equals(e.getValue())) {
                throw new IncompatibleDatabaseException(what + ": schema migration V" + m.version() + " (" + m.description()
                        + ") was applied from a different script than this version ships (checksum mismatch). "
                        + "An applied migration must never be edited.");
            }
            expected++;
        }
        return st;
    }

    /**
     * Brings the database to {@code target} (normally {@link #latestVersion()}). Note that H2 commits DDL
     * implicitly: callers back the database up before migrating existing data.
     *
     * @return the version before migrating
     */
    public static int migrate(Connection c, int target, String what) throws SQLException {
        if (target < 0 || target > latestVersion()) {
            throw new IllegalArgumentException("No schema version " + target);
        }
        SchemaState st = check(c, what);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (!st.hasVersionTable()) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                            + "description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, "
                            + "applied_at TIMESTAMP(9) WITH TIME ZONE NOT NULL)");
                }
                c.commit();
            }
            for (int v = st.version() + 1; v <= target; v++) {
                Migration m = ALL.get(v - 1);
                try (Statement s = c.createStatement()) {
                    for (String stmt : m.statements()) {
                        s.execute(stmt);
                    }
                } catch (SQLException e) {
                    c.rollback();
                    throw new StoreException(what + ": schema migration V" + v + " (" + m.description() + ") failed: "
                            + e.getMessage(), e);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                    ps.setInt(1, v);
                    ps.setString(2, m.description());
                    ps.setString(3, m.checksum());
                    ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.executeUpdate();
                }
                c.commit();
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return st.version();
    }
}

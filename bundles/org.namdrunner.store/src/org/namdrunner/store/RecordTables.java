package org.namdrunner.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The by-id lookup, ordered listing and delete shared by the small record tables (cluster profiles, templates), each
 * one transaction. Table and column lists are constants of the repositories, never user text.
 */
final class RecordTables {
    /** Reads one row into a record. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private RecordTables() {
    }

    static <T> Optional<T> find(Store store, String table, String columns, String id, RowReader<T> reader) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + table + " WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(reader.read(rs)) : Optional.<T>empty();
                }
            }
        });
    }

    /** All rows by name (case-insensitive), then id. */
    static <T> List<T> listByName(Store store, String table, String columns, RowReader<T> reader) {
        return store.inTransaction(c -> {
            List<T> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + table + " ORDER BY LOWER(name), id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        });
    }

    /** @return false when there was no such row */
    static boolean delete(Store store, String table, String id) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }
}

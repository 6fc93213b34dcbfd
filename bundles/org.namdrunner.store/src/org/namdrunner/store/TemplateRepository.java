package org.namdrunner.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.namdrunner.core.model.TemplateRecord;

/**
 * Templates with optimistic locking: {@link #save} stores a record only when its {@code version} equals the stored
 * one (0 for a new template) and returns it with the next version, so two editors cannot silently overwrite each
 * other.
 */
public final class TemplateRepository {
    private static final String TABLE = "templates";
    private static final String COLUMNS = "id, name, built_in, body, row_version, updated_at";
    private final Store store;

    TemplateRepository(Store store) {
        this.store = store;
    }

    /**
     * Inserts (version 0) or updates (version = stored version) a template.
     *
     * @return the stored record, with its new version and update time
     * @throws StaleRecordException when the template was changed or created meanwhile
     */
    public TemplateRecord save(TemplateRecord t) {
        return store.inTransaction(c -> {
            Instant now = Instant.now();
            int next = t.version() + 1;
            if (t.version() == 0) {
                if (find(t.id()).isPresent()) {
                    throw new StaleRecordException("A template with id " + t.id() + " already exists");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO templates (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, t.id());
                    ps.setString(2, t.name());
                    ps.setBoolean(3, t.builtIn());
                    ps.setString(4, t.text());
                    ps.setInt(5, next);
                    ps.setObject(6, Rows.ts(now));
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("UPDATE templates SET name = ?, built_in = ?, body = ?, "
                        + "row_version = ?, updated_at = ? WHERE id = ? AND row_version = ?")) {
                    ps.setString(1, t.name());
                    ps.setBoolean(2, t.builtIn());
                    ps.setString(3, t.text());
                    ps.setInt(4, next);
                    ps.setObject(5, Rows.ts(now));
                    ps.setString(6, t.id());
                    ps.setInt(7, t.version());
                    if (ps.executeUpdate() == 0) {
                        throw new StaleRecordException(find(t.id()).isPresent()
                                ? "Template " + t.name() + " was changed meanwhile (stored version "
                                        + find(t.id()).get().version() + ", edited version " + t.version() + "); reload it"
                                : "Template " + t.name() + " (" + t.id() + ") was deleted meanwhile");
                    }
                }
            }
            return new TemplateRecord(t.id(), t.name(), t.builtIn(), t.text(), next, now);
        });
    }

    public Optional<TemplateRecord> find(String id) {
        return RecordTables.find(store, TABLE, COLUMNS, id, TemplateRepository::read);
    }

    /** All templates by name (case-insensitive), then id. */
    public List<TemplateRecord> list() {
        return RecordTables.listByName(store, TABLE, COLUMNS, TemplateRepository::read);
    }

    /** @return false when there was no such template */
    public boolean delete(String id) {
        return RecordTables.delete(store, TABLE, id);
    }

    private static TemplateRecord read(ResultSet rs) throws SQLException {
        return new TemplateRecord(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getInt(5),
                Rows.getInstant(rs, 6));
    }
}

package org.namdrunner.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.namdrunner.core.model.ClusterProfileRecord;

/** Configured cluster profiles (their settings document is opaque to the store). Never stores secrets. */
public final class ClusterProfileRepository {
    private static final String TABLE = "cluster_profiles";
    private static final String COLUMNS = "id, name, type_id, settings, updated_at";
    private final Store store;

    ClusterProfileRepository(Store store) {
        this.store = store;
    }

    /** Inserts or replaces a profile. @return the stored record with its update time */
    public ClusterProfileRecord save(ClusterProfileRecord p) {
        return store.inTransaction(c -> {
            Instant now = Instant.now();
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO cluster_profiles (" + COLUMNS + ") KEY (id) "
                    + "VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, p.id());
                ps.setString(2, p.name());
                ps.setString(3, p.typeId());
                ps.setString(4, p.settings());
                ps.setObject(5, Rows.ts(now));
                ps.executeUpdate();
            }
            return new ClusterProfileRecord(p.id(), p.name(), p.typeId(), p.settings(), now);
        });
    }

    public Optional<ClusterProfileRecord> find(String id) {
        return RecordTables.find(store, TABLE, COLUMNS, id, ClusterProfileRepository::read);
    }

    /** All profiles by name (case-insensitive), then id. */
    public List<ClusterProfileRecord> list() {
        return RecordTables.listByName(store, TABLE, COLUMNS, ClusterProfileRepository::read);
    }

    /** @return false when there was no such profile */
    public boolean delete(String id) {
        return RecordTables.delete(store, TABLE, id);
    }

    private static ClusterProfileRecord read(ResultSet rs) throws SQLException {
        return new ClusterProfileRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Rows.getInstant(rs, 5));
    }
}

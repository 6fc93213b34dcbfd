package org.namdrunner.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.namdrunner.core.model.TemplateRecord;
import org.namdrunner.core.model.TemplateRevision;

/**
 * Templates with optimistic locking: {@link #save} stores a record only when its {@code version} equals the stored
 * one (0 for a new template) and returns it with the next version, so two editors cannot silently overwrite each
 * other.
 *
 * <p><b>Revisions.</b> {@link #save(TemplateRecord, String)} is the one path that writes a template, and for a user
 * template it also appends a {@link TemplateRevision} (next number, the text, the operating-system user, the time,
 * the comment) in the same transaction whenever the text differs from the newest revision: saving unchanged text
 * (a rename, a second Ctrl+S) adds none. Built-in templates have no revisions. Deleting a template deletes its
 * revisions.
 */
public final class TemplateRepository {
    private static final String TABLE = "templates";
    private static final String COLUMNS = "id, name, built_in, body, row_version, updated_at";
    private static final String REVISION_COLUMNS = "template_id, revision, body, author, created_at, comment";
    /** Longest comment and author name stored (the columns' sizes); longer ones are cut. */
    static final int MAX_COMMENT = 4000;
    static final int MAX_AUTHOR = 200;
    private final Store store;

    TemplateRepository(Store store) {
        this.store = store;
    }

    /** {@link #save(TemplateRecord, String)} without a comment. */
    public TemplateRecord save(TemplateRecord t) {
        return save(t, "");
    }

    /**
     * Inserts (version 0) or updates (version = stored version) a template; for a user template whose text differs
     * from its newest revision, appends the next revision with this comment.
     *
     * @param comment what changed (null or empty: nothing said)
     * @return the stored record, with its new version and update time
     * @throws StaleRecordException when the template was changed or created meanwhile
     */
    public TemplateRecord save(TemplateRecord t, String comment) {
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
            if (!t.builtIn()) {
                TemplateRevision newest = latest(c, t.id());
                if (newest == null || !newest.text().equals(t.text())) {
                    insertRevision(c, new TemplateRevision(t.id(), newest == null ? 1 : newest.number() + 1, t.text(),
                            currentUser(), now, comment));
                }
            }
            return new TemplateRecord(t.id(), t.name(), t.builtIn(), t.text(), next, now);
        });
    }

    /** The operating-system user name, recorded as a revision's author. */
    static String currentUser() {
        return System.getProperty("user.name", "");
    }

    private static void insertRevision(Connection c, TemplateRevision r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO template_revisions (" + REVISION_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.templateId());
            ps.setInt(2, r.number());
            ps.setString(3, r.text());
            ps.setString(4, cut(r.author(), MAX_AUTHOR));
            ps.setObject(5, Rows.ts(r.at()));
            ps.setString(6, cut(r.comment().strip(), MAX_COMMENT));
            ps.executeUpdate();
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static TemplateRevision latest(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + REVISION_COLUMNS + " FROM template_revisions "
                + "WHERE template_id = ? ORDER BY revision DESC LIMIT 1")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? readRevision(rs) : null;
            }
        }
    }

    private static TemplateRevision readRevision(ResultSet rs) throws SQLException {
        return new TemplateRevision(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                Rows.getInstant(rs, 5), rs.getString(6));
    }

    /** The revisions of a template, oldest (1) first; empty for a built-in or unknown template. */
    public List<TemplateRevision> revisions(String id) {
        return store.inTransaction(c -> {
            List<TemplateRevision> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + REVISION_COLUMNS + " FROM template_revisions "
                    + "WHERE template_id = ? ORDER BY revision")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(readRevision(rs));
                    }
                }
            }
            return out;
        });
    }

    /** One revision of a template. */
    public Optional<TemplateRevision> revision(String id, int number) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + REVISION_COLUMNS + " FROM template_revisions "
                    + "WHERE template_id = ? AND revision = ?")) {
                ps.setString(1, id);
                ps.setInt(2, number);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(readRevision(rs)) : Optional.<TemplateRevision>empty();
                }
            }
        });
    }

    /** The newest revision of a template (empty for a built-in or unknown template). */
    public Optional<TemplateRevision> latestRevision(String id) {
        return store.inTransaction(c -> Optional.ofNullable(latest(c, id)));
    }

    /**
     * The number of the newest revision of template {@code id} whose text is exactly {@code text}: the revision a
     * job rendered from that text was made from. Empty when no revision has that text (a built-in template, or text
     * that was never saved).
     */
    public Optional<Integer> revisionWithText(String id, String text) {
        if (id == null || text == null) {
            return Optional.empty();
        }
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT revision, body FROM template_revisions "
                    + "WHERE template_id = ? ORDER BY revision DESC")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (text.equals(rs.getString(2))) {
                            return Optional.of(rs.getInt(1));
                        }
                    }
                }
            }
            return Optional.<Integer>empty();
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

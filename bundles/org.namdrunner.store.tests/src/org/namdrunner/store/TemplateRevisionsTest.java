package org.namdrunner.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.TemplateRecord;
import org.namdrunner.core.model.TemplateRevision;
import org.namdrunner.store.internal.Migrations;

/** Template revisions (schema V5): appended by the one save path, kept in the H2 file, migrated for old templates. */
class TemplateRevisionsTest extends StoreTestSupport {

    @Test
    void everyChangedSaveOfAUserTemplateAppendsARevision() throws Exception {
        Path dir = newDir();
        Store s = open(dir);
        Instant before = Instant.now();
        TemplateRecord t = s.templates().save(TemplateRecord.create("mine", "Mine", false, "run 100\n"), "first try");
        t = s.templates().save(t.withText("run 100\n"), "nothing changed");
        t = s.templates().save(t.withName("Mine, renamed"));
        assertEquals(1, s.templates().revisions("mine").size(), "unchanged text (a second save, a rename) adds no revision");
        t = s.templates().save(t.withText("run 200\nminimize 10\n"), "  longer run  ");
        t = s.templates().save(t.withText("run 100\n"));
        assertEquals(5, t.version(), "every save stores the record: 2 changed texts, 1 unchanged, 1 rename");

        List<TemplateRevision> revs = s.templates().revisions("mine");
        assertEquals(List.of(1, 2, 3), revs.stream().map(TemplateRevision::number).toList());
        assertEquals(List.of("run 100\n", "run 200\nminimize 10\n", "run 100\n"), revs.stream().map(TemplateRevision::text).toList());
        assertEquals(List.of("first try", "longer run", ""), revs.stream().map(TemplateRevision::comment).toList());
        String user = System.getProperty("user.name");
        assertTrue(revs.stream().allMatch(r -> r.author().equals(user)), revs.toString());
        assertTrue(revs.stream().noneMatch(r -> r.at().isBefore(before.minusSeconds(1))), revs.toString());
        assertEquals(t.updated(), revs.get(2).at(), "the newest revision has the template's update time");

        assertEquals(3, s.templates().latestRevision("mine").orElseThrow().number());
        assertEquals("run 200\nminimize 10\n", s.templates().revision("mine", 2).orElseThrow().text());
        assertTrue(s.templates().revision("mine", 4).isEmpty());
        // the newest revision with a text is the one a job rendered from that text came from
        assertEquals(3, s.templates().revisionWithText("mine", "run 100\n").orElseThrow());
        assertEquals(2, s.templates().revisionWithText("mine", "run 200\nminimize 10\n").orElseThrow());
        assertTrue(s.templates().revisionWithText("mine", "never saved").isEmpty());
        assertTrue(s.templates().revisionWithText(null, "run 100\n").isEmpty());

        // kept in the database file
        s.close();
        Store again = open(dir);
        assertEquals(revs, again.templates().revisions("mine"));
    }

    @Test
    void builtInTemplatesHaveNoRevisionsAndDeletingATemplateDeletesThem() throws Exception {
        Store s = newStore();
        TemplateRecord b = s.templates().save(TemplateRecord.create("shipped", "Shipped", true, "a\n"));
        s.templates().save(b.withText("b\n"));
        assertEquals(List.of(), s.templates().revisions("shipped"));
        assertTrue(s.templates().latestRevision("shipped").isEmpty());

        TemplateRecord u = s.templates().save(TemplateRecord.create("u", "U", false, "a\n"));
        s.templates().save(u.withText("b\n"));
        assertEquals(2, s.templates().revisions("u").size());
        assertTrue(s.templates().delete("u"));
        assertEquals(List.of(), s.templates().revisions("u"));
        s.templates().save(TemplateRecord.create("u", "U again", false, "c\n"));
        assertEquals(List.of(1), s.templates().revisions("u").stream().map(TemplateRevision::number).toList());
    }

    @Test
    void aStaleSaveAddsNoRevision() throws Exception {
        Store s = newStore();
        TemplateRecord t = s.templates().save(TemplateRecord.create("u", "U", false, "a\n"));
        s.templates().save(t.withText("b\n"));
        TemplateRecord stale = t;
        assertThrows(StaleRecordException.class, () -> s.templates().save(stale.withText("lost\n"), "lost"));
        assertEquals(List.of("a\n", "b\n"), s.templates().revisions("u").stream().map(TemplateRevision::text).toList());
    }

    @Test
    void longCommentsAreCut() throws Exception {
        Store s = newStore();
        s.templates().save(TemplateRecord.create("u", "U", false, "a\n"), "x".repeat(TemplateRepository.MAX_COMMENT + 50));
        assertEquals(TemplateRepository.MAX_COMMENT, s.templates().revisions("u").get(0).comment().length());
    }

    @Test
    void jobsKeepTheirTemplateRevision() throws Exception {
        Path dir = newDir();
        Store s = open(dir);
        Job j = job("from rev 2").toBuilder().templateId("mine").templateRevision(2).templateValue("steps", "5").build();
        s.jobs().insert(j);
        Job plain = job("no revision");
        s.jobs().insert(plain);
        s.close();
        Store again = open(dir);
        assertEquals(2, again.jobs().find(j.id()).orElseThrow().templateRevision());
        assertEquals("5", again.jobs().find(j.id()).orElseThrow().templateValues().get("steps"));
        assertNull(again.jobs().find(plain.id()).orElseThrow().templateRevision());
        again.jobs().update(again.jobs().find(j.id()).orElseThrow().toBuilder().templateRevision(3).build());
        assertEquals(3, again.jobs().find(j.id()).orElseThrow().templateRevision());
    }

    @Test
    void migrationGivesExistingUserTemplatesRevisionOne() throws Exception {
        Path dir = newDir();
        try (Connection c = Store.dataSource(dir, false).getConnection(); Statement st = c.createStatement()) {
            assertEquals(0, Migrations.migrate(c, 4, "test db"));
            st.execute("INSERT INTO templates (id, name, built_in, body, row_version, updated_at) VALUES "
                    + "('old-user', 'Old user template', FALSE, 'run 7\n', 3, TIMESTAMP WITH TIME ZONE '2025-06-01 08:00:00Z'), "
                    + "('old-builtin', 'Old built-in', TRUE, 'run 1\n', 1, TIMESTAMP WITH TIME ZONE '2025-06-01 08:00:00Z')");
            st.execute("INSERT INTO jobs (id, name, profile_id, template_id, state, cores, nodes, created_at, updated_at) VALUES "
                    + "('22222222-2222-4222-8222-222222222222', 'old job', 'p1', 'old-user', 'COMPLETED', 1, 1, "
                    + "TIMESTAMP WITH TIME ZONE '2025-06-02 10:00:00Z', CURRENT_TIMESTAMP)");
        }
        Store s = open(dir);
        assertTrue(Migrations.latestVersion() >= 5);
        assertEquals(Migrations.latestVersion(), s.schemaVersion());
        List<TemplateRevision> revs = s.templates().revisions("old-user");
        assertEquals(1, revs.size());
        assertEquals(1, revs.get(0).number());
        assertEquals("run 7\n", revs.get(0).text());
        assertEquals(Instant.parse("2025-06-01T08:00:00Z"), revs.get(0).at());
        assertEquals("", revs.get(0).author(), "who wrote it before revisions were kept is not known");
        assertFalse(revs.get(0).comment().isEmpty());
        assertEquals(List.of(), s.templates().revisions("old-builtin"));
        assertNull(s.jobs().find("22222222-2222-4222-8222-222222222222").orElseThrow().templateRevision());
        // the next changed save continues the numbering
        TemplateRecord t = s.templates().find("old-user").orElseThrow();
        s.templates().save(t.withText("run 8\n"), "more steps");
        assertEquals(List.of(1, 2), s.templates().revisions("old-user").stream().map(TemplateRevision::number).toList());
    }
}

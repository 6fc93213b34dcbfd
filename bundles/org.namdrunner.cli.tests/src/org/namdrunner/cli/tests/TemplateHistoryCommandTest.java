package org.namdrunner.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cli.NamdCli;
import org.namdrunner.core.model.TemplateRecord;
import org.namdrunner.store.Store;

/** {@code namdrunner templates history ID|NAME --store DIR}: the revisions of a user template (issue 16 item 6). */
class TemplateHistoryCommandTest {

    private final CliRun cli = new CliRun();

    @Test
    void listsTheRevisionsOfAUserTemplateByIdOrName(@TempDir Path dir) {
        String id;
        try (Store store = Store.open(dir)) {
            TemplateRecord t = store.templates().save(TemplateRecord.create("u-1", "Membrane", false, "run 10\n"), "first");
            store.templates().save(t.withText("run 20\n"), "longer\trun");
            id = t.id();
        }
        assertEquals(NamdCli.OK, cli.run(List.of("templates", "history", id, "--store", dir.toString())), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertEquals(2, lines.size(), cli.out());
        String user = System.getProperty("user.name");
        assertTrue(lines.get(0).matches("1\t\\d{4}-\\d\\d-\\d\\dT[^\t]+Z\t" + java.util.regex.Pattern.quote(user) + "\tfirst"), lines.get(0));
        assertTrue(lines.get(1).startsWith("2\t") && lines.get(1).endsWith("\t" + user + "\tlonger run"), lines.get(1));
        String byId = cli.out();
        assertEquals(NamdCli.OK, cli.run(List.of("templates", "history", "Membrane", "--store", dir.toString())), cli.err());
        assertEquals(byId, cli.out(), "the name finds the same template");

        assertEquals(NamdCli.ERRORS, cli.run(List.of("templates", "history", "vacuum_optimization_v1", "--store", dir.toString())));
        assertTrue(cli.err().contains("built-in templates have no revisions"), cli.err());
        assertEquals(NamdCli.ERRORS, cli.run(List.of("templates", "history", "nope", "--store", dir.toString())));
        assertTrue(cli.err().contains("'nope'"), cli.err());
        // the positional form is unchanged
        assertEquals(NamdCli.OK, cli.run(List.of("templates", "vacuum_optimization_v1")), cli.err());
        assertTrue(cli.out().contains("temperature\tNumber\t310"), cli.out());
    }
}

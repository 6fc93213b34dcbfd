package org.namdrunner.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.namdrunner.core.model.TemplateRecord;
import org.namdrunner.core.model.TemplateRevision;
import org.namdrunner.store.Store;

import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.model.Declaration;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.render.BuiltInTemplates;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code namdrunner templates [ID|FILE]}: the built-in template ids, or the variables one template declares;
 * {@code namdrunner templates history ID|NAME [--store DIR]}: the revisions of one of the user's templates.
 */
@Command(name = "templates", description = { "Lists the built-in templates, or the variables of one.",
        "With a template: name, type, default or (required), documentation; tab-separated.",
        "history: the revisions of one of your templates." })
final class TemplatesCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "ID|FILE", description = "A built-in template id or a template file.")
    String template;

    private final PrintStream out;
    private final PrintStream err;

    TemplatesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws NamdCli.UsageException {
        if (template == null) {
            BuiltInTemplates.ids().forEach(out::println);
            return NamdCli.OK;
        }
        String text = NamdCli.loadTemplate(template);
        NamdDocument doc = NamdLanguage.analyze(NamdLanguage.parse(text, template));
        for (Declaration d : doc.declarations().values()) {
            out.println(d.name() + "\t" + (d.type() == null ? "?" : d.type().label()) + "\t"
                    + (d.defaultValue() == null ? "(required)" : d.defaultValue()) + "\t" + d.documentation());
        }
        return NamdCli.OK;
    }

    @Command(name = "history", description = { "Lists the revisions of one of your templates (the Templates view's History),",
            "oldest first, tab-separated: REVISION TIME AUTHOR COMMENT.",
            "Exit status 1 when there is no such template (built-in templates have no revisions)." })
    int history(@Parameters(paramLabel = "ID|NAME", description = "Your template's id or name.") String idOrName,
            @Option(names = "--store", paramLabel = "DIR", description = "The database directory (default: the user's).") Path dir) {
        try (Store store = dir == null ? Store.openDefault() : Store.open(dir)) {
            TemplateRecord t = store.templates().find(idOrName).orElseGet(() -> store.templates().list().stream()
                    .filter(r -> r.name().equals(idOrName)).findFirst().orElse(null));
            if (t == null || t.builtIn()) {
                err.println("error: no template of yours is named or has the id '" + idOrName + "'"
                        + (BuiltInTemplates.ids().contains(idOrName) ? " (built-in templates have no revisions)" : ""));
                return NamdCli.ERRORS;
            }
            List<TemplateRevision> revisions = store.templates().revisions(t.id());
            for (TemplateRevision r : revisions) {
                out.println(r.number() + "\t" + r.at() + "\t" + r.author() + "\t" + r.comment().replace('\n', ' ').replace('\t', ' '));
            }
            return NamdCli.OK;
        }
    }
}

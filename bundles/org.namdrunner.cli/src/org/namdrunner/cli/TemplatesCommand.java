package org.namdrunner.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.model.Declaration;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.render.BuiltInTemplates;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code namdrunner templates [ID|FILE]}: the built-in template ids, or the variables one template declares. */
@Command(name = "templates", description = { "Lists the built-in templates, or the variables of one.",
        "With a template: name, type, default or (required), documentation; tab-separated." })
final class TemplatesCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "ID|FILE", description = "A built-in template id or a template file.")
    String template;

    private final PrintStream out;

    TemplatesCommand(PrintStream out) {
        this.out = out;
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
}

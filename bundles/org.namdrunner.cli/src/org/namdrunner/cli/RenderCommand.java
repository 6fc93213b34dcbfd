package org.namdrunner.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.namdrunner.template.render.RenderResult;
import org.namdrunner.template.render.TemplateRenderer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code namdrunner render TEMPLATE [--set name=value]... [-o OUT]}: a template rendered with values, validated. */
@Command(name = "render", sortOptions = false,
        description = { "Renders a template with values and validates the result.",
                "Variables not set take their defaults; prints the NAMD config, or writes it to OUT.", "Exit status 1 on bad or missing values (nothing is written)." })
final class RenderCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TEMPLATE", description = "A template file or a built-in template id.")
    String template;

    @Option(names = { "-s", "--set" }, paramLabel = "NAME=VALUE", description = "A value of a declared variable (repeatable).")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = { "-o", "--output" }, paramLabel = "OUT", description = "Write the config to OUT instead of standard output.")
    Path output;

    private final PrintStream out;
    private final PrintStream err;

    RenderCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws NamdCli.UsageException {
        String text = NamdCli.loadTemplate(template);
        RenderResult r = TemplateRenderer.render(text, Path.of(template).getFileName().toString(), values);
        if (!r.ok()) {
            r.errors().forEach(e -> err.println("error: " + e));
            err.println("nothing rendered");
            return NamdCli.ERRORS;
        }
        r.warnings().forEach(w -> err.println("warning: " + w));
        if (output == null) {
            out.print(r.text());
            return NamdCli.OK;
        }
        try {
            Files.writeString(output, r.text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NamdCli.UsageException(output + ": cannot write: " + e.getMessage());
        }
        return NamdCli.OK;
    }
}

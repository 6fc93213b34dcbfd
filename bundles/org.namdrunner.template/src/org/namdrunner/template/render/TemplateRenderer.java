package org.namdrunner.template.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import org.eclipse.xtext.resource.XtextResource;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.model.Declaration;
import org.namdrunner.template.model.DeclarationParser;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.model.NamdWord;
import org.namdrunner.template.model.ValueChecks;

/**
 * Template + values -&gt; plain NAMD config. Values are checked against the template's declarations first;
 * on any problem nothing is rendered. The rendered text is validated again (it must have no errors).
 */
public final class TemplateRenderer {

    private TemplateRenderer() {
    }

    /**
     * @param template     template text
     * @param templateName name used in messages
     * @param values       variable values by name (missing ones take the declared default)
     */
    public static RenderResult render(String template, String templateName, Map<String, String> values) {
        List<String> errors = new ArrayList<>();
        XtextResource r = NamdLanguage.parse(template, templateName);
        if (!r.getErrors().isEmpty()) {
            r.getErrors().forEach(e -> errors.add(templateName + ":" + e.getLine() + ": syntax error: " + e.getMessage()));
            return new RenderResult(null, errors, List.of());
        }
        // the template itself must be valid as a template
        for (NamdLanguage.Finding f : NamdLanguage.validate(template, templateName)) {
            if (f.error() && f.code() != null && f.code().startsWith("template.")) {
                errors.add(f.format(templateName));
            }
        }
        NamdDocument doc = NamdLanguage.analyze(r);
        Map<String, Declaration> decls = doc.declarations();
        for (String name : values.keySet()) {
            if (!decls.containsKey(name)) {
                errors.add("unknown variable '" + name + "': the template declares " + (decls.isEmpty() ? "no variables" : String.join(", ", decls.keySet())));
            }
        }
        Map<String, String> rendered = new LinkedHashMap<>();
        for (Declaration d : decls.values()) {
            String v = values.containsKey(d.name()) ? values.get(d.name()) : d.defaultValue();
            if (v == null) {
                errors.add("variable '" + d.name() + "' needs a value (no default)");
                continue;
            }
            String err = ValueChecks.checkVariableValue(d, v);
            if (err != null) {
                errors.add(err);
            } else {
                rendered.put(d.name(), ValueChecks.renderValue(d, v));
            }
        }
        if (!errors.isEmpty()) {
            return new RenderResult(null, List.copyOf(errors), List.of());
        }
        String out = substitute(template, rendered);
        List<String> warnings = new ArrayList<>();
        for (NamdLanguage.Finding f : NamdLanguage.validate(out, templateName)) {
            if (f.error()) {
                errors.add("rendered config " + f.format(templateName) + " (check the values)");
            } else {
                warnings.add(f.format(templateName));
            }
        }
        if (!errors.isEmpty()) {
            return new RenderResult(null, List.copyOf(errors), List.copyOf(warnings));
        }
        return new RenderResult(out, List.of(), List.copyOf(warnings));
    }

    /** Removes declaration lines and replaces every {@code <<name>>} of a declared variable. */
    static String substitute(String template, Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        for (String line : template.split("(?<=\n)", -1)) {
            if (DeclarationParser.isDeclaration(line.strip())) {
                continue;
            }
            Matcher m = NamdWord.PLACEHOLDER.matcher(line);
            StringBuilder l = new StringBuilder();
            while (m.find()) {
                String v = values.get(m.group(1));
                m.appendReplacement(l, Matcher.quoteReplacement(v == null ? m.group() : v));
            }
            m.appendTail(l);
            sb.append(l);
        }
        return sb.toString();
    }
}

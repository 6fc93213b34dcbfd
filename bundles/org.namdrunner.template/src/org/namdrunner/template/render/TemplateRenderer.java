package org.namdrunner.template.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.xtext.resource.XtextResource;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.model.Declaration;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.model.NamdWord;

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
     * @param values       variable values by name (missing ones take the declared default; see {@link TemplateValues})
     */
    public static RenderResult render(String template, String templateName, Map<String, String> values) {
        return render(template, templateName, values, org.namdrunner.template.validation.ValidationOptions.DEFAULT);
    }

    /**
     * Renders like {@link #render(String, String, Map)} and validates the rendered config with {@code options} (e.g.
     * the NAMD version the job will run: keywords of the other release are errors that say so).
     */
    public static RenderResult render(String template, String templateName, Map<String, String> values,
            org.namdrunner.template.validation.ValidationOptions options) {
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
                errors.add(templateName + ": unknown variable '" + name + "': the template declares "
                        + (decls.isEmpty() ? "no variables" : String.join(", ", decls.keySet())));
            }
        }
        TemplateValues.Resolved resolved = TemplateValues.resolve(template, templateName, decls.values(), values);
        errors.addAll(resolved.errors());
        if (!errors.isEmpty()) {
            return new RenderResult(null, List.copyOf(errors), List.of());
        }
        Map<String, String> rendered = resolved.values();
        String out = substitute(template, rendered);
        List<String> warnings = new ArrayList<>();
        for (NamdLanguage.Finding f : NamdLanguage.validate(out, templateName, options)) {
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
        return TemplateValues.substitute(template, values, NamdWord.PLACEHOLDER);
    }
}

package org.namdrunner.automation;

import java.util.Map;

import org.namdrunner.cluster.ClusterException;
import org.namdrunner.template.render.RenderResult;
import org.namdrunner.template.render.TemplateValues;

/** Renders a NAMD config from a template and values (the template bundle's renderer plugs in here). */
@FunctionalInterface
public interface ConfigRenderer {
    String render(String template, Map<String, String> values) throws StepException;

    /**
     * The default renderer (used when none is given): {@code #@var} variables take the given value or their declared
     * default and are checked against their declaration (type, min/max, extension); a variable without value and
     * default, and an undeclared {@code <<name>>} without value, are errors naming the variable and its line.
     * Undeclared placeholders take the given value as text. Unlike {@link TemplateConfigRenderer} the rendered text is
     * not validated as a NAMD config.
     */
    ConfigRenderer PLACEHOLDERS = (template, values) -> {
        RenderResult r = TemplateValues.renderLenient(template, "template", values);
        if (!r.ok()) {
            throw new StepException("render", ClusterException.Kind.INVALID_REQUEST,
                    "The template cannot be rendered:\n" + String.join("\n", r.errors()), null);
        }
        return r.text();
    };
}

package org.namdrunner.automation;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a NAMD config from a template and values (the template bundle's renderer plugs in here). */
@FunctionalInterface
public interface ConfigRenderer {
    String render(String template, Map<String, String> values) throws StepException;

    /**
     * The minimal renderer: replaces {@code <<name>>} with the value; an undefined variable is an error naming
     * it. Values are inserted as text — NAMD config semantics are the template layer's job (validation).
     */
    ConfigRenderer PLACEHOLDERS = (template, values) -> {
        Matcher m = Pattern.compile("<<\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*>>").matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new StepException("render", org.namdrunner.cluster.ClusterException.Kind.INVALID_REQUEST,
                        "Template variable '" + m.group(1) + "' has no value", null);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    };
}

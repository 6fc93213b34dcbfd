package org.namdrunner.template.render;

import java.util.List;

/**
 * Outcome of rendering: either the NAMD config text (no errors) or the errors (no text).
 *
 * @param text     the rendered config, or null when rendering failed
 * @param errors   what is wrong with the values or the template (empty on success)
 * @param warnings validation warnings of the rendered config (informational)
 */
public record RenderResult(String text, List<String> errors, List<String> warnings) {

    public boolean ok() {
        return text != null && errors.isEmpty();
    }
}

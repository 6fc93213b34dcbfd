package org.namdrunner.automation;

import java.util.Map;

import org.namdrunner.cluster.ClusterException;
import org.namdrunner.template.render.RenderResult;
import org.namdrunner.template.render.TemplateRenderer;

/**
 * {@link ConfigRenderer} over the template language's renderer: values are checked against the template's
 * {@code #@var} declarations (type, range, file extension) and the rendered config is validated; any problem stops
 * the lifecycle with all messages instead of uploading a broken config.
 */
public class TemplateConfigRenderer implements ConfigRenderer {
    private final String templateName;

    public TemplateConfigRenderer(String templateName) {
        this.templateName = templateName == null ? "template" : templateName;
    }

    @Override
    public String render(String template, Map<String, String> values) throws StepException {
        RenderResult r = TemplateRenderer.render(template, templateName, values);
        if (!r.ok()) {
            throw new StepException("org.namdrunner.automation.render", ClusterException.Kind.INVALID_REQUEST,
                    "The template " + templateName + " cannot be rendered:\n" + String.join("\n", r.errors()), null);
        }
        return r.text();
    }
}

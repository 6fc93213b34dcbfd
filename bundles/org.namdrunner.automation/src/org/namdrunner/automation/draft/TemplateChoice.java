package org.namdrunner.automation.draft;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.namdrunner.core.model.TemplateRecord;
import org.namdrunner.store.Store;
import org.namdrunner.template.render.BuiltInTemplates;

/**
 * A template a job can be created from: one of the built-in templates shipped with the template language, or a
 * user template from the store.
 *
 * @param id      template id (recorded on the job)
 * @param name    display name
 * @param builtIn shipped with NAMDRunner (read-only)
 * @param text    the template text with its {@code #@var} declarations
 */
public record TemplateChoice(String id, String name, boolean builtIn, String text) {

    public TemplateChoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        name = name == null || name.isBlank() ? id : name;
    }

    /** Label for lists: the name, marked "(built-in)" for shipped templates. */
    public String label() {
        return builtIn ? name + " (built-in)" : name;
    }

    /** The built-in templates, in their shipped order. */
    public static List<TemplateChoice> builtIns() {
        List<TemplateChoice> out = new ArrayList<>();
        for (String id : BuiltInTemplates.ids()) {
            out.add(new TemplateChoice(id, BuiltInTemplates.displayName(id), true, BuiltInTemplates.text(id)));
        }
        return out;
    }

    /**
     * Built-in templates first, then the user templates of the store (by name). A stored template with the id of
     * a built-in one replaces nothing: the shipped text wins, so a job's template id always means one text.
     */
    public static List<TemplateChoice> all(Store store) {
        List<TemplateChoice> out = new ArrayList<>(builtIns());
        Set<String> ids = new LinkedHashSet<>(BuiltInTemplates.ids());
        if (store != null) {
            for (TemplateRecord t : store.templates().list()) {
                if (ids.add(t.id())) {
                    out.add(new TemplateChoice(t.id(), t.name(), t.builtIn(), t.text()));
                }
            }
        }
        return out;
    }
}

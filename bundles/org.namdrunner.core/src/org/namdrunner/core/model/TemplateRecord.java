package org.namdrunner.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A NAMD config template as stored locally.
 *
 * @param id      stable id (built-in templates use their contributed id, user templates a UUID)
 * @param name    display name
 * @param builtIn true for templates shipped with NAMDRunner or a plugin (restorable, not user-owned)
 * @param text    the template source
 * @param version optimistic-locking version: 0 for a record never stored, then 1, 2, ... per saved change
 * @param updated time of the last saved change (null before the first save)
 */
public record TemplateRecord(String id, String name, boolean builtIn, String text, int version, Instant updated) {

    public TemplateRecord {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A template needs an id");
        }
        Objects.requireNonNull(name, "A template needs a name");
        Objects.requireNonNull(text, "A template needs text (may be empty)");
        if (version < 0) {
            throw new IllegalArgumentException("Template " + id + ": version must not be negative");
        }
    }

    /** A new, never stored template. */
    public static TemplateRecord create(String id, String name, boolean builtIn, String text) {
        return new TemplateRecord(id, name, builtIn, text, 0, null);
    }

    public TemplateRecord withText(String newText) {
        return new TemplateRecord(id, name, builtIn, newText, version, updated);
    }

    public TemplateRecord withName(String newName) {
        return new TemplateRecord(id, newName, builtIn, text, version, updated);
    }
}

package org.namdrunner.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One saved text of a user template. Every save that changes a user template's text appends the next revision
 * (1, 2, ...); built-in templates have none. Jobs name the revision their config was rendered from.
 *
 * @param templateId the template
 * @param number     1 for the first text, then one more per changed save
 * @param text       the template text of this revision
 * @param author     who saved it (the operating-system user name)
 * @param at         when it was saved
 * @param comment    what the author said about it (empty when nothing)
 */
public record TemplateRevision(String templateId, int number, String text, String author, Instant at, String comment) {

    public TemplateRevision {
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
        if (number < 1) {
            throw new IllegalArgumentException("Template revisions start at 1, not " + number);
        }
        author = author == null ? "" : author;
        comment = comment == null ? "" : comment;
    }
}

-- NAMDRunner store, schema version 5: template revisions and the revision a job was made from.
-- NEVER edit a migration once it is merged: add a new V<n+1>__<what>.sql instead.
-- Every save that changes a user template's text appends a revision (TemplateRepository.save); built-in templates
-- have none. Existing user templates get revision 1 from their current text. A job names the revision whose text
-- rendered its config (null: built-in template, hand-written config, or a job older than this table).

CREATE TABLE template_revisions (
    template_id VARCHAR(200)  NOT NULL,
    revision    INTEGER       NOT NULL,
    body        CHARACTER LARGE OBJECT NOT NULL,
    author      VARCHAR(200)  NOT NULL,
    created_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    comment     VARCHAR(4000) NOT NULL,
    CONSTRAINT pk_template_revisions PRIMARY KEY (template_id, revision),
    CONSTRAINT fk_revision_template FOREIGN KEY (template_id) REFERENCES templates (id) ON DELETE CASCADE
);

INSERT INTO template_revisions (template_id, revision, body, author, created_at, comment)
    SELECT id, 1, body, '', updated_at, 'Text when revision history began' FROM templates WHERE built_in = FALSE;

ALTER TABLE jobs ADD COLUMN template_revision INTEGER;

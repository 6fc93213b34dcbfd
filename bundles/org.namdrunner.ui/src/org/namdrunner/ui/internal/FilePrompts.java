package org.namdrunner.ui.internal;

import java.nio.file.Path;

import org.eclipse.swt.widgets.Shell;

/**
 * Asks the user for a local file or folder: every screen that does (Templates and Automations import/export, database
 * backup/restore, settings export/import, downloads of the job editor, Jobs view and Remote Explorer, uploads) asks
 * through this OSGi service. The product's is {@link NativeFilePrompts} (a declarative-services component, ranking 0:
 * the native file and folder dialogs); a service registered with a higher {@code service.ranking} replaces it while it
 * is registered — the UI tests register one that answers with a path, since native dialogs cannot be driven.
 */
public interface FilePrompts {

    /** What is asked for. */
    enum Kind {
        /** an existing file to read */
        OPEN,
        /** a file to write (the native dialog asks before it overwrites one) */
        SAVE,
        /** a folder */
        FOLDER
    }

    /**
     * One question.
     *
     * @param title         the dialog's title
     * @param suggestedName file name offered when saving, else null
     * @param folder        folder to start in (the nearest existing parent), else null
     * @param extensions    file patterns offered first, e.g. {@code "*.json"} or {@code "*.namd;*.conf"}; null: all files
     * @param description   what the patterns match ("NAMDRunner settings (*.json)"); for a folder the dialog's message
     */
    record Request(Kind kind, String title, String suggestedName, Path folder, String extensions, String description) {

        public static Request folder(String title, String message, Path startIn) {
            return new Request(Kind.FOLDER, title, null, startIn, null, message);
        }

        public boolean save() {
            return kind == Kind.SAVE;
        }
    }

    /** @return the file or folder chosen, or null when the user cancelled */
    Path ask(Shell shell, Request request);

    /** The prompts of the highest-ranked registered service (the native dialogs when none is registered). */
    static FilePrompts current() {
        return Services.highest(FilePrompts.class, NativeFilePrompts.INSTANCE);
    }
}

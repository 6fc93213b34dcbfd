package org.namdrunner.ui.internal;

import java.nio.file.Path;

import org.eclipse.swt.widgets.Shell;

/**
 * The file questions of one screen: titles for saving and opening and the files offered ({@code extensions} such as
 * {@code "*.json"} or {@code "*.namd;*.conf"}, described as {@code description}; all files can be chosen too), asked
 * through the current {@link FilePrompts} service.
 */
public record FilePrompt(String saveTitle, String openTitle, String extensions, String description) {

    /** @return the file to write, or null when the user cancelled */
    public Path save(Shell shell, String suggestedName) {
        return FilePrompts.current().ask(shell,
                new FilePrompts.Request(FilePrompts.Kind.SAVE, saveTitle, suggestedName, null, extensions, description));
    }

    /** @return the file to read, or null when the user cancelled */
    public Path open(Shell shell) {
        return FilePrompts.current().ask(shell,
                new FilePrompts.Request(FilePrompts.Kind.OPEN, openTitle, null, null, extensions, description));
    }
}

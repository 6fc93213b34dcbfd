package org.namdrunner.template.inputs;

import java.nio.file.Path;

/** An input file that NAMD would not read: the message names the file and, where there is one, the line. */
public class InputFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public InputFormatException(Path file, long line, String message) {
        super(file.getFileName() + (line > 0 ? ":" + line : "") + ": " + message);
    }
}

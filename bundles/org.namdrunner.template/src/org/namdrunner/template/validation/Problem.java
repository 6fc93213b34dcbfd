package org.namdrunner.template.validation;

import java.util.List;

/**
 * A validation finding on a range of the text.
 *
 * @param severity error or warning
 * @param code     rule id (stable, see {@link NamdRules}); quick fixes key on it
 * @param message  human message
 * @param offset   start offset in the document
 * @param length   length of the range
 * @param data     extra data for quick fixes (e.g. "did you mean" candidates, a variable name)
 */
public record Problem(Severity severity, String code, String message, int offset, int length, List<String> data) {

    public enum Severity {
        ERROR, WARNING, /** a note: why a rule did not run, how the file was read */ INFO
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}

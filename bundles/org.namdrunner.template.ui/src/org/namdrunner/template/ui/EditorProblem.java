package org.namdrunner.template.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.ide.NamdIdeServices;

/**
 * A validation finding of an editor document (syntax error or a rule of NamdRules), with the rule's quick-fix
 * data. Computed off the UI thread by the reconciler and by the quick-fix processor.
 *
 * @param error   error (else warning)
 * @param code    rule id ({@code NamdRules} constants), null for syntax errors
 * @param message message shown in the ruler, hover and Problems view
 * @param offset  start offset in the document
 * @param length  length (at least 1 when the document is not empty)
 * @param line    1-based line
 * @param column  1-based column
 * @param data    rule data: "did you mean" candidates, a parent keyword, a variable name
 */
public record EditorProblem(boolean error, String code, String message, int offset, int length, int line, int column,
        List<String> data) {

    /** Parses and validates {@code text} with every rule; {@code cancel} is polled by the validator. */
    public static List<EditorProblem> validate(String text, String fileName, CancelIndicator cancel) {
        return validate(parse(text, fileName), text, cancel);
    }

    /** Parses {@code text} with the ide injector (shared with NamdLanguage). */
    public static XtextResource parse(String text, String fileName) {
        NamdIdeServices.get();
        return NamdLanguage.parse(text, fileName);
    }

    /** Validates a resource parsed from {@code text}. */
    public static List<EditorProblem> validate(XtextResource r, String text, CancelIndicator cancel) {
        IResourceValidator v = r.getResourceServiceProvider().getResourceValidator();
        List<Issue> issues = v.validate(r, CheckMode.ALL, cancel == null ? CancelIndicator.NullImpl : cancel);
        List<EditorProblem> out = new ArrayList<>();
        for (Issue i : issues) {
            if (i.getSeverity() != Severity.ERROR && i.getSeverity() != Severity.WARNING) {
                continue;
            }
            int offset = i.getOffset() == null ? 0 : Math.min(i.getOffset(), text.length());
            int length = i.getLength() == null ? 0 : Math.min(i.getLength(), text.length() - offset);
            if (length <= 0 && !text.isEmpty()) {
                // an error at the very end (e.g. unclosed brace): mark the last character
                offset = Math.min(offset, text.length() - 1);
                length = 1;
            }
            out.add(new EditorProblem(i.getSeverity() == Severity.ERROR, i.getCode(), i.getMessage(), offset, length,
                    i.getLineNumber() == null ? 1 : i.getLineNumber(), i.getColumn() == null ? 1 : i.getColumn(),
                    i.getData() == null ? List.of() : Arrays.stream(i.getData()).filter(Objects::nonNull).toList()));
        }
        out.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
        return out;
    }
}

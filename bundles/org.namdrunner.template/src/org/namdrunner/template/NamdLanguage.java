package org.namdrunner.template;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.namd.Script;
import org.namdrunner.template.validation.ValidationOptions;

import com.google.inject.Injector;

/**
 * Headless entry point of the NAMD template language: parse, analyze and validate text without an editor.
 * Thread-safe; each call uses its own resource set.
 */
public final class NamdLanguage {

    private static volatile Injector injector;

    /**
     * A validation finding with 1-based line/column.
     *
     * @param severity "error", "warning" or "note" (how the file was read, e.g. as a fragment; never a problem)
     */
    public record Finding(String severity, String code, String message, int line, int column, int offset, int length) {

        public static final String ERROR = "error";
        public static final String WARNING = "warning";
        public static final String NOTE = "note";

        public boolean error() {
            return ERROR.equals(severity);
        }

        public boolean warning() {
            return WARNING.equals(severity);
        }

        public boolean note() {
            return NOTE.equals(severity);
        }

        /** {@code file:line:col: severity: message}, the format of {@code namdrunner validate}. */
        public String format(String file) {
            return file + ":" + line + ":" + column + ": " + severity + ": " + message;
        }
    }

    private NamdLanguage() {
    }

    /** The runtime injector (created once). Editors use the ide injector of org.namdrunner.template.ide instead. */
    public static Injector injector() {
        Injector i = injector;
        if (i == null) {
            synchronized (NamdLanguage.class) {
                i = injector;
                if (i == null) {
                    i = new NamdStandaloneSetup().createInjectorAndDoEMFRegistration();
                    injector = i;
                }
            }
        }
        return i;
    }

    /** Allows the ide bundle to share its (richer) injector. */
    public static void useInjector(Injector ideInjector) {
        injector = ideInjector;
    }

    /** Parses text into a new resource (the file name only selects the URI shown in messages). */
    public static XtextResource parse(String text, String fileName) {
        XtextResourceSet rs = injector().getInstance(XtextResourceSet.class);
        String name = fileName == null || fileName.isBlank() ? "input.namd" : fileName;
        if (!name.matches(".*\\.(namd|conf|inp|namdt)$")) {
            name = name + ".namd";
        }
        XtextResource r = (XtextResource) rs.createResource(URI.createURI("inmemory:/" + URI.encodeSegment(name, false)));
        try {
            r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Map.of(XtextResource.OPTION_ENCODING, "UTF-8"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    /** The NAMD analysis of a parsed resource. */
    public static NamdDocument analyze(XtextResource resource) {
        Script script = resource.getContents().isEmpty() ? null : (Script) resource.getContents().get(0);
        String text = resource.getParseResult() == null ? "" : resource.getParseResult().getRootNode().getText();
        return NamdDocument.of(script, text, org.namdrunner.template.catalog.KeywordCatalog.standard());
    }

    /**
     * Syntax errors and all validation rules, sorted by position, with {@link ValidationOptions#DEFAULT} (any NAMD
     * version, sourced files not followed). Notes are included.
     */
    public static List<Finding> validate(String text, String fileName) {
        return validate(text, fileName, ValidationOptions.DEFAULT);
    }

    /**
     * Syntax errors and all validation rules, sorted by position: with the NAMD version of the options (keywords of the
     * other release are errors that say so) and, when the options can read them, the files the text {@code source}s.
     */
    public static List<Finding> validate(String text, String fileName, ValidationOptions options) {
        XtextResource r = parse(text, fileName);
        (options == null ? ValidationOptions.DEFAULT : options).attachTo(r);
        IResourceValidator v = r.getResourceServiceProvider().getResourceValidator();
        List<Issue> issues = v.validate(r, CheckMode.ALL, CancelIndicator.NullImpl);
        List<Finding> out = new ArrayList<>();
        for (Issue i : issues) {
            if (i.getSeverity() == Severity.IGNORE) {
                continue;
            }
            String severity = i.getSeverity() == Severity.ERROR ? Finding.ERROR : i.getSeverity() == Severity.WARNING ? Finding.WARNING : Finding.NOTE;
            out.add(new Finding(severity, i.getCode(), i.getMessage(),
                    i.getLineNumber() == null ? 1 : i.getLineNumber(), i.getColumn() == null ? 1 : i.getColumn(),
                    i.getOffset() == null ? 0 : i.getOffset(), i.getLength() == null ? 0 : i.getLength()));
        }
        out.sort((a, b) -> a.offset() != b.offset() ? Integer.compare(a.offset(), b.offset()) : a.message().compareTo(b.message()));
        return out;
    }
}

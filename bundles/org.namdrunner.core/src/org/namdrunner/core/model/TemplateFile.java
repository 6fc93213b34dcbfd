package org.namdrunner.core.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file format of an exported template: the template text after one header line naming where it came from,
 * <pre>#@namdrunner-export name="Equilibration" id="3f0c..." revision=4 exported="2026-12-03T05:30:00Z"</pre>
 * ({@code builtin=true} and no revision for a built-in template). To NAMD and to the template language the header
 * is a plain comment; {@link #read} takes it off again, and import records it as the origin of revision 1.
 */
public final class TemplateFile {

    /** The header line's first word. */
    public static final String HEADER = "#@namdrunner-export";

    private static final Pattern FIELD = Pattern.compile("([A-Za-z][\\w-]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");

    /**
     * A template file's content.
     *
     * @param text     the template text (without the header)
     * @param name     the template's name when exported (null: no header)
     * @param id       the template's id when exported (null: no header)
     * @param revision the revision exported (null: built-in, no header, or not given)
     * @param builtIn  the export was of a built-in template
     * @param exported when it was exported (null: not given)
     */
    public record Content(String text, String name, String id, Integer revision, boolean builtIn, Instant exported) {
        /** The file had an export header. */
        public boolean hasHeader() {
            return id != null;
        }

        /** The comment of revision 1 of a template imported from this content. */
        public String origin(String fileName) {
            StringBuilder b = new StringBuilder("Imported from ").append(fileName);
            if (hasHeader()) {
                b.append(": ");
                if (builtIn) {
                    b.append("built-in template '").append(name).append("' (").append(id).append(')');
                } else {
                    b.append(revision == null ? "template '" : "revision " + revision + " of template '").append(name)
                            .append("' (").append(id).append(')');
                }
                if (exported != null) {
                    b.append(", exported ").append(exported);
                }
            }
            return b.toString();
        }
    }

    private TemplateFile() {
    }

    /** The file text for a template: the header line, then the template text unchanged. */
    public static String write(String text, String name, String id, Integer revision, boolean builtIn, Instant exported) {
        StringBuilder b = new StringBuilder(HEADER);
        b.append(" name=").append(quote(name)).append(" id=").append(quote(id));
        if (builtIn) {
            b.append(" builtin=true");
        } else if (revision != null) {
            b.append(" revision=").append(revision);
        }
        if (exported != null) {
            b.append(" exported=").append(quote(exported.toString()));
        }
        return b.append('\n').append(text).toString();
    }

    /** Reads a template file: with an export header its fields and the text after it, otherwise the whole text. */
    public static Content read(String file) {
        if (!file.startsWith(HEADER + " ")) {
            return new Content(file, null, null, null, false, null);
        }
        int eol = file.indexOf('\n');
        String header = (eol < 0 ? file : file.substring(0, eol)).replaceFirst("\r$", "");
        String text = eol < 0 ? "" : file.substring(eol + 1);
        Map<String, String> f = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(header.substring(HEADER.length()));
        while (m.find()) {
            f.put(m.group(1), unquote(m.group(2)));
        }
        if (f.get("id") == null) {
            return new Content(file, null, null, null, false, null); // not our header after all: keep every line
        }
        Integer revision = null;
        try {
            revision = f.containsKey("revision") ? Integer.valueOf(f.get("revision")) : null;
        } catch (NumberFormatException e) {
            // a hand-edited header: the revision is unknown
        }
        Instant exported = null;
        try {
            exported = f.containsKey("exported") ? Instant.parse(f.get("exported")) : null;
        } catch (DateTimeParseException e) {
            // unknown time
        }
        return new Content(text, f.getOrDefault("name", f.get("id")), f.get("id"), revision,
                "true".equals(f.get("builtin")), exported);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ").replace("\r", " ") + "\"";
    }

    private static String unquote(String s) {
        if (s.length() < 2 || !s.startsWith("\"")) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }
}

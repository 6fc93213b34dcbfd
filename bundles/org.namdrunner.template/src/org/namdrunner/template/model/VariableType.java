package org.namdrunner.template.model;

import java.util.Locale;

/** Types of template variables declared with {@code #@var}. */
public enum VariableType {
    /** any number (integer or decimal, exponent allowed) */
    NUMBER,
    /** a whole number (steps, frequencies) */
    INTEGER,
    /** one word of text without Tcl special characters */
    TEXT,
    /** on/off; rendered as {@code on} or {@code off} */
    BOOLEAN,
    /** a file name (no blanks or Tcl special characters), optionally restricted to extensions */
    FILE;

    public String label() {
        String n = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    public static VariableType parse(String s) {
        for (VariableType t : values()) {
            if (t.name().equalsIgnoreCase(s)) {
                return t;
            }
        }
        return null;
    }
}

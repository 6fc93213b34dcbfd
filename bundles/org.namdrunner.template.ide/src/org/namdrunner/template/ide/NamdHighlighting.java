package org.namdrunner.template.ide;

import java.util.List;

/** Style ids reported by {@link NamdSemanticHighlightingCalculator}; an editor maps them to colours. */
public final class NamdHighlighting {

    /** a NAMD keyword from the catalog */
    public static final String KEYWORD = "namd.keyword";
    /** a first word that is neither keyword nor command */
    public static final String UNKNOWN = "namd.unknown";
    /** a Tcl or NAMD script command (set, if, run, minimize, ...) */
    public static final String COMMAND = "namd.command";
    /** a number value */
    public static final String NUMBER = "namd.number";
    /** a boolean value (on/off, yes/no, ...) */
    public static final String BOOLEAN = "namd.boolean";
    /** a quoted string */
    public static final String STRING = "namd.string";
    /** a Tcl variable reference ($x, ${x}) */
    public static final String VARIABLE = "namd.variable";
    /** a template placeholder {@code <<name>>} */
    public static final String PLACEHOLDER = "namd.placeholder";
    /** a comment */
    public static final String COMMENT = "namd.comment";
    /** a {@code #@var} declaration comment */
    public static final String DECLARATION = "namd.declaration";

    public static final List<String> ALL = List.of(KEYWORD, UNKNOWN, COMMAND, NUMBER, BOOLEAN, STRING, VARIABLE,
            PLACEHOLDER, COMMENT, DECLARATION);

    private NamdHighlighting() {
    }
}

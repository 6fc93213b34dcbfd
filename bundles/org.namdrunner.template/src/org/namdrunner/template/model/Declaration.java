package org.namdrunner.template.model;

import java.util.List;

/**
 * A template variable declared inside the template file by a comment line
 * {@code #@var name type=Number default=310 min=0 max=1000 label="..." help="..."}.
 *
 * @param name         variable name, used as {@code <<name>>}
 * @param type         value type (null when the declaration has no valid type)
 * @param defaultValue default value, or null when a value must be given
 * @param min          lower bound for Number/Integer, or null
 * @param max          upper bound for Number/Integer, or null
 * @param extensions   allowed file name endings for File (e.g. ".exb"), empty = any
 * @param label        short label for forms
 * @param help         help text
 * @param offset       offset of the declaration comment
 * @param length       length of the declaration comment
 */
public record Declaration(String name, VariableType type, String defaultValue, Double min, Double max,
        List<String> extensions, String label, String help, int offset, int length) {

    /** Documentation for hover and completion. */
    public String documentation() {
        StringBuilder sb = new StringBuilder();
        sb.append(label == null || label.isEmpty() ? name : label).append(" \u2014 ")
                .append(type == null ? "?" : type.label());
        if (min != null || max != null) {
            sb.append(" in [").append(min == null ? "-\u221e" : ValueChecks.fmt(min)).append(", ")
                    .append(max == null ? "\u221e" : ValueChecks.fmt(max)).append(']');
        }
        if (!extensions.isEmpty()) {
            sb.append(" (").append(String.join(", ", extensions)).append(')');
        }
        sb.append(defaultValue == null ? ", no default (a value is required)" : ", default " + defaultValue);
        sb.append('.');
        if (help != null && !help.isEmpty()) {
            sb.append(' ').append(help);
        }
        return sb.toString();
    }
}

package org.namdrunner.template.catalog;

import java.util.List;
import java.util.Locale;

/**
 * One NAMD configuration keyword as declared in NAMD's source (a row of {@code keywords.tsv}).
 *
 * @param name              keyword as spelled in NAMD's source (matching is case-insensitive)
 * @param parent            keyword this one depends on ("" when none)
 * @param type              declaration type: bool, enum, file, float, int, nonneg, posfloat, posint, string, vector
 * @param defaultValue      default as written in the source ("" when none)
 * @param source            where the fact comes from
 * @param required          required when its parent is set (or always, when it has no parent)
 * @param baseType          bool, float, int, string or vector
 * @param range             "", POSITIVE (&gt; 0) or NOT_NEGATIVE (&ge; 0)
 * @param units             unit NAMD converts values to ("" when the keyword takes no unit)
 * @param multipleAllowed   may be given more than once
 * @param settableAfterRun  may be changed between run/minimize commands
 * @param enumValues        allowed values of an enum keyword (case-insensitive; may be empty = unchecked)
 * @param section           User's Guide section
 * @param scope             "core" or a Tcl module (abf, ramd, namdcph)
 * @param buildCondition    preprocessor condition of the declaration ("" when always built)
 * @param versions          NAMD releases whose source declares the keyword ("2.14", "3.0"); empty for Tcl-module
 *                          keywords, which are not tied to a release
 */
public record KeywordInfo(String name, String parent, String type, String defaultValue, String source,
        boolean required, String baseType, String range, String units, boolean multipleAllowed,
        boolean settableAfterRun, List<String> enumValues, String section, String scope, String buildCondition,
        List<String> versions) {

    /** Whether NAMD {@code v} declares the keyword (true for every version when v is null or the row names none). */
    public boolean existsIn(NamdVersion v) {
        return v == null || versions.isEmpty() || versions.contains(v.label());
    }

    public boolean isCore() {
        return "core".equals(scope);
    }

    public boolean hasParent() {
        return !parent.isEmpty();
    }

    public boolean isBool() {
        return "bool".equals(baseType);
    }

    public boolean isInt() {
        return "int".equals(baseType);
    }

    public boolean isFloat() {
        return "float".equals(baseType);
    }

    public boolean isVector() {
        return "vector".equals(baseType);
    }

    public boolean isFile() {
        return "file".equals(type);
    }

    public boolean isEnum() {
        return "enum".equals(type) && !enumValues.isEmpty();
    }

    public boolean hasDefault() {
        return !defaultValue.isEmpty();
    }

    /** Lower-case key for lookups. */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Short human description of the value a keyword takes, e.g. "number > 0 (A)". */
    public String valueDescription() {
        String base = switch (baseType) {
            case "bool" -> "on/off";
            case "int" -> "integer";
            case "float" -> "number";
            case "vector" -> "vector of 3 numbers";
            default -> isFile() ? "file name" : isEnum() ? String.join(" | ", enumValues) : "text";
        };
        if ("POSITIVE".equals(range)) {
            base += " > 0";
        } else if ("NOT_NEGATIVE".equals(range)) {
            base += " \u2265 0";
        }
        if (!units.isEmpty()) {
            base += " (" + units + ")";
        }
        return base;
    }

    /** One-paragraph documentation used by hover and completion. */
    public String documentation() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(" \u2014 ").append(valueDescription());
        if (hasDefault()) {
            sb.append(", default ").append(defaultValue);
        }
        sb.append('.');
        if (!section.isEmpty()) {
            sb.append(" Section: ").append(section).append('.');
        }
        if (hasParent()) {
            sb.append(" Used when ").append(parent).append(" is on/set");
            sb.append(required && !hasDefault() ? " (then required)." : ".");
        } else if (required && !hasDefault()) {
            sb.append(" Required.");
        }
        if (multipleAllowed) {
            sb.append(" May be given several times.");
        }
        sb.append(settableAfterRun ? " Can be changed between runs." : " Cannot be changed after the first run.");
        if (!isCore()) {
            sb.append(" Module: ").append(scope).append('.');
        }
        if (!buildCondition.isEmpty()) {
            sb.append(" Only in builds with ").append(buildCondition).append('.');
        }
        return sb.toString();
    }

    /**
     * Whether the keyword exists in a standard NAMD build — the released binaries, which define none of the optional
     * preprocessor symbols (MEM_OPT_VERSION, DPMTA, DPME, OPENATOM_VERSION, PAPI, timer collection, NVTX tracing).
     * NAMD's source declares some keywords only in such variants, e.g. consAtomListFile in the {@code #else} of
     * {@code #ifndef MEM_OPT_VERSION}: a rule of the memory-optimised build, not of the build users run.
     */
    public boolean inStandardBuild() {
        String c = buildCondition.strip();
        return c.isEmpty() || c.equals("!MEM_OPT_VERSION");
    }
}

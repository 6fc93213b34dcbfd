package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.namdrunner.template.validation.NamdRules.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.NamdLanguage.Finding;

/**
 * Idioms of published NAMD configs that are no NAMD error (issue 16, template fidelity on real configs): each test has
 * the idiom, which must validate without the false error, and the real mistake next to it, which must still be found.
 */
class RealConfigIdiomsTest {

    static final String BASE = SeededMistakesTest.BASE;
    static final String RUN = SeededMistakesTest.RUN;

    private static List<Finding> validate(String text) {
        return NamdLanguage.validate(text, "t.namd");
    }

    private static List<String> errors(List<Finding> f) {
        return f.stream().filter(Finding::error).map(x -> x.code() + " " + x.format("t")).toList();
    }

    private static boolean hasError(List<Finding> f, String code) {
        return f.stream().anyMatch(x -> code.equals(x.code()) && x.error());
    }

    /** Tcl starts a comment only where a command starts: "set x ###X" sets x to "###X" (a placeholder a script replaces). */
    @Test
    void setWithAHashWordSetsTheVariable() {
        String text = "set psffile ###PSF_FILE\nset seedValue ###RANDOM_SEED\n"
                + BASE.replace("structure        sys.psf", "structure        $psffile") + "seed $seedValue\n" + RUN;
        List<Finding> f = validate(text);
        assertEquals(List.of(), errors(f));
        // "set x" alone reads x, and a comment after ';' is a comment: both still read a variable never set
        List<Finding> g = validate("set psffile ;# ###PSF_FILE\n" + BASE + RUN);
        assertTrue(hasError(g, UNSET_VARIABLE), g.toString());
        // a '#' comment of several words after "set x" is no value (Tcl: wrong # args), so x is not known to be set
        List<Finding> h = validate("set psffile # the structure\n" + BASE.replace("structure        sys.psf", "structure        $psffile") + RUN);
        assertTrue(hasError(h, UNSET_VARIABLE), h.toString());
    }

    /** "set min 0 ... if {$min == 1} {minimize ...}": a branch on a flag set once to a literal is decided. */
    @Test
    void branchesOnFlagVariablesSetOnceAreDecided() {
        String flags = "set min 0\nset cons 0\nset mode npt\n";
        String body = """
                if {$min == 1} {
                  minimize 100
                }
                if {$cons != 0} {
                  constraints on
                  consref ref.pdb
                  conskfile ref.pdb
                  conskcol $CONSCOL
                }
                if {$mode eq "nvt"} {
                  run 100
                }
                cutoff 12
                """;
        List<Finding> f = validate(BASE.replace("cutoff           12\n", "") + flags + body + RUN);
        assertEquals(List.of(), errors(f));
        // the same flags on: the branches run, so NAMD sees the run before cutoff and Tcl the unset $CONSCOL
        List<Finding> g = validate(BASE.replace("cutoff           12\n", "") + "set min 1\nset cons 1\nset mode npt\n" + body + RUN);
        assertTrue(hasError(g, NOT_SETTABLE_AFTER_RUN), g.toString());
        assertTrue(hasError(g, UNSET_VARIABLE), g.toString());
        // a flag set twice (or in a loop, a proc or a sourced file) is not known: the branch may run, as before
        List<Finding> h = validate(BASE.replace("cutoff           12\n", "") + "set min 0\nset min [expr 1]\nset cons 0\nset mode npt\n"
                + body + RUN);
        assertTrue(hasError(h, NOT_SETTABLE_AFTER_RUN), h.toString());
        List<Finding> s = validate(BASE.replace("cutoff           12\n", "") + flags + "source flags.tcl\n" + body + RUN);
        assertTrue(s.stream().anyMatch(x -> NOT_SETTABLE_AFTER_RUN.equals(x.code())), s.toString());
        // negation and a plain flag
        List<Finding> n = validate(BASE + "set heat 0\nif {!$heat} {\n  langevinTemp 310\n}\nif {$heat} {\n  run 10\n}\n"
                + "exclude none\n" + RUN);
        assertTrue(hasError(n, DUPLICATE), n.toString()); // exclude twice before any run: the if {$heat} run never happens
        assertTrue(n.stream().noneMatch(x -> NOT_SETTABLE_AFTER_RUN.equals(x.code())), n.toString());
    }
    /**
     * "if { ($shake == "all") || ($shake == "water") } {...} else {...}" on a flag set once is decided like Tcl's expr:
     * the branch taken is certain (its mistakes are errors), the other is dead.
     */
    @Test
    void compoundConditionsOnFlagsAreDecided() {
        String pme = SeededMistakesTest.CELL + "PME on\nPMEGridSpacing 1.0\nstepspercycle 10\n";
        String branches = """
                if { ($shake == "all") || ($shake == "water") } {
                  fullElectFrequency 3
                } else {
                  fullElectFrequency 2
                }
                """;
        // taken: NAMD dies (stepspercycle 10 is no multiple of fullElectFrequency 3)
        List<Finding> taken = validate("set shake water\n" + BASE + pme + branches + RUN);
        assertTrue(taken.stream().anyMatch(x -> x.error() && x.message().contains("fullElectFrequency")), taken.toString());
        // not taken: the else branch (2 divides 10) is what runs; no error
        List<Finding> other = validate("set shake none\n" + BASE + pme + branches + RUN);
        assertEquals(List.of(), errors(other));
        // && and ! and parentheses, numbers and strings
        List<Finding> and = validate("set shake all\nset heat 0\n" + BASE + pme
                + "if {!($heat == 1) && $shake eq \"all\"} {\n  fullElectFrequency 3\n}\n" + RUN);
        assertTrue(and.stream().anyMatch(x -> x.error() && x.message().contains("fullElectFrequency")), and.toString());
        // Tcl's || stops at a true left side: the right side is not needed
        List<Finding> shortCircuit = validate("set shake all\nset twice 1\nset twice 2\n" + BASE + pme
                + "if {($shake == \"all\") || ($twice == 1)} {\n  fullElectFrequency 3\n}\n" + RUN);
        assertTrue(shortCircuit.stream().anyMatch(x -> x.error() && x.message().contains("fullElectFrequency")), shortCircuit.toString());
        // a part that is needed and not known (a variable set twice, arithmetic, a command) leaves the branch undecided, as
        // before: its settings are not certain, so no error either way
        for (String cond : new String[] { "($twice == 1) || ($shake == \"all\")", "$shake == \"none\" || $twice + 1 > 2",
                "[string equal $shake all]" }) {
            List<Finding> u = validate("set shake all\nset twice 1\nset twice 2\n" + BASE + pme + "if {" + cond
                    + "} {\n  fullElectFrequency 3\n}\n" + RUN);
            assertTrue(u.stream().noneMatch(x -> x.error() && x.message().contains("fullElectFrequency")), cond + ": " + u);
        }
    }
}

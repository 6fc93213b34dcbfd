package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.xtext.resource.XtextResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.namdrunner.template.NamdLanguage;

/**
 * Valid Tcl/NAMD constructs that a naive parser gets wrong: no syntax errors, no validation errors. Variables are set
 * before they are read (reading an unset one is a Tcl error NAMD dies of, reported as namd.unsetVariable).
 */
class TrickyTclTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "\uFEFFstructure a.psf\n",                                  // UTF-8 byte order mark
            "structure a.psf\r\ncutoff 12\r\n",                          // CRLF
            "cutoff\t12\t# tabs and trailing comment\n",
            "set a(x) 1\nputs $a(x)\n",                                  // arrays
            "puts \"[expr {1 + 2}] and [string length \"q\"]\"\n",       // brackets and quotes in quotes
            "puts \\{literal\\}\n",                                       // escaped braces
            "proc f {args} { return [list {*}$args] }\n",                // {*} expansion
            "set empty {}\nset e2 \"\"\n",
            "# a comment ending in a backslash \\\n  continues here\ncutoff 12\n",
            "cutoff 12;# comment right after semicolon\n",
            "set x 1; set y 2; set z 3\nif {$x < 3 && $y <= 4 || $z << 2} { puts lt }\n",          // < <= << in expressions
            "exec tr \"\\[:upper:\\]\" \"\\[:lower:\\]\" < in.str | sed -e \"s/ =//g\" > out.str\n",
            "set s [format \"%5.2f\" 3.14159]\n",
            "cv config {\n  colvar {\n    name d # not a Tcl comment here\n    distance { group1 { atomNumbers 1 2 } }\n  }\n}\n",
            "tclForcesScript {\n  proc calcforces {} { addforce 1 {0 0 1} }\n}\n",
            "set x [\n  expr 1 +\n  2\n]\n",                          // brackets spanning lines
            "set base eq; set i 1\noutputName ${base}_[format %03d $i].out\n",
            "set d \"multi\nline string\"\n",
            "structure a.psf ; coordinates a.pdb ; cutoff 12\n",
            "",
            "\n\n   \n",
            "#!/usr/bin/env namd2\n",
            "set l {a {b c} \"d e\"}\n",
            "set mode a\nswitch -- $mode { a { cutoff 10 } default { cutoff 12 } }\n",
            "while {1} { break }\n",
            "catch { source missing.tcl } err\n",
            "set x 5 ;# <<not a placeholder>> in a comment\n"
    })
    void parsesAndValidatesWithoutErrors(String text) {
        XtextResource r = NamdLanguage.parse(text, "t.namd");
        assertEquals(List.of(), r.getErrors().stream().map(e -> e.getLine() + ": " + e.getMessage()).toList(), text);
        assertEquals(List.of(), NamdLanguage.validate(text, "t.namd").stream().filter(NamdLanguage.Finding::error)
                .map(f -> f.format("t")).toList(), text);
    }
}

package org.namdrunner.template.catalog;

/**
 * A Tcl or NAMD script command (a row of {@code tcl_commands.tsv}, or a standard Tcl command).
 *
 * @param name        command name
 * @param kind        namd, tcl, namd:tclForces-script-only, ...
 * @param args        argument synopsis ("" when unknown)
 * @param description one-line description
 */
public record TclCommandInfo(String name, String kind, String args, String description) {

    public String documentation() {
        return name + (args.isEmpty() ? "" : " " + args) + " \u2014 " + description + " (" + kind + " command)";
    }
}

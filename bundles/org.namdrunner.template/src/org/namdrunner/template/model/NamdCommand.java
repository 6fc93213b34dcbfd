package org.namdrunner.template.model;

import java.util.List;

import org.namdrunner.template.namd.Command;

/**
 * A command of the script, in source order, with the context it runs in.
 *
 * @param command      the parsed command
 * @param words        its words (at least one)
 * @param certainty    whether it certainly runs (top level or an always-true if branch), maybe runs, or never runs
 * @param inProc       inside a proc body
 * @param afterRun     comes after a run/minimize/startup (or a call of a proc that runs one) in execution order: one
 *                     at top level, in a branch or a loop before it, or in a loop around it (the next iteration)
 * @param trailingComment text of a '# ...' comment on the same line after the command, or null
 * @param afterCertainRun comes after a run that certainly ran whenever this command runs (same or enclosing block)
 */
public record NamdCommand(Command command, List<NamdWord> words, Certainty certainty, boolean inProc,
        boolean afterRun, String trailingComment, boolean afterCertainRun) {

    /** Does the command run when the script runs? */
    public enum Certainty {
        /** top level, or inside {@code if {1}}: runs exactly once */
        CERTAIN,
        /** inside a loop, a proc, or a branch whose condition is not a constant */
        CONDITIONAL,
        /** inside {@code if {0}} and similar: never runs */
        DEAD
    }

    public NamdWord first() {
        return words.get(0);
    }

    /** The command name as written (first word), or "" when it is not literal. */
    public String name() {
        NamdWord w = words.get(0);
        return w.isLiteral() && !w.isBraced() ? w.value() : "";
    }

    public int offset() {
        return words.get(0).offset();
    }

    public int end() {
        return words.get(words.size() - 1).end();
    }

    public boolean isCertain() {
        return certainty == Certainty.CERTAIN;
    }

    public boolean isDead() {
        return certainty == Certainty.DEAD;
    }
}

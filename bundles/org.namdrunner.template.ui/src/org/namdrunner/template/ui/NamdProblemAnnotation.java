package org.namdrunner.template.ui;

import org.eclipse.jface.text.source.Annotation;

/** A validation problem shown in the rulers of a file outside the workspace (workspace files use markers). */
public final class NamdProblemAnnotation extends Annotation {

    public static final String ERROR = "org.eclipse.ui.workbench.texteditor.error";
    public static final String WARNING = "org.eclipse.ui.workbench.texteditor.warning";

    private final EditorProblem problem;

    NamdProblemAnnotation(EditorProblem problem) {
        super(problem.error() ? ERROR : WARNING, false, problem.message());
        this.problem = problem;
    }

    public EditorProblem problem() {
        return problem;
    }
}

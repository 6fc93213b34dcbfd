package org.namdrunner.ui.automations;

import java.util.Objects;

import org.namdrunner.ui.editors.NamedEditorInput;

/** Editor input naming one automation by id: a shipped one (read-only) or one of the user's (saved to the store). */
public final class AutomationEditorInput extends NamedEditorInput {

    private final String id;
    private final boolean shipped;

    public AutomationEditorInput(String id, String name, boolean shipped) {
        super(name == null || name.isBlank() ? Objects.requireNonNull(id) : name);
        this.id = Objects.requireNonNull(id);
        this.shipped = shipped;
    }

    public String id() {
        return id;
    }

    public boolean shipped() {
        return shipped;
    }

    @Override
    public String getToolTipText() {
        return (shipped ? "Built-in automation (read-only) " : "Automation ") + id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AutomationEditorInput other && other.id.equals(id) && other.shipped == shipped;
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}

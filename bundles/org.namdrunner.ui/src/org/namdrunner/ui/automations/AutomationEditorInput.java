package org.namdrunner.ui.automations;

import java.util.Objects;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

/** Editor input naming one automation by id: a shipped one (read-only) or one of the user's (saved to the store). */
public final class AutomationEditorInput implements IEditorInput {

    private final String id;
    private final String name;
    private final boolean shipped;

    public AutomationEditorInput(String id, String name, boolean shipped) {
        this.id = Objects.requireNonNull(id);
        this.name = name == null || name.isBlank() ? id : name;
        this.shipped = shipped;
    }

    public String id() {
        return id;
    }

    public boolean shipped() {
        return shipped;
    }

    @Override
    public boolean exists() {
        return false;
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return null;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return (shipped ? "Shipped automation (read-only) " : "Automation ") + id;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
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

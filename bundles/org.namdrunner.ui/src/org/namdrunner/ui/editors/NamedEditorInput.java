package org.namdrunner.ui.editors;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

/**
 * An editor input naming a record of the store by id and showing a name: not a file, not persisted between
 * sessions, no image, no adapters. Subclasses say what is equal and give the tooltip.
 */
public abstract class NamedEditorInput implements IEditorInput {

    private final String name;

    protected NamedEditorInput(String name) {
        this.name = name;
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
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }
}

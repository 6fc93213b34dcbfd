package org.namdrunner.ui.templates;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.eclipse.core.runtime.IPath;
import org.eclipse.core.resources.IStorage;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IPersistableElement;
import org.eclipse.ui.IStorageEditorInput;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ISharedImages;

/**
 * A NAMD template opened in the template editor: a built-in template (read-only) or a user template from the
 * store, saved back to the store by {@link TemplateDocumentProvider} with the store's optimistic locking.
 * Equal inputs (same template id) share one editor.
 */
public final class TemplateEditorInput implements IStorageEditorInput {

    private final String id;
    private String name;
    private final boolean builtIn;
    private String text;
    private int version;
    /** Comment for the revision the next save makes (Templates view: Save with Comment…); empty: none. */
    private String nextComment = "";

    /**
     * @param version the stored version of a user template (its optimistic lock), 0 for a built-in template
     */
    public TemplateEditorInput(String id, String name, boolean builtIn, String text, int version) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.builtIn = builtIn;
        this.text = Objects.requireNonNull(text);
        this.version = version;
    }

    public String id() {
        return id;
    }

    public boolean builtIn() {
        return builtIn;
    }

    public synchronized int version() {
        return version;
    }

    public synchronized String text() {
        return text;
    }

    /** Sets the comment of the revision the next save makes. */
    public synchronized void nextComment(String comment) {
        nextComment = comment == null ? "" : comment;
    }

    /** The comment for this save, cleared so that later saves have none (unless set again). */
    synchronized String takeComment() {
        String c = nextComment;
        nextComment = "";
        return c;
    }

    /** After a save: the text and version now stored. */
    synchronized void saved(String newText, int newVersion) {
        text = newText;
        version = newVersion;
    }

    /** After a rename in the Templates view. */
    public synchronized void renamed(String newName, int newVersion) {
        name = newName;
        version = newVersion;
    }

    @Override
    public IStorage getStorage() {
        return new IStorage() {
            @Override
            public InputStream getContents() {
                return new ByteArrayInputStream(text().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public IPath getFullPath() {
                return null;
            }

            @Override
            public String getName() {
                return TemplateEditorInput.this.getName();
            }

            @Override
            public boolean isReadOnly() {
                return builtIn;
            }

            @Override
            public <T> T getAdapter(Class<T> adapter) {
                return null;
            }
        };
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(ISharedImages.IMG_OBJ_FILE);
    }

    /** The editor tab shows the template name; ".namd" marks the file type for the editor. */
    @Override
    public synchronized String getName() {
        return name + ".namd";
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public synchronized String getToolTipText() {
        return (builtIn ? "Built-in template (read-only): " : "Template: ") + name;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TemplateEditorInput t && t.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}

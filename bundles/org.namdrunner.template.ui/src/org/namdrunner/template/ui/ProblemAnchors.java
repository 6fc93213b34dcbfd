package org.namdrunner.template.ui;

import java.net.URI;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Platform;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IURIEditorInput;

/**
 * Workspace files that carry the Problems-view entries of editors whose input is not a workspace file: a template
 * of the Templates view (kept in the store), a file opened from disk, a job's configuration. The Problems view shows
 * markers of workspace resources only, so each such editor gets an empty anchor file in project {@value #PROJECT}
 * ({@code /NAMDRunner/templates/<name>.namdt}, {@code /NAMDRunner/<parent folder>/<file name>}) that holds its
 * markers while it is open; closing the editor deletes the anchor with its markers. The editor's matching strategy
 * ({@link NamdEditorMatching}) maps the anchor back to the open editor, so a double-click in the Problems view goes
 * to the line in that editor.
 */
final class ProblemAnchors {

    /** The project that holds the anchors. */
    static final String PROJECT = "NAMDRunner";
    private static final String[] EDITOR_EXTENSIONS = { ".namd", ".conf", ".namdt" };
    private static boolean cleared;

    private ProblemAnchors() {
    }

    /** Whether {@code file} is an anchor. */
    static boolean isAnchor(IFile file) {
        return file != null && PROJECT.equals(file.getProject().getName());
    }

    /**
     * Creates the anchor of {@code input}; null when there is no workspace (a headless run) or it cannot be made
     * (logged: the editor then shows its problems in the text only).
     */
    static synchronized IFile create(IEditorInput input) {
        if (Platform.getInstanceLocation() == null || !Platform.getInstanceLocation().isSet()) {
            return null;
        }
        try {
            IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(PROJECT);
            if (!project.exists()) {
                project.create(null);
            }
            if (!project.isOpen()) {
                project.open(null);
            }
            if (!cleared) {
                // anchors left by a workbench that did not close its editors (their markers were transient)
                for (IResource r : project.members()) {
                    if (!r.getName().startsWith(".")) {
                        r.delete(true, null);
                    }
                }
                cleared = true;
            }
            String name = fileName(input.getName());
            String folder = folderName(input);
            for (int i = 1;; i++) {
                IFolder f = project.getFolder(i == 1 ? folder : folder + " (" + i + ")");
                IFile anchor = f.getFile(name);
                if (!anchor.exists()) {
                    if (!f.exists()) {
                        f.create(true, true, null);
                    }
                    anchor.create(new java.io.ByteArrayInputStream(new byte[0]), true, null);
                    anchor.setDerived(true, null);
                    return anchor;
                }
            }
        } catch (CoreException | RuntimeException e) {
            Activator.log("Cannot make the Problems-view entry of " + input.getName(), e);
            return null;
        }
    }

    /** Deletes {@code anchor} with its markers, and its folder when that is empty. */
    static synchronized void delete(IFile anchor) {
        if (anchor == null) {
            return;
        }
        try {
            IContainer parent = anchor.getParent();
            if (anchor.exists()) {
                anchor.delete(true, null);
            }
            if (parent instanceof IFolder f && f.exists() && f.members().length == 0) {
                f.delete(true, null);
            }
        } catch (CoreException e) {
            Activator.log("Cannot remove the Problems-view entry " + anchor.getFullPath(), e);
        }
    }

    /** The input's name as a workspace file name with an extension the NAMD editor opens. */
    static String fileName(String inputName) {
        String name = segment(inputName == null || inputName.isBlank() ? "template" : inputName);
        for (String ext : EDITOR_EXTENSIONS) {
            if (name.endsWith(ext)) {
                return name;
            }
        }
        return name + ".namdt";
    }

    /** Files from disk: their folder's name (a job's folder names the job); templates: "templates". */
    private static String folderName(IEditorInput input) {
        if (input instanceof IURIEditorInput u) {
            URI uri = u.getURI();
            if (uri != null && uri.getPath() != null) {
                java.nio.file.Path parent = java.nio.file.Path.of(uri.getPath()).getParent();
                if (parent != null && parent.getFileName() != null) {
                    return segment(parent.getFileName().toString());
                }
            }
            return "files";
        }
        return "templates";
    }

    /** {@code s} with characters a workspace path segment cannot hold replaced by '_'. */
    static String segment(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.strip().toCharArray()) {
            b.append(c < ' ' || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<'
                    || c == '>' || c == '|' ? '_' : c);
        }
        String out = b.toString();
        while (out.startsWith(".")) {
            out = "_" + out.substring(1);
        }
        if (out.isEmpty() || !ResourcesPlugin.getWorkspace().validateName(out, IResource.FILE).isOK()) {
            out = "file";
        }
        return out.length() > 120 ? out.substring(0, 120) : out;
    }
}

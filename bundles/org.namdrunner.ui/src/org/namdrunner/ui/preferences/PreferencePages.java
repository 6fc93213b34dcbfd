package org.namdrunner.ui.preferences;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.preference.IPreferenceNode;
import org.eclipse.jface.preference.PreferenceManager;

/**
 * Window > Preferences of a NAMDRunner user, not of an IDE: the workbench's General page ("Rename resource inline",
 * workspace, build, compare, content types, perspectives …) comes with the IDE bundles the editors need, but means
 * nothing here. What a user of this product does need — key bindings, colours and fonts, the text editor's settings,
 * secure storage (saved passwords) — moves to the top level; Install/Update (plugins from the update site) and
 * NAMDRunner's own pages stay.
 */
public final class PreferencePages {

    /** Workbench pages kept, shown at the top level. */
    static final List<String> KEPT = List.of("org.eclipse.ui.preferencePages.Keys", "org.eclipse.ui.preferencePages.ColorsAndFonts",
            "org.eclipse.ui.preferencePages.GeneralTextEditor", "org.eclipse.equinox.security.ui.storage");
    /** The IDE's General tree, removed with everything under it but the kept pages. */
    static final Set<String> REMOVED_ROOTS = Set.of("org.eclipse.ui.preferencePages.Workbench");

    private PreferencePages() {
    }

    /** Rearranges the workbench's preference tree (once, at start-up). */
    public static void prune(PreferenceManager manager) {
        List<IPreferenceNode> kept = new ArrayList<>();
        for (String id : KEPT) {
            IPreferenceNode n = find(manager.getRootSubNodes(), id);
            if (n != null) {
                for (IPreferenceNode child : n.getSubNodes()) {
                    n.remove(child); // the text editor's sub-pages (annotations, spelling, quick diff …) go
                }
                kept.add(n);
            }
        }
        for (IPreferenceNode root : manager.getRootSubNodes()) {
            if (REMOVED_ROOTS.contains(root.getId())) {
                manager.remove(root);
            }
        }
        for (IPreferenceNode n : kept) {
            manager.addToRoot(n);
        }
    }

    private static IPreferenceNode find(IPreferenceNode[] nodes, String id) {
        for (IPreferenceNode n : nodes) {
            if (id.equals(n.getId())) {
                return n;
            }
            IPreferenceNode below = find(n.getSubNodes(), id);
            if (below != null) {
                return below;
            }
        }
        return null;
    }
}

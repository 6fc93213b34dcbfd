package org.namdrunner.template.ui;

import java.util.List;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;

/** Outline of the editor: template variables, sections and their commands; selecting a node reveals it. */
final class NamdOutlinePage extends ContentOutlinePage {

    private final NamdEditor editor;
    private NamdStructure structure = NamdStructure.EMPTY;

    NamdOutlinePage(NamdEditor editor) {
        this.editor = editor;
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        TreeViewer viewer = getTreeViewer();
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return input instanceof NamdStructure s ? s.outline().toArray() : new Object[0];
            }

            @Override
            public Object[] getChildren(Object parentElement) {
                return parentElement instanceof NamdStructure.Node n ? n.children().toArray() : new Object[0];
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return element instanceof NamdStructure.Node n && !n.children().isEmpty();
            }
        });
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public Image getImage(Object element) {
                if (!(element instanceof NamdStructure.Node n)) {
                    return null;
                }
                ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
                return switch (n.kind()) {
                    case VARIABLES, SECTION -> images.getImage(ISharedImages.IMG_OBJ_FOLDER);
                    case VARIABLE -> images.getImage(ISharedImages.IMG_OBJ_ELEMENT);
                    default -> images.getImage(ISharedImages.IMG_OBJ_FILE);
                };
            }
        });
        viewer.setInput(structure);
        viewer.expandToLevel(2);
    }

    void update(NamdStructure s) {
        structure = s;
        TreeViewer viewer = getTreeViewer();
        if (viewer != null && !viewer.getControl().isDisposed()) {
            Object[] expanded = viewer.getExpandedElements();
            viewer.getControl().setRedraw(false);
            try {
                viewer.setInput(s);
                if (expanded.length == 0) {
                    viewer.expandToLevel(2);
                } else {
                    // nodes are records: equal labels/ranges keep their expansion
                    viewer.setExpandedElements(expandedMatching(s.outline(), expanded));
                }
            } finally {
                viewer.getControl().setRedraw(true);
            }
        }
    }

    private static Object[] expandedMatching(List<NamdStructure.Node> nodes, Object[] expanded) {
        java.util.List<Object> out = new java.util.ArrayList<>();
        for (NamdStructure.Node n : nodes) {
            for (Object e : expanded) {
                if (e instanceof NamdStructure.Node old && old.label().equals(n.label()) && old.kind() == n.kind()) {
                    out.add(n);
                }
            }
        }
        return out.toArray();
    }

    NamdStructure structure() {
        return structure;
    }

    @Override
    public void selectionChanged(SelectionChangedEvent event) {
        super.selectionChanged(event);
        if (event.getSelection() instanceof IStructuredSelection sel && sel.getFirstElement() instanceof NamdStructure.Node n) {
            editor.selectAndReveal(n.offset(), n.kind() == NamdStructure.Kind.VARIABLES ? 0 : n.length());
        }
    }
}

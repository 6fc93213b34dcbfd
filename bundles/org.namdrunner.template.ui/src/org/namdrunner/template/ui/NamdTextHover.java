package org.namdrunner.template.ui;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.text.DefaultInformationControl;
import org.eclipse.jface.text.IInformationControlCreator;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextHoverExtension;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.ui.editors.text.EditorsUI;
import org.namdrunner.template.ide.NamdIdeServices;

/**
 * Hover of the editor: the messages of problems at the mouse position, then the documentation of the keyword,
 * command or {@code <<variable>>} under it ({@link NamdIdeServices#hover}).
 */
final class NamdTextHover implements ITextHover, ITextHoverExtension {

    /** The editor whose last parse is reused while the document is unchanged; null: parse each time. */
    private final NamdEditor editor;

    NamdTextHover(NamdEditor editor) {
        this.editor = editor;
    }

    @Override
    public IRegion getHoverRegion(ITextViewer viewer, int offset) {
        return new Region(offset, 0);
    }

    @Override
    @SuppressWarnings("deprecation")
    public String getHoverInfo(ITextViewer viewer, IRegion region) {
        return hoverText(viewer, region.getOffset(), editor == null ? null : editor.lastAnalysis());
    }

    /** The hover text at an offset, or null when there is nothing to say. */
    static String hoverText(ITextViewer viewer, int offset) {
        return hoverText(viewer, offset, null);
    }

    /** The hover text at an offset; {@code analysis}, when it is the document's current one, spares a parse. */
    static String hoverText(ITextViewer viewer, int offset, DocumentAnalysis analysis) {
        List<String> parts = new ArrayList<>();
        if (viewer instanceof ISourceViewer sv && sv.getAnnotationModel() != null) {
            IAnnotationModel model = sv.getAnnotationModel();
            Iterator<Annotation> it = model.getAnnotationIterator();
            while (it.hasNext()) {
                Annotation a = it.next();
                Position p = model.getPosition(a);
                if (p != null && !a.isMarkedDeleted() && p.includes(offset) && isProblem(a) && a.getText() != null
                        && !parts.contains(a.getText())) {
                    parts.add(a.getText());
                }
            }
        }
        try {
            IDocument doc = viewer.getDocument();
            Optional<NamdIdeServices.Hover> h = analysis != null && analysis.isCurrent(doc)
                    ? NamdIdeServices.get().hover(analysis.document(), offset)
                    : NamdIdeServices.get().hover(doc.get(), offset);
            h.ifPresent(hover -> parts.add(hover.title() + "\n" + hover.text()));
        } catch (RuntimeException e) {
            Activator.log("Hover failed at offset " + offset, e);
        }
        return parts.isEmpty() ? null : html(String.join("\n\n", parts));
    }

    /**
     * Text for the hover and proposal-info controls, whose presenter reads simple HTML: {@code <<steps>>} would be
     * taken for a tag and show as a stray "&gt;", so '&amp;', '&lt;' and '&gt;' are written as entities; line breaks
     * are {@code <br>} (HTML reads a bare line break as a space: title and text would run together on one line).
     */
    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r\n", "\n")
                .replace("\n", "<br>");
    }

    static boolean isProblem(Annotation a) {
        String t = a.getType();
        return t != null && (t.endsWith(".error") || t.endsWith(".warning"));
    }

    @Override
    public IInformationControlCreator getHoverControlCreator() {
        return parent -> new DefaultInformationControl(parent, EditorsUI.getTooltipAffordanceString());
    }
}

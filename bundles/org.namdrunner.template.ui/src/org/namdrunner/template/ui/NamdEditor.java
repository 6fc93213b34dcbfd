package org.namdrunner.template.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.ResourceBundle;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentExtension4;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModelExtension;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.source.IOverviewRuler;
import org.eclipse.jface.text.source.IVerticalRuler;
import org.eclipse.jface.text.source.projection.ProjectionAnnotation;
import org.eclipse.jface.text.source.projection.ProjectionAnnotationModel;
import org.eclipse.jface.text.source.projection.ProjectionSupport;
import org.eclipse.jface.text.source.projection.ProjectionViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.editors.text.TextEditor;
import org.eclipse.ui.texteditor.ContentAssistAction;
import org.eclipse.ui.texteditor.ITextEditorActionConstants;
import org.eclipse.ui.texteditor.ITextEditorActionDefinitionIds;
import org.eclipse.ui.texteditor.TextOperationAction;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;

/**
 * Editor for NAMD configs ({@code *.namd}, {@code *.conf}) and NAMDRunner templates ({@code *.namdt}).
 * Colouring, completion, hover, quick fixes, folding and the outline come from the template language's ide
 * services (no org.eclipse.xtext.ui); the reconciler validates while the user types and reports problems as
 * markers for workspace files (Problems view + rulers), or for any other input (a template of the Templates view, a
 * file from disk, a job's configuration) as annotations in the text plus markers on the editor's
 * {@link ProblemAnchors anchor}, so they are in the Problems view too while the editor is open. Saving text with
 * errors asks first.
 */
public class NamdEditor extends TextEditor {

    public static final String ID = "org.namdrunner.template.ui.editor";
    /** Marker type of validation problems (a problem marker and text marker). */
    public static final String MARKER_TYPE = "org.namdrunner.template.ui.problem";
    /** Marker attribute: the rule id. */
    public static final String ATTR_CODE = "namdCode";
    /** Marker attribute: the rule data, joined with newlines. */
    public static final String ATTR_DATA = "namdData";

    private static final ResourceBundle MESSAGES = new ListResourceBundle() {
        @Override
        protected Object[][] getContents() {
            return new Object[][] { { "ContentAssistProposal.label", "Content Assist" },
                    { "ContentAssistProposal.tooltip", "Content Assist" },
                    { "ContentAssistProposal.description", "Content Assist" },
                    { "QuickFix.label", "Quick Fix" }, { "QuickFix.tooltip", "Quick Fix" },
                    { "QuickFix.description", "Quick Fix" } };
        }
    };

    private ProjectionSupport projectionSupport;
    private final Map<Position, ProjectionAnnotation> folds = new HashMap<>();
    private NamdOutlinePage outlinePage;
    private volatile DocumentAnalysis lastAnalysis;
    private volatile List<EditorProblem> reportedMarkers;
    private volatile long reconcileCount;
    private Display display;
    private volatile IFile problemAnchor;

    /** Title of the question before text with errors is saved. */
    public static final String SAVE_WITH_ERRORS_TITLE = "Save with Errors";

    @Override
    protected void initializeEditor() {
        super.initializeEditor();
        setSourceViewerConfiguration(new NamdSourceViewerConfiguration(this, getPreferenceStore()));
    }

    @Override
    protected void initializeKeyBindingScopes() {
        setKeyBindingScopes(new String[] { "org.namdrunner.template.ui.editorScope" });
    }

    @Override
    protected ISourceViewer createSourceViewer(Composite parent, IVerticalRuler ruler, int styles) {
        ProjectionViewer viewer = new ProjectionViewer(parent, ruler, getOverviewRuler(), isOverviewRulerVisible(), styles);
        getSourceViewerDecorationSupport(viewer);
        return viewer;
    }

    @Override
    public void createPartControl(Composite parent) {
        display = parent.getDisplay();
        super.createPartControl(parent);
        ProjectionViewer viewer = (ProjectionViewer) getSourceViewer();
        projectionSupport = new ProjectionSupport(viewer, getAnnotationAccess(), getSharedColors());
        projectionSupport.addSummarizableAnnotationType(NamdProblemAnnotation.ERROR);
        projectionSupport.addSummarizableAnnotationType(NamdProblemAnnotation.WARNING);
        projectionSupport.install();
        viewer.doOperation(ProjectionViewer.TOGGLE);
    }

    @Override
    protected void createActions() {
        super.createActions();
        ContentAssistAction assist = new ContentAssistAction(MESSAGES, "ContentAssistProposal.", this);
        assist.setActionDefinitionId(ITextEditorActionDefinitionIds.CONTENT_ASSIST_PROPOSALS);
        setAction("ContentAssistProposal", assist);
        markAsStateDependentAction("ContentAssistProposal", true);

        TextOperationAction quickFix = new TextOperationAction(MESSAGES, "QuickFix.", this, ISourceViewer.QUICK_ASSIST);
        quickFix.setActionDefinitionId(ITextEditorActionDefinitionIds.QUICK_ASSIST);
        setAction(ITextEditorActionConstants.QUICK_ASSIST, quickFix);
        markAsStateDependentAction(ITextEditorActionConstants.QUICK_ASSIST, true);

        setAction(ITextEditorActionConstants.RULER_CLICK, new RulerQuickFixAction());
    }

    @Override
    protected void editorContextMenuAboutToShow(IMenuManager menu) {
        super.editorContextMenuAboutToShow(menu);
        addAction(menu, ITextEditorActionConstants.GROUP_EDIT, "ContentAssistProposal");
        addAction(menu, ITextEditorActionConstants.GROUP_EDIT, ITextEditorActionConstants.QUICK_ASSIST);
    }

    @Override
    protected void rulerContextMenuAboutToShow(IMenuManager menu) {
        super.rulerContextMenuAboutToShow(menu);
        RulerQuickFixAction fix = new RulerQuickFixAction();
        fix.setText("Quick Fix");
        fix.setEnabled(fix.problemOnClickedLine() != null);
        menu.appendToGroup(ITextEditorActionConstants.GROUP_REST, fix);
    }

    /** File name of the input (selects nothing but the name shown in messages). */
    String fileName() {
        IEditorInput in = getEditorInput();
        return in == null ? "editor.namd" : in.getName();
    }

    /** The workspace file being edited, or null for a file outside the workspace. */
    public IFile file() {
        return getEditorInput() instanceof IFileEditorInput f && !ProblemAnchors.isAnchor(f.getFile()) ? f.getFile() : null;
    }

    /** The anchor holding this editor's Problems-view markers when its input is not a workspace file, else null. */
    public IFile problemAnchor() {
        return problemAnchor;
    }

    @Override
    protected void doSetInput(IEditorInput input) throws CoreException {
        IFile old = problemAnchor;
        problemAnchor = null;
        reportedMarkers = null;
        ProblemAnchors.delete(old);
        super.doSetInput(input);
        if (input != null && file() == null) {
            problemAnchor = ProblemAnchors.create(input);
        }
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        if (!confirmSaveWithErrors()) {
            if (monitor != null) {
                monitor.setCanceled(true);
            }
            return;
        }
        super.doSave(monitor);
    }

    @Override
    public void doSaveAs() {
        if (confirmSaveWithErrors()) {
            super.doSaveAs();
        }
    }

    /** True when the text has no errors, or the user chose to save it anyway. */
    private boolean confirmSaveWithErrors() {
        IDocument doc = getDocumentProvider() == null ? null : getDocumentProvider().getDocument(getEditorInput());
        if (doc == null) {
            return true;
        }
        List<EditorProblem> errors = EditorProblem.validate(doc.get(), fileName(), () -> false).stream()
                .filter(EditorProblem::error).toList();
        if (errors.isEmpty()) {
            return true;
        }
        StringBuilder m = new StringBuilder("'" + getEditorInput().getName() + "' has " + errors.size()
                + (errors.size() == 1 ? " error" : " errors") + ":\n");
        errors.stream().limit(5).forEach(p -> m.append("\n  line ").append(p.line()).append(": ").append(p.message()));
        if (errors.size() > 5) {
            m.append("\n  … and ").append(errors.size() - 5).append(" more (Problems view)");
        }
        m.append("\n\nNAMD would stop on ").append(errors.size() == 1 ? "it" : "them").append(". Save anyway?");
        return MessageDialog.openQuestion(getSite().getShell(), SAVE_WITH_ERRORS_TITLE, m.toString());
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (IContentOutlinePage.class.equals(adapter)) {
            if (outlinePage == null) {
                outlinePage = new NamdOutlinePage(this);
                DocumentAnalysis a = lastAnalysis;
                if (a != null) {
                    outlinePage.update(a.structure());
                }
            }
            return adapter.cast(outlinePage);
        }
        if (ProjectionAnnotationModel.class.equals(adapter) && getSourceViewer() instanceof ProjectionViewer pv) {
            return adapter.cast(pv.getProjectionAnnotationModel());
        }
        return super.getAdapter(adapter);
    }

    // ---- results of the reconciler (background thread) ----

    void reconciled(IDocument document, DocumentAnalysis analysis) {
        IFile file = file();
        if (file != null) {
            updateMarkers(file, analysis.problems());
        } else {
            updateAnnotations(analysis.problems());
            IFile anchor = problemAnchor;
            if (anchor != null) {
                updateMarkers(anchor, analysis.problems());
            }
        }
        lastAnalysis = analysis;
        Display display = this.display;
        if (display == null || display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            ISourceViewer viewer = getSourceViewer();
            if (viewer == null || viewer.getDocument() != document || viewer.getTextWidget().isDisposed()) {
                return;
            }
            long now = document instanceof IDocumentExtension4 d4 ? d4.getModificationStamp() : -1;
            if (now == analysis.stamp()) {
                updateFolding(analysis.structure());
                if (outlinePage != null) {
                    outlinePage.update(analysis.structure());
                }
            }
            reconcileCount++;
        });
    }

    private void updateAnnotations(List<EditorProblem> problems) {
        IAnnotationModel model = getDocumentProvider() == null ? null : getDocumentProvider().getAnnotationModel(getEditorInput());
        if (model == null && getSourceViewer() != null) {
            model = getSourceViewer().getAnnotationModel();
        }
        if (model == null) {
            return;
        }
        List<Annotation> old = new ArrayList<>();
        Iterator<Annotation> it = model.getAnnotationIterator();
        while (it.hasNext()) {
            Annotation a = it.next();
            if (a instanceof NamdProblemAnnotation) {
                old.add(a);
            }
        }
        Map<Annotation, Position> added = new HashMap<>();
        for (EditorProblem p : problems) {
            added.put(new NamdProblemAnnotation(p), new Position(p.offset(), p.length()));
        }
        if (model instanceof IAnnotationModelExtension ext) {
            ext.replaceAnnotations(old.toArray(Annotation[]::new), added);
        } else {
            old.forEach(model::removeAnnotation);
            added.forEach(model::addAnnotation);
        }
    }

    /** Replaces the problem markers of a workspace file (only when the problems changed). */
    void updateMarkers(IFile file, List<EditorProblem> problems) {
        if (problems.equals(reportedMarkers) || !file.exists()) {
            return;
        }
        try {
            setMarkers(file, problems, ProblemAnchors.isAnchor(file));
            reportedMarkers = problems;
        } catch (CoreException e) {
            Activator.log("Cannot update the problem markers of " + file.getFullPath(), e);
        }
    }

    /** Replaces the {@link #MARKER_TYPE} markers of {@code file} with {@code problems}. */
    public static void setMarkers(IFile file, List<EditorProblem> problems) throws CoreException {
        setMarkers(file, problems, false);
    }

    /** As {@link #setMarkers(IFile, List)}; transient markers are not kept when the workbench exits. */
    static void setMarkers(IFile file, List<EditorProblem> problems, boolean transientMarkers) throws CoreException {
        IWorkspaceRunnable update = monitor -> {
            file.deleteMarkers(MARKER_TYPE, false, IResource.DEPTH_ZERO);
            for (EditorProblem p : problems) {
                IMarker m = file.createMarker(MARKER_TYPE);
                m.setAttributes(
                        new String[] { IMarker.SEVERITY, IMarker.MESSAGE, IMarker.LINE_NUMBER, IMarker.CHAR_START,
                                IMarker.CHAR_END, IMarker.LOCATION, ATTR_CODE, ATTR_DATA },
                        new Object[] { p.error() ? IMarker.SEVERITY_ERROR : IMarker.SEVERITY_WARNING, p.message(),
                                p.line(), p.offset(), p.offset() + p.length(), "line " + p.line(),
                                p.code() == null ? "" : p.code(), String.join("\n", p.data()) });
                if (transientMarkers) {
                    m.setAttribute(IMarker.TRANSIENT, true);
                }
            }
        };
        file.getWorkspace().run(update, file, IWorkspace.AVOID_UPDATE, null);
    }

    private void updateFolding(NamdStructure structure) {
        if (!(getSourceViewer() instanceof ProjectionViewer pv) || pv.getProjectionAnnotationModel() == null) {
            return;
        }
        ProjectionAnnotationModel model = pv.getProjectionAnnotationModel();
        Map<Position, ProjectionAnnotation> wanted = new HashMap<>();
        for (NamdStructure.Region r : structure.folding()) {
            wanted.put(new Position(r.offset(), r.length()), null);
        }
        List<Annotation> deletions = new ArrayList<>();
        for (Iterator<Map.Entry<Position, ProjectionAnnotation>> it = folds.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Position, ProjectionAnnotation> e = it.next();
            Position current = model.getPosition(e.getValue());
            if (current == null || current.isDeleted() || !wanted.containsKey(current)) {
                deletions.add(e.getValue());
                it.remove();
            } else {
                wanted.remove(current);
            }
        }
        Map<Annotation, Position> additions = new HashMap<>();
        for (Position p : wanted.keySet()) {
            ProjectionAnnotation a = new ProjectionAnnotation();
            additions.put(a, p);
            folds.put(p, a);
        }
        if (!deletions.isEmpty() || !additions.isEmpty()) {
            model.modifyAnnotations(deletions.toArray(Annotation[]::new), additions, null);
        }
    }

    // ---- state for tests and tools ----

    /** The result of the latest validation (null before the first one). */
    public DocumentAnalysis lastAnalysis() {
        return lastAnalysis;
    }

    /** How many validation results have reached the UI thread. */
    public long reconcileCount() {
        return reconcileCount;
    }

    /** The source viewer (for tests). */
    public ISourceViewer viewer() {
        return getSourceViewer();
    }

    /** The overview ruler beside the text (for tests). */
    public IOverviewRuler overviewRuler() {
        return getOverviewRuler();
    }

    /** Opens the quick-fix popup at the caret. */
    public void openQuickFix() {
        ((ITextOperationTarget) getSourceViewer()).doOperation(ISourceViewer.QUICK_ASSIST);
    }

    /** Opens the completion popup at the caret. */
    public void openCompletion() {
        ((ITextOperationTarget) getSourceViewer()).doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
    }

    @Override
    public void dispose() {
        IFile file = file();
        if (file != null && isDirty()) {
            revalidateSavedFile(file);
        }
        if (projectionSupport != null) {
            projectionSupport.dispose();
        }
        IFile anchor = problemAnchor;
        problemAnchor = null;
        ProblemAnchors.delete(anchor);
        super.dispose();
    }

    /** After closing without saving, the markers describe unsaved text: validate what is on disk instead. */
    private static void revalidateSavedFile(IFile file) {
        Job job = Job.create("Validate " + file.getName(), (IProgressMonitor monitor) -> {
            if (!file.exists()) {
                return Status.OK_STATUS;
            }
            try (InputStream in = file.getContents(true)) {
                String text = new String(in.readAllBytes(), Charset.forName(file.getCharset()));
                setMarkers(file, EditorProblem.validate(text, file.getName(), monitor::isCanceled));
                return Status.OK_STATUS;
            } catch (CoreException | IOException e) {
                return new Status(IStatus.WARNING, Activator.PLUGIN_ID, "Cannot validate " + file.getFullPath(), e);
            }
        });
        job.setRule(file);
        job.setSystem(true);
        job.schedule();
    }

    /** A click on a problem in the ruler moves the caret there and opens its quick fixes. */
    private final class RulerQuickFixAction extends org.eclipse.jface.action.Action {

        @Override
        public void run() {
            Position p = problemOnClickedLine();
            if (p != null) {
                selectAndReveal(p.getOffset(), 0);
                openQuickFix();
            }
        }

        /** Position of the first fixable problem on the line last clicked in the ruler. */
        Position problemOnClickedLine() {
            ISourceViewer viewer = getSourceViewer();
            IVerticalRuler ruler = getVerticalRuler();
            if (viewer == null || ruler == null || viewer.getAnnotationModel() == null) {
                return null;
            }
            int line = ruler.getLineOfLastMouseButtonActivity();
            IDocument doc = viewer.getDocument();
            IAnnotationModel model = viewer.getAnnotationModel();
            Iterator<Annotation> it = model.getAnnotationIterator();
            while (it.hasNext()) {
                Annotation a = it.next();
                Position p = model.getPosition(a);
                try {
                    if (p != null && NamdTextHover.isProblem(a) && doc.getLineOfOffset(p.getOffset()) == line) {
                        return p;
                    }
                } catch (org.eclipse.jface.text.BadLocationException e) {
                    // stale position
                }
            }
            return null;
        }
    }

}

package org.namdrunner.template.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewerExtension5;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.source.TextInvocationContext;
import org.eclipse.jface.text.source.projection.ProjectionAnnotationModel;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.template.ide.NamdHighlighting;

/**
 * The template editor on real documents in the running NAMDRunner workbench: a file of a workspace project
 * (markers, Problems view) and a file outside the workspace (annotations), colouring, completion, hover,
 * quick fixes, outline and folding.
 */
@Tag("ui")
class NamdEditorTest {

    /** A template with three seeded mistakes: lines 21 (warning), 22 and 26 (errors). */
    static final String SEEDED = """
            # Equilibration of a small protein (seeded mistakes for the editor test)
            #@var temp type=Number default=310 min=0 max=1000 label="Temperature (K)"
            #@var steps type=Integer default=1000 min=0 label="Steps"

            # Input
            structure          system.psf
            coordinates        system.pdb
            paraTypeCharmm     on
            parameters         par_all36m_prot.prm
            temperature        <<temp>>

            # Force field
            exclude            scaled1-4
            1-4scaling         1.0
            cutoff             12.0
            switching          on
            switchdist         10.0
            pairlistdist       14.0
            timestep           2.0
            rigidBonds         all
            langevinTemp       <<temp>>
            langevinDampng     1

            # Output
            outputName         out_$env(USER)
            dcdfreq            <<dcd_freq>>
            set n 5
            if {$n > 2} {
                puts "n is $n"
            }
            run                <<steps>>
            """;

    private IWorkbenchPage page;
    private Display display;

    @BeforeEach
    void setUp() {
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        display = page.getWorkbenchWindow().getShell().getDisplay();
    }

    @AfterEach
    void tearDown() {
        page.closeAllEditors(false);
        EditorTestSupport.settle(display, 200);
    }

    static IFile workspaceFile(String name, String content) throws Exception {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("editor-tests");
        if (!project.exists()) {
            project.create(null);
        }
        if (!project.isOpen()) {
            project.open(null);
        }
        IFile file = project.getFile(name);
        ByteArrayInputStream in = new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
        if (file.exists()) {
            file.setContents(in, IResource.FORCE, null);
        } else {
            file.create(in, IResource.FORCE, null);
        }
        file.setCharset("UTF-8", null);
        return file;
    }

    private NamdEditor open(IFile file) throws Exception {
        IEditorPart part = IDE.openEditor(page, file);
        NamdEditor editor = assertInstanceOf(NamdEditor.class, part, "*.namd/*.namdt should open in the NAMD editor");
        assertEquals(NamdEditor.ID, editor.getSite().getId());
        EditorTestSupport.waitFor(display, "first validation", () -> editor.reconcileCount() > 0);
        return editor;
    }

    static Map<Integer, String> markerLines(IFile file) throws Exception {
        Map<Integer, String> out = new TreeMap<>();
        for (IMarker m : file.findMarkers(NamdEditor.MARKER_TYPE, true, IResource.DEPTH_ZERO)) {
            int sev = m.getAttribute(IMarker.SEVERITY, -1);
            out.put(m.getAttribute(IMarker.LINE_NUMBER, -1), (sev == IMarker.SEVERITY_ERROR ? "error: " : "warning: ")
                    + m.getAttribute(IMarker.MESSAGE, ""));
        }
        return out;
    }

    /** Problem annotations of the viewer, as 1-based line -> message. */
    static Map<Integer, String> annotationLines(NamdEditor editor) throws Exception {
        Map<Integer, String> out = new TreeMap<>();
        ISourceViewer viewer = editor.viewer();
        IAnnotationModel model = viewer.getAnnotationModel();
        IDocument doc = viewer.getDocument();
        for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
            Annotation a = it.next();
            Position p = model.getPosition(a);
            if (p != null && NamdTextHover.isProblem(a) && !a.isMarkedDeleted()) {
                out.put(doc.getLineOfOffset(p.getOffset()) + 1, (a.getType().endsWith("error") ? "error: " : "warning: ") + a.getText());
            }
        }
        return out;
    }

    private static void assertSeededProblems(Map<Integer, String> lines, String where) {
        assertEquals(List.of(21, 22, 26), new ArrayList<>(lines.keySet()), where + ": " + lines);
        assertTrue(lines.get(21).startsWith("warning: langevinTemp is set but Langevin is off"), where + ": " + lines);
        assertTrue(lines.get(22).startsWith("error: unknown NAMD keyword or command 'langevinDampng'"), where + ": " + lines);
        assertTrue(lines.get(26).startsWith("error: variable <<dcd_freq>> is not declared"), where + ": " + lines);
    }

    private static StyleRange styleOf(NamdEditor editor, String text, int occurrence) {
        String doc = editor.viewer().getDocument().get();
        int offset = -1;
        for (int i = 0; i <= occurrence; i++) {
            offset = doc.indexOf(text, offset + 1);
        }
        assertTrue(offset >= 0, "not in the document: " + text);
        int widgetOffset = ((ITextViewerExtension5) editor.viewer()).modelOffset2WidgetOffset(offset);
        StyledText st = editor.viewer().getTextWidget();
        return st.getStyleRangeAtOffset(widgetOffset + Math.min(1, text.length() - 1));
    }

    private static void assertStyle(NamdEditor editor, String text, String style, int fontStyle) {
        StyleRange r = styleOf(editor, text, 0);
        assertNotNull(r, "no style at '" + text + "'");
        assertEquals(NamdStyles.foreground(style), r.foreground.getRGB(), "colour of '" + text + "'");
        assertEquals(fontStyle, r.fontStyle & (SWT.BOLD | SWT.ITALIC), "font style of '" + text + "'");
    }

    @Test
    void workspaceFileIsColouredAndItsProblemsAreMarkers() throws Exception {
        IFile file = workspaceFile("seeded.namdt", SEEDED);
        NamdEditor editor = open(file);

        // colouring of the real widget
        assertStyle(editor, "# Input", NamdHighlighting.COMMENT, SWT.ITALIC);
        assertStyle(editor, "#@var temp", NamdHighlighting.DECLARATION, SWT.NORMAL);
        assertStyle(editor, "paraTypeCharmm", NamdHighlighting.KEYWORD, SWT.BOLD);
        assertStyle(editor, "12.0", NamdHighlighting.NUMBER, SWT.NORMAL);
        assertStyle(editor, "<<temp>>", NamdHighlighting.PLACEHOLDER, SWT.BOLD);
        assertStyle(editor, "$env(USER)", NamdHighlighting.VARIABLE, SWT.NORMAL);
        assertStyle(editor, "\"n is", NamdHighlighting.STRING, SWT.NORMAL);
        assertStyle(editor, "puts", NamdHighlighting.COMMAND, SWT.BOLD);
        assertStyle(editor, "switching          on", NamdHighlighting.KEYWORD, SWT.BOLD);

        // problems: markers on the file (Problems view) and annotations in the rulers, on the right lines
        EditorTestSupport.waitFor(display, "markers", () -> {
            try {
                return markerLines(file).size() == 3;
            } catch (Exception e) {
                return false;
            }
        });
        assertSeededProblems(markerLines(file), "markers");
        EditorTestSupport.waitFor(display, "marker annotations", () -> {
            try {
                return annotationLines(editor).size() == 3;
            } catch (Exception e) {
                return false;
            }
        });
        assertSeededProblems(annotationLines(editor), "ruler annotations");
        IMarker unknown = Arrays.stream(file.findMarkers(NamdEditor.MARKER_TYPE, true, IResource.DEPTH_ZERO))
                .filter(m -> m.getAttribute(IMarker.LINE_NUMBER, 0) == 22).findFirst().orElseThrow();
        int start = SEEDED.indexOf("langevinDampng");
        assertEquals(start, unknown.getAttribute(IMarker.CHAR_START, -1), "marker start");
        assertEquals(start + "langevinDampng".length(), unknown.getAttribute(IMarker.CHAR_END, -1), "marker end");
        assertTrue(unknown.isSubtypeOf(IMarker.PROBLEM), "a problem marker, so the Problems view lists it");

        // the Problems view lists them
        page.showView(IPageLayout.ID_PROBLEM_VIEW);
        List<String> problemsView = new ArrayList<>();
        try {
            EditorTestSupport.waitFor(display, "the Problems view to list the unknown keyword", () -> {
                problemsView.clear();
                collectTreeTexts(page.getWorkbenchWindow().getShell(), problemsView);
                return problemsView.stream().anyMatch(t -> t.contains("langevinDampng"));
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; trees show " + problemsView, e);
        }

        // the workbench menus offer what an editor needs
        List<String> edit = menuLabels("Edit");
        for (String expected : List.of("Undo", "Copy", "Paste", "Find")) {
            assertTrue(edit.stream().anyMatch(l -> l.startsWith(expected)), "Edit menu without " + expected + ": " + edit);
        }
        assertTrue(menuLabels("File").stream().anyMatch(l -> l.startsWith("Save")), "File menu: " + menuLabels("File"));

        // typing re-validates: a new mistake gets a marker on its line, without saving
        IDocument doc = editor.viewer().getDocument();
        int runLine = doc.getLineOfOffset(doc.get().indexOf("run "));
        doc.replace(doc.getLineOffset(runLine), 0, "outputEnergie 100\n");
        EditorTestSupport.waitFor(display, "a marker for the typed mistake", () -> {
            try {
                return markerLines(file).getOrDefault(runLine + 1, "").contains("'outputEnergie'");
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(editor.isDirty());

        // closing without saving: the markers describe the file on disk again
        page.closeEditor(editor, false);
        EditorTestSupport.waitFor(display, "markers of the saved file", () -> {
            try {
                return markerLines(file).keySet().equals(java.util.Set.of(21, 22, 26));
            } catch (Exception e) {
                return false;
            }
        });
    }

    private List<String> menuLabels(String name) {
        org.eclipse.swt.widgets.Menu bar = page.getWorkbenchWindow().getShell().getMenuBar();
        for (org.eclipse.swt.widgets.MenuItem item : bar.getItems()) {
            if (item.getText().replace("&", "").equals(name)) {
                org.eclipse.swt.widgets.Menu menu = item.getMenu();
                menu.notifyListeners(SWT.Show, new org.eclipse.swt.widgets.Event());
                EditorTestSupport.settle(display, 100);
                menu.notifyListeners(SWT.Hide, new org.eclipse.swt.widgets.Event());
                List<String> out = new ArrayList<>();
                for (org.eclipse.swt.widgets.MenuItem i : menu.getItems()) {
                    out.add(i.getText().replace("&", "").split("\t")[0]);
                }
                return out;
            }
        }
        throw new AssertionError("no menu " + name);
    }

    private static void collectTreeTexts(Control c, List<String> out) {
        if (c instanceof Tree tree && tree.isVisible()) {
            for (TreeItem item : tree.getItems()) {
                collectItems(item, out);
            }
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                collectTreeTexts(child, out);
            }
        }
    }

    private static void collectItems(TreeItem item, List<String> out) {
        out.add(item.getText());
        if (!item.getExpanded() && item.getItemCount() > 0) {
            // as if the user clicked the twistie: the viewer creates the children
            org.eclipse.swt.widgets.Event e = new org.eclipse.swt.widgets.Event();
            e.item = item;
            item.getParent().notifyListeners(SWT.Expand, e);
            item.setExpanded(true);
        }
        for (TreeItem child : item.getItems()) {
            collectItems(child, out);
        }
    }

    @Test
    void externalFileGetsAnnotations() throws Exception {
        Path dir = Files.createTempDirectory("namd-external");
        Path path = dir.resolve("external.namd");
        Files.writeString(path, SEEDED);
        IEditorPart part = IDE.openEditorOnFileStore(page, EFS.getLocalFileSystem().getStore(path.toUri()));
        NamdEditor editor = assertInstanceOf(NamdEditor.class, part);
        assertEquals(null, editor.file(), "not a workspace file");
        EditorTestSupport.waitFor(display, "annotations", () -> {
            try {
                return annotationLines(editor).size() == 3;
            } catch (Exception e) {
                return false;
            }
        });
        assertSeededProblems(annotationLines(editor), "external file annotations");
        assertStyle(editor, "langevinTemp", NamdHighlighting.KEYWORD, SWT.BOLD);
        // the Problems view lists them through the editor's anchor in /NAMDRunner/<folder of the file>/
        IFile anchor = editor.problemAnchor();
        assertNotNull(anchor, "an external file's problems are in the Problems view too");
        assertEquals("/" + ProblemAnchors.PROJECT + "/" + dir.getFileName() + "/external.namd", anchor.getFullPath().toString());
        EditorTestSupport.waitFor(display, "3 markers on the anchor", () -> {
            try {
                return anchor.findMarkers(NamdEditor.MARKER_TYPE, false, IResource.DEPTH_ZERO).length == 3;
            } catch (org.eclipse.core.runtime.CoreException e) {
                return false;
            }
        });
        for (IMarker m : ResourcesPlugin.getWorkspace().getRoot().findMarkers(NamdEditor.MARKER_TYPE, true, IResource.DEPTH_INFINITE)) {
            assertTrue(m.getResource().equals(anchor) || !m.getResource().getName().equals("external.namd"),
                    "markers of an external file are on its anchor only: " + m.getResource());
        }
        // typing re-validates external files too
        IDocument doc = editor.viewer().getDocument();
        doc.replace(doc.get().indexOf("langevinDampng"), "langevinDampng".length(), "langevinDamping");
        EditorTestSupport.waitFor(display, "the corrected keyword to lose its error (now only a warning: Langevin is off)", () -> {
            try {
                return annotationLines(editor).getOrDefault(22, "").startsWith("warning: langevinDamping is set but Langevin is off");
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void completionProposesKeywordsWithDocsAndDeclaredVariables() throws Exception {
        IFile file = workspaceFile("complete.namdt", SEEDED);
        NamdEditor editor = open(file);
        IDocument doc = editor.viewer().getDocument();
        int at = doc.get().indexOf("# Output");
        doc.replace(at, 0, "lang\n");
        int offset = at + "lang".length();

        ICompletionProposal[] proposals = new NamdContentAssistProcessor(editor).computeCompletionProposals(editor.viewer(), offset);
        List<String> labels = Arrays.stream(proposals).map(ICompletionProposal::getDisplayString).toList();
        assertTrue(labels.stream().anyMatch(l -> l.startsWith("langevinTemp")), "proposals: " + labels);
        assertTrue(labels.stream().allMatch(l -> l.toLowerCase().startsWith("lang")), "proposals: " + labels);
        ICompletionProposal temp = Arrays.stream(proposals).filter(p -> p.getDisplayString().startsWith("langevinTemp "))
                .findFirst().orElseThrow();
        assertTrue(temp.getAdditionalProposalInfo().contains("Langevin"), "docs: " + temp.getAdditionalProposalInfo());
        temp.apply(doc);
        assertEquals("langevinTemp", line(doc, doc.getLineOfOffset(at)));

        // the real popup (Ctrl+Space)
        int at2 = doc.get().indexOf("# Output");
        doc.replace(at2, 0, "lang\n");
        editor.selectAndReveal(at2 + 4, 0);
        editor.openCompletion();
        Table popup = waitForPopupTable("langevin");
        assertTrue(popup.getItemCount() > 3, "popup items: " + popup.getItemCount());
        popup.getShell().close();

        // after << the declared variables
        int dcd = doc.get().indexOf("<<dcd_freq>>");
        doc.replace(dcd, "<<dcd_freq>>".length(), "<<");
        ICompletionProposal[] vars = new NamdContentAssistProcessor(editor).computeCompletionProposals(editor.viewer(), dcd + 2);
        List<String> varLabels = Arrays.stream(vars).map(ICompletionProposal::getDisplayString).toList();
        assertEquals(List.of("temp \u2014 Number", "steps \u2014 Integer"), varLabels);
        vars[1].apply(doc);
        assertEquals("dcdfreq            <<steps>>", line(doc, doc.getLineOfOffset(dcd)));

        // typing '<' opens the popup by itself (auto-activation) with the declared variables
        int restart = doc.get().indexOf("<<steps>>", dcd);
        doc.replace(restart, "<<steps>>".length(), "");
        editor.selectAndReveal(restart, 0);
        editor.setFocus();
        type(editor, '<');
        type(editor, '<');
        assertEquals("dcdfreq            <<", line(doc, doc.getLineOfOffset(restart)));
        Table auto = waitForPopupTable("temp");
        assertTrue(Arrays.stream(auto.getItems()).anyMatch(i -> i.getText().startsWith("steps")), "auto-activated popup");
        auto.getShell().close();
    }

    /** A key press in the editor's widget, through the same listeners (verify-key, auto-activation) as the keyboard. */
    private void type(NamdEditor editor, char c) {
        StyledText widget = editor.viewer().getTextWidget();
        org.eclipse.swt.widgets.Event down = new org.eclipse.swt.widgets.Event();
        down.character = c;
        down.keyCode = c;
        down.doit = true;
        widget.notifyListeners(SWT.KeyDown, down);
        org.eclipse.swt.widgets.Event up = new org.eclipse.swt.widgets.Event();
        up.character = c;
        up.keyCode = c;
        widget.notifyListeners(SWT.KeyUp, up);
        EditorTestSupport.settle(display, 50);
    }

    private Table waitForPopupTable(String itemPrefix) {
        Table[] found = new Table[1];
        EditorTestSupport.waitFor(display, "a completion popup with '" + itemPrefix + "'", () -> {
            for (Shell s : display.getShells()) {
                for (Shell child : s.getShells()) {
                    Table t = findTable(child, itemPrefix);
                    if (t != null) {
                        found[0] = t;
                        return true;
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    private static Table findTable(Control c, String prefix) {
        if (c instanceof Table t && c.isVisible()) {
            for (TableItem item : t.getItems()) {
                if (item.getText().startsWith(prefix)) {
                    return t;
                }
            }
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                Table t = findTable(child, prefix);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    private static String line(IDocument doc, int line) throws Exception {
        return doc.get(doc.getLineOffset(line), doc.getLineLength(line)).stripTrailing();
    }

    @Test
    void quickFixesRepairTheSeededMistakes() throws Exception {
        IFile file = workspaceFile("fix.namdt", SEEDED);
        NamdEditor editor = open(file);
        IDocument doc = editor.viewer().getDocument();
        NamdQuickAssistProcessor processor = new NamdQuickAssistProcessor(editor);

        // misspelled keyword -> the suggestion
        ICompletionProposal change = proposal(processor, editor, doc.get().indexOf("langevinDampng") + 3, "Change to 'langevinDamping'");
        change.apply(doc);
        assertEquals("langevinDamping     1", line(doc, 21));

        // keyword whose parent is off/missing -> insert the parent
        ICompletionProposal parent = proposal(processor, editor, doc.get().indexOf("langevinTemp") + 2, "Insert 'Langevin on' above this line");
        parent.apply(doc);
        assertEquals("Langevin on", line(doc, 20));
        assertEquals("langevinTemp       <<temp>>", line(doc, 21));

        // undeclared variable -> a declaration (type from the keyword: dcdfreq is an integer)
        ICompletionProposal declare = proposal(processor, editor, doc.get().indexOf("<<dcd_freq>>") + 4, "Declare <<dcd_freq>> (Integer)");
        declare.apply(doc);
        assertEquals("#@var dcd_freq type=Integer label=\"dcd freq\"", line(doc, 3));

        // the document is clean now; the reconciler removes every marker
        assertEquals(List.of(), EditorProblem.validate(doc.get(), "fix.namdt", null));
        EditorTestSupport.waitFor(display, "markers to disappear", () -> {
            try {
                return markerLines(file).isEmpty();
            } catch (Exception e) {
                return false;
            }
        });

        // Ctrl+1 opens the same proposals in a popup
        doc.replace(doc.get().indexOf("langevinDamping"), "langevinDamping".length(), "langevinDampng");
        editor.selectAndReveal(doc.get().indexOf("langevinDampng") + 2, 0);
        editor.openQuickFix();
        Table popup = waitForPopupTable("Change to 'langevinDamping'");
        popup.getShell().close();
    }

    private static ICompletionProposal proposal(NamdQuickAssistProcessor processor, NamdEditor editor, int offset, String label) {
        ICompletionProposal[] all = processor.computeQuickAssistProposals(new TextInvocationContext(editor.viewer(), offset, -1));
        List<String> labels = Arrays.stream(all).map(ICompletionProposal::getDisplayString).toList();
        return Arrays.stream(all).filter(p -> p.getDisplayString().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no quick fix '" + label + "' at " + offset + ": " + labels));
    }

    @Test
    void hoverShowsKeywordVariableAndProblemDocs() throws Exception {
        IFile file = workspaceFile("hover.namdt", SEEDED);
        NamdEditor editor = open(file);
        String text = editor.viewer().getDocument().get();
        EditorTestSupport.waitFor(display, "annotations", () -> {
            try {
                return annotationLines(editor).size() == 3;
            } catch (Exception e) {
                return false;
            }
        });
        String keyword = NamdTextHover.hoverText(editor.viewer(), text.indexOf("pairlistdist") + 2);
        assertTrue(keyword != null && keyword.toLowerCase().startsWith("pairlistdist") && keyword.contains("number"), "keyword hover: " + keyword);
        String variable = NamdTextHover.hoverText(editor.viewer(), text.indexOf("<<steps>>") + 3);
        assertTrue(variable != null && variable.contains("Steps") && variable.contains("Integer"), "variable hover: " + variable);
        // the hover control reads simple HTML: the placeholder is written with entities, not read as a tag
        assertTrue(variable.startsWith("&lt;&lt;steps&gt;&gt;"), "variable hover: " + variable);
        assertEquals("<<steps>>", new org.eclipse.jface.internal.text.html.HTML2TextReader(
                new java.io.StringReader(variable), null).getString().lines().findFirst().orElse(""), "shown as typed");
        String problem = NamdTextHover.hoverText(editor.viewer(), text.indexOf("langevinDampng") + 3);
        assertTrue(problem != null && problem.contains("did you mean 'langevinDamping'"), "problem hover: " + problem);
        // the editor's last parse is reused while the document is unchanged, with the same answers
        DocumentAnalysis analysis = editor.lastAnalysis();
        assertTrue(analysis != null && analysis.isCurrent(editor.viewer().getDocument()), "the reconciled analysis is current");
        assertEquals(keyword, NamdTextHover.hoverText(editor.viewer(), text.indexOf("pairlistdist") + 2, analysis));
        assertEquals(variable, NamdTextHover.hoverText(editor.viewer(), text.indexOf("<<steps>>") + 3, analysis));
        editor.viewer().getDocument().replace(0, 0, "\n");
        assertFalse(analysis.isCurrent(editor.viewer().getDocument()), "an edited document is not described by the old parse");
    }

    @Test
    void outlineShowsSectionsAndVariablesAndTclBlocksFold() throws Exception {
        IFile file = workspaceFile("outline.namdt", SEEDED);
        NamdEditor editor = open(file);
        page.showView(IPageLayout.ID_OUTLINE);
        IContentOutlinePage outline = editor.getAdapter(IContentOutlinePage.class);
        assertNotNull(outline);
        EditorTestSupport.waitFor(display, "outline", () -> !((NamdOutlinePage) outline).structure().outline().isEmpty());
        List<String> top = ((NamdOutlinePage) outline).structure().outline().stream().map(NamdStructure.Node::label).toList();
        assertEquals(List.of("Template variables (2)", "Input", "Force field", "Output"), top);

        ProjectionAnnotationModel folding = editor.getAdapter(ProjectionAnnotationModel.class);
        assertNotNull(folding, "projection (folding) enabled");
        IDocument doc = editor.viewer().getDocument();
        int ifLine = doc.getLineOfOffset(doc.get().indexOf("if {"));
        EditorTestSupport.waitFor(display, "a fold for the if block", () -> {
            for (Iterator<Annotation> it = folding.getAnnotationIterator(); it.hasNext();) {
                Position p = folding.getPosition(it.next());
                try {
                    if (p != null && doc.getLineOfOffset(p.getOffset()) == ifLine && doc.getLineOfOffset(p.getOffset() + p.getLength() - 1) == ifLine + 2) {
                        return true;
                    }
                } catch (Exception e) {
                    return false;
                }
            }
            return false;
        });
    }
}

package org.namdrunner.ui.views;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.namdrunner.ui.ViewParts;
import org.namdrunner.ui.internal.FilePrompt;
import org.namdrunner.core.AtomicFiles;
import org.namdrunner.core.model.TemplateFile;
import org.namdrunner.core.model.TemplateRecord;
import org.namdrunner.core.model.TemplateRevision;
import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.jobs.JobFormat;
import org.namdrunner.ui.templates.TemplateEditorInput;
import org.namdrunner.ui.templates.TemplateHistoryDialog;
import org.namdrunner.ui.templates.TemplatesChanged;

/**
 * Templates view: the built-in NAMD templates (read-only, "Duplicate") and the user's templates from the
 * store; New, Duplicate, Rename, Delete (with confirmation), History (revisions and their diffs), Import and Export
 * of {@code .namd} template files (an export names the template and revision in a header line, an import records it
 * as the origin of revision 1); double-click (or Enter) opens a template in the NAMD template editor, where user
 * templates are saved back to the store, each changed save a new revision.
 */
public class TemplatesView {

    /** Editor id of the NAMD template editor (bundle org.namdrunner.template.ui). */
    public static final String EDITOR_ID = "org.namdrunner.template.ui.editor";
    public static final String DELETE_TITLE = "Delete Template";
    public static final String RENAME_TITLE = "Rename Template";
    public static final String NEW_TITLE = "New Template";
    public static final String SAVE_COMMENT_TITLE = "Save with Comment";
    public static final String BUILT_IN = "Built-in";
    public static final String USER = "User";

    /** A row: a built-in template or a stored one. */
    public record Entry(String id, String name, boolean builtIn, TemplateRecord record, int revision) {
        public String text() {
            return record != null ? record.text() : BuiltInTemplates.text(id);
        }
    }


    /** The file questions of this screen (asked through the FilePrompts service). */
    private static final FilePrompt FILES = new FilePrompt("Export Template", "Import Template", "*.namd;*.namdt;*.conf", "NAMD templates and configs");

    private TableViewer viewer;
    private Label status;
    private final List<Entry> entries = new ArrayList<>();
    private final Runnable listener = this::refreshLater;
    private Action openAction;
    private Action newAction;
    private Action duplicateAction;
    private Action renameAction;
    private Action deleteAction;
    private Action historyAction;
    private Action saveWithCommentAction;
    private Action importAction;
    private Action exportAction;

    @PostConstruct
    public void createControls(Composite parent) {
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = 0;
        gl.marginHeight = 0;
        gl.verticalSpacing = 2;
        parent.setLayout(gl);

        createActions();
        ViewParts.toolBar(parent, List.of(newAction, duplicateAction, importAction, exportAction), false);

        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("Name", 190, e -> e.name(), e -> e.builtIn() ? "Built-in template: read-only, duplicate it to edit a copy"
                : "Your template: double-click to edit");
        column("Kind", 70, e -> e.builtIn() ? BUILT_IN : USER, null);
        column("Updated", 120, e -> e.record() == null || e.record().updated() == null ? "" : JobFormat.time(e.record().updated()), null);
        column("Rev.", 45, e -> e.builtIn() || e.revision() == 0 ? "" : String.valueOf(e.revision()),
                e -> e.builtIn() ? null : "Every save that changes the text is a revision: History\u2026 shows them");
        viewer.addDoubleClickListener(e -> open());
        viewer.addSelectionChangedListener(e -> updateActions());
        viewer.getTable().addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.DEL) {
                delete();
            } else if (e.keyCode == SWT.F2) {
                rename();
            }
        });

        MenuManager menu = new MenuManager();
        menu.add(openAction);
        menu.add(new Separator());
        menu.add(newAction);
        menu.add(duplicateAction);
        menu.add(renameAction);
        menu.add(deleteAction);
        menu.add(historyAction);
        menu.add(saveWithCommentAction);
        menu.add(new Separator());
        menu.add(importAction);
        menu.add(exportAction);
        viewer.getTable().setMenu(menu.createContextMenu(viewer.getTable()));

        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        TemplatesChanged.addListener(listener);
        refresh(null);
    }

    private void column(String header, int width, java.util.function.Function<Entry, String> text,
            java.util.function.Function<Entry, String> tip) {
        ViewParts.textColumn(viewer, Entry.class, header, width, text, tip);
    }

    private void createActions() {
        openAction = ViewParts.action("&Open", "Open the template in the template editor", this::open);
        newAction = ViewParts.action("&New\u2026", "Create an empty template", this::create);
        duplicateAction = ViewParts.action("D&uplicate", "Copy the template into a new template you can edit", this::duplicate);
        renameAction = ViewParts.action("&Rename\u2026\tF2", "Rename your template", this::rename);
        deleteAction = ViewParts.action("&Delete\u2026\tDel", "Delete your template", this::delete);
        historyAction = ViewParts.action("&History\u2026", "The template's revisions and what each changed", this::history);
        saveWithCommentAction = ViewParts.action("Save with &Comment\u2026",
                "Save the template's open editor, with a comment for the new revision", this::saveWithComment);
        importAction = ViewParts.action("&Import\u2026", "Add a .namd template file as a new template", this::importFile);
        exportAction = ViewParts.action("&Export\u2026", "Save the template as a .namd file", this::exportFile);
    }

    private void refreshLater() {
        Display d = viewer == null || viewer.getTable().isDisposed() ? null : viewer.getTable().getDisplay();
        if (d != null) {
            d.asyncExec(() -> {
                if (!viewer.getTable().isDisposed()) {
                    Entry sel = selected();
                    refresh(sel == null ? null : sel.id());
                }
            });
        }
    }

    /** Reads the templates again: built-in first, then the user's by name; selects {@code selectId}. */
    public void refresh(String selectId) {
        entries.clear();
        List<String> builtInIds = BuiltInTemplates.ids();
        for (String id : builtInIds) {
            entries.add(new Entry(id, BuiltInTemplates.displayName(id), true, null, 0));
        }
        try {
            for (TemplateRecord r : NamdRunnerUi.store().templates().list()) {
                if (!builtInIds.contains(r.id())) {
                    entries.add(new Entry(r.id(), r.name(), r.builtIn(), r, r.builtIn() ? 0
                            : NamdRunnerUi.store().templates().latestRevision(r.id()).map(TemplateRevision::number).orElse(0)));
                }
            }
            status.setText(String.format("%d built-in, %d of your own", entries.stream().filter(Entry::builtIn).count(),
                    entries.stream().filter(e -> !e.builtIn()).count()));
        } catch (RuntimeException e) {
            NamdRunnerUi.log(org.eclipse.core.runtime.IStatus.ERROR, "Templates view: cannot read the templates", e);
            status.setText("Cannot read your templates: " + NamdRunnerUi.message(e));
        }
        viewer.setInput(entries);
        Entry sel = entries.stream().filter(e -> e.id().equals(selectId)).findFirst().orElse(null);
        viewer.setSelection(sel == null ? StructuredSelection.EMPTY : new StructuredSelection(sel), true);
        updateActions();
        status.getParent().layout(true);
    }

    private Entry selected() {
        return (Entry) viewer.getStructuredSelection().getFirstElement();
    }

    private void updateActions() {
        Entry e = selected();
        boolean user = e != null && !e.builtIn();
        openAction.setEnabled(e != null);
        // one label whatever is selected (a button that renames itself shifts the toolbar); the tooltip says more
        duplicateAction.setToolTipText(e != null && e.builtIn()
                ? "Built-in templates are read-only: copy it into a new template you can edit"
                : "Copy the template into a new template you can edit");
        duplicateAction.setEnabled(e != null);
        renameAction.setEnabled(user);
        deleteAction.setEnabled(user);
        historyAction.setEnabled(user);
        saveWithCommentAction.setEnabled(user);
        exportAction.setEnabled(e != null);
    }

    private Shell shell() {
        return viewer.getTable().getShell();
    }

    private static IInputValidator nameValidator() {
        return s -> s == null || s.isBlank() ? "A template needs a name" : s.length() > 200 ? "At most 200 characters" : null;
    }

    // ---- actions ----

    /** Opens the selected template in the NAMD template editor (read-only for built-in templates). */
    public IEditorPart open() {
        Entry e = selected();
        if (e == null) {
            return null;
        }
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        try {
            int version = e.record() == null ? 0 : e.record().version();
            return page.openEditor(new TemplateEditorInput(e.id(), e.name(), e.builtIn(), e.text(), version), EDITOR_ID);
        } catch (PartInitException | RuntimeException ex) {
            NamdRunnerUi.log(org.eclipse.core.runtime.IStatus.ERROR, "Cannot open template " + e.id(), ex);
            MessageDialog.openError(shell(), "Open Template", "Cannot open template '" + e.name() + "': " + NamdRunnerUi.message(ex));
            return null;
        }
    }

    /** Asks for a name and stores a new template with a small starting text. */
    public TemplateRecord create() {
        InputDialog d = new InputDialog(shell(), NEW_TITLE, "Name of the new template:", "My template", nameValidator());
        if (d.open() != Window.OK) {
            return null;
        }
        String text = "# " + d.getValue().strip() + "\n"
                + "# Declare variables with #@var lines; <<name>> marks where a value goes.\n"
                + "#@var output_name type=Text default=\"output\" label=\"Output base name\" help=\"Base name of the output files.\"\n"
                + "\noutputName          <<output_name>>\n";
        return store(TemplateRecord.create(UUID.randomUUID().toString(), d.getValue().strip(), false, text), true);
    }

    /** Copies the selected template (built-in or user) into a new user template and opens it. */
    public TemplateRecord duplicate() {
        Entry e = selected();
        if (e == null) {
            return null;
        }
        String name = e.name() + " (copy)";
        for (int i = 2; names().contains(name); i++) {
            name = e.name() + " (copy " + i + ")";
        }
        String origin = e.builtIn() ? "Duplicate of built-in template '" + e.name() + "'"
                : "Duplicate of template '" + e.name() + "'" + (e.revision() > 0 ? ", revision " + e.revision() : "");
        return store(TemplateRecord.create(UUID.randomUUID().toString(), name, false, e.text()), origin, true);
    }

    private List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    private TemplateRecord store(TemplateRecord r, boolean open) {
        return store(r, "", open);
    }

    /** Stores a new template; {@code comment} is the comment of its revision 1. */
    private TemplateRecord store(TemplateRecord r, String comment, boolean open) {
        try {
            TemplateRecord saved = NamdRunnerUi.store().templates().save(r, comment);
            refresh(saved.id());
            if (open) {
                open();
            }
            return saved;
        } catch (RuntimeException e) {
            MessageDialog.openError(shell(), "Templates", "Cannot store template '" + r.name() + "': " + NamdRunnerUi.message(e));
            return null;
        }
    }

    /** Renames the selected user template (an open editor follows). */
    public void rename() {
        Entry e = selected();
        if (e == null || e.builtIn()) {
            return;
        }
        InputDialog d = new InputDialog(shell(), RENAME_TITLE, "New name of '" + e.name() + "':", e.name(), nameValidator());
        if (d.open() != Window.OK || d.getValue().strip().equals(e.name())) {
            return;
        }
        try {
            TemplateRecord current = NamdRunnerUi.store().templates().find(e.id()).orElseThrow(
                    () -> new IllegalStateException("Template '" + e.name() + "' was deleted meanwhile"));
            TemplateRecord saved = NamdRunnerUi.store().templates().save(current.withName(d.getValue().strip()));
            TemplateEditorInput open = openInput(e.id());
            if (open != null) {
                open.renamed(saved.name(), saved.version());
            }
            refresh(saved.id());
        } catch (RuntimeException ex) {
            MessageDialog.openError(shell(), RENAME_TITLE, "Cannot rename '" + e.name() + "': " + NamdRunnerUi.message(ex));
        }
    }

    private TemplateEditorInput openInput(String id) {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        for (IEditorReference ref : page.getEditorReferences()) {
            try {
                if (ref.getEditorInput() instanceof TemplateEditorInput t && t.id().equals(id)) {
                    return t;
                }
            } catch (PartInitException e) {
                // not our editor
            }
        }
        return null;
    }

    /** Deletes the selected user template after confirmation; its open editor is closed without saving. */
    public void delete() {
        Entry e = selected();
        if (e == null || e.builtIn()) {
            return;
        }
        if (!MessageDialog.openConfirm(shell(), DELETE_TITLE, "Delete the template '" + e.name() + "'?\n\nJobs created from "
                + "it keep their rendered configuration. This cannot be undone; export the template first to keep a copy.")) {
            return;
        }
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        for (IEditorReference ref : page.getEditorReferences()) {
            try {
                if (ref.getEditorInput() instanceof TemplateEditorInput t && t.id().equals(e.id())) {
                    page.closeEditors(new IEditorReference[] {ref}, false);
                }
            } catch (PartInitException ex) {
                // not our editor
            }
        }
        try {
            NamdRunnerUi.store().templates().delete(e.id());
        } catch (RuntimeException ex) {
            MessageDialog.openError(shell(), DELETE_TITLE, "Cannot delete '" + e.name() + "': " + NamdRunnerUi.message(ex));
        }
        refresh(null);
    }

    /** Adds a .namd file as a new user template named after the file. */
    public TemplateRecord importFile() {
        Path file = FILES.open(shell());
        if (file == null) {
            return null;
        }
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > 2_000_000) {
                throw new IOException("the file has " + bytes.length + " bytes; a template has at most 2,000,000");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            status.setText("Cannot import " + file.getFileName() + ": it is not a UTF-8 text file");
            return null;
        } catch (IOException e) {
            status.setText("Cannot import " + file.getFileName() + ": " + NamdRunnerUi.message(e));
            return null;
        }
        String name = file.getFileName().toString().replaceFirst("\\.(namd|namdt|conf)$", "");
        TemplateFile.Content content = TemplateFile.read(text);
        TemplateRecord saved = store(TemplateRecord.create(UUID.randomUUID().toString(), name, false, content.text()),
                content.origin(file.getFileName().toString()), false);
        if (saved != null) {
            status.setText("Imported " + file.getFileName() + " as '" + saved.name() + "'");
        }
        return saved;
    }

    /**
     * Saves the selected user template's open, changed editor after asking for a comment for the new revision (a
     * plain Ctrl+S saves without one).
     *
     * @return true when it was saved
     */
    boolean saveWithComment() {
        Entry e = selected();
        if (e == null || e.builtIn()) {
            return false;
        }
        IEditorPart editor = openEditor(e.id());
        if (editor == null || !editor.isDirty()) {
            status.setText("'" + e.name() + "' has no unsaved changes: edit it in the template editor first");
            return false;
        }
        InputDialog d = new InputDialog(shell(), SAVE_COMMENT_TITLE, "What changed in '" + e.name() + "'? (the comment of "
                + "its new revision)", "", s -> s != null && s.length() > 4000 ? "At most 4000 characters" : null);
        if (d.open() != Window.OK) {
            return false;
        }
        ((TemplateEditorInput) editor.getEditorInput()).nextComment(d.getValue());
        editor.doSave(new org.eclipse.core.runtime.NullProgressMonitor());
        return !editor.isDirty();
    }

    private IEditorPart openEditor(String id) {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        for (IEditorReference ref : page.getEditorReferences()) {
            try {
                if (ref.getEditorInput() instanceof TemplateEditorInput t && t.id().equals(id)) {
                    return ref.getEditor(true);
                }
            } catch (PartInitException ex) {
                // not our editor
            }
        }
        return null;
    }

    /** Shows the selected user template's revisions and the diff between two of them. */
    public void history() {
        Entry e = selected();
        if (e == null || e.builtIn()) {
            return;
        }
        try {
            List<TemplateRevision> revisions = NamdRunnerUi.store().templates().revisions(e.id());
            if (revisions.isEmpty()) {
                status.setText("'" + e.name() + "' has no revisions yet");
                return;
            }
            new TemplateHistoryDialog(shell(), e.name(), revisions, 0, 0).open();
        } catch (RuntimeException ex) {
            MessageDialog.openError(shell(), TemplateHistoryDialog.TITLE, "Cannot read the history of '" + e.name() + "': "
                    + NamdRunnerUi.message(ex));
        }
    }

    /** Writes the selected template to a .namd file, after a header line naming it and its revision. */
    public Path exportFile() {
        Entry e = selected();
        if (e == null) {
            return null;
        }
        String suggested = e.name().replaceAll("[^A-Za-z0-9._-]+", "_").toLowerCase(Locale.ROOT) + ".namd";
        Path file = FILES.save(shell(), suggested);
        if (file == null) {
            return null;
        }
        try {
            // a user template's stored text is its newest revision
            AtomicFiles.writeString(file, TemplateFile.write(e.text(), e.name(), e.id(), e.revision() > 0 ? e.revision() : null,
                    e.builtIn(), java.time.Instant.now()));
            status.setText("Exported '" + e.name() + "'" + (e.revision() > 0 ? " (revision " + e.revision() + ")" : "") + " to " + file);
            return file;
        } catch (IOException | RuntimeException ex) {
            status.setText("Cannot export '" + e.name() + "': " + NamdRunnerUi.message(ex));
            return null;
        }
    }


    @PreDestroy
    public void dispose() {
        TemplatesChanged.removeListener(listener);
    }

    // ---- for tests ----

    public TableViewer getViewer() {
        return viewer;
    }

    public Label getStatus() {
        return status;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Selects the template with this id. */
    public void select(String id) {
        refresh(id);
    }

    public Action getDuplicateAction() {
        return duplicateAction;
    }

    Action getRenameAction() {
        return renameAction;
    }

    public Action getDeleteAction() {
        return deleteAction;
    }

    Action getHistoryAction() {
        return historyAction;
    }
}

package org.namdrunner.ui.automations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
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
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.workflow.AutomationLibrary;
import org.namdrunner.workflow.WorkflowException;
import org.namdrunner.workflow.model.AutomationEdits;
import org.namdrunner.workflow.model.AutomationFormatException;
import org.namdrunner.workflow.model.AutomationModel;
import org.namdrunner.workflow.model.AutomationValidator;

/**
 * Automations view: the shipped automations (read-only, "Duplicate") and the user's automations from the
 * store (the ones {@code namdrunner automation import} adds); Duplicate, Import… (XMI, validated), Export…,
 * Delete… (confirmed); double-click opens the automation editor.
 */
public class AutomationsView {

    public static final String DELETE_TITLE = "Delete Automation";
    public static final String REPLACE_TITLE = "Replace Automation";
    public static final String SHIPPED = "Built-in";
    public static final String USER = "User";

    /** A row: a shipped or a user automation. */
    public record Entry(String id, String name, boolean shipped, EObject automation) {
        public int stages() {
            return AutomationModel.steps(automation).size();
        }
    }


    /** The file questions of this screen (asked through the FilePrompts service). */
    private static final FilePrompt FILES = new FilePrompt("Export Automation", "Import Automation", "*.xmi", "Automations (XMI)");

    private TableViewer viewer;
    private Label status;
    private final List<Entry> entries = new ArrayList<>();
    private final Runnable listener = this::refreshLater;
    private Action openAction;
    private Action duplicateAction;
    private Action deleteAction;
    private Action importAction;
    private Action exportAction;
    private Action runAction;

    @PostConstruct
    public void createControls(Composite parent) {
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = 0;
        gl.marginHeight = 0;
        gl.verticalSpacing = 2;
        parent.setLayout(gl);

        openAction = ViewParts.action("&Open", "Open the automation in the automation editor", this::open);
        duplicateAction = ViewParts.action("D&uplicate", "Copy the automation into a new automation you can edit", this::duplicate);
        deleteAction = ViewParts.action("&Delete\u2026\tDel", "Delete your automation", this::delete);
        importAction = ViewParts.action("&Import\u2026", "Add an automation from an XMI file (validated first)", this::importFile);
        exportAction = ViewParts.action("&Export\u2026", "Save the automation as an XMI file", this::exportFile);
        runAction = ViewParts.action("&Run\u2026", "Run the automation on a cluster profile: a job per stage, followed until all have finished",
                this::run);

        ViewParts.toolBar(parent, List.of(runAction, duplicateAction, importAction, exportAction, deleteAction), true);

        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("Name", 185, Entry::name, e -> (e.shipped() ? "Built-in automation: read-only, duplicate it to edit a copy\n"
                : "Your automation: double-click to edit\n") + "id: " + e.id());
        column("Kind", 60, e -> e.shipped() ? SHIPPED : USER, null);
        column("Stages", 50, e -> String.valueOf(e.stages()), null);
        org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.addDoubleClickListener(e -> open());
        viewer.addSelectionChangedListener(e -> updateActions());
        viewer.getTable().addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.DEL) {
                delete();
            }
        });

        MenuManager menu = new MenuManager();
        menu.add(openAction);
        menu.add(runAction);
        menu.add(new Separator());
        menu.add(duplicateAction);
        menu.add(deleteAction);
        menu.add(new Separator());
        menu.add(importAction);
        menu.add(exportAction);
        viewer.getTable().setMenu(menu.createContextMenu(viewer.getTable()));

        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Automations.addListener(listener);
        refresh(null);
    }

    private void column(String header, int width, java.util.function.Function<Entry, String> text,
            java.util.function.Function<Entry, String> tip) {
        ViewParts.textColumn(viewer, Entry.class, header, width, text, tip);
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

    /** Reads the automations again: shipped first, then the user's; selects {@code selectId}. */
    public void refresh(String selectId) {
        entries.clear();
        try {
            Automations.shipped().forEach((id, a) -> entries.add(new Entry(id, name(a), true, a)));
            Automations.user().forEach((id, a) -> entries.add(new Entry(id, name(a), false, a)));
            status.setText(String.format("%d built-in, %d of your own", entries.stream().filter(Entry::shipped).count(),
                    entries.stream().filter(e -> !e.shipped()).count()));
        } catch (RuntimeException e) {
            NamdRunnerUi.log(IStatus.ERROR, "Automations view: cannot read the automations", e);
            status.setText("Cannot read the automations: " + NamdRunnerUi.message(e));
        }
        viewer.setInput(entries);
        Entry sel = entries.stream().filter(e -> e.id().equals(selectId)).findFirst().orElse(null);
        viewer.setSelection(sel == null ? StructuredSelection.EMPTY : new StructuredSelection(sel), true);
        updateActions();
        status.getParent().layout(true);
    }

    private static String name(EObject a) {
        String n = AutomationModel.string(a, AutomationModel.AUTOMATION_NAME);
        return n == null || n.isBlank() ? AutomationModel.string(a, AutomationModel.AUTOMATION_ID) : n;
    }

    private Entry selected() {
        return (Entry) viewer.getStructuredSelection().getFirstElement();
    }

    private void updateActions() {
        Entry e = selected();
        openAction.setEnabled(e != null);
        // one label whatever is selected (a button that renames itself shifts the toolbar); the tooltip says more
        duplicateAction.setToolTipText(e != null && e.shipped()
                ? "Built-in automations are read-only: copy it into a new automation you can edit"
                : "Copy the automation into a new automation you can edit");
        duplicateAction.setEnabled(e != null);
        deleteAction.setEnabled(e != null && !e.shipped());
        exportAction.setEnabled(e != null);
        runAction.setEnabled(e != null);
    }

    private Shell shell() {
        return viewer.getTable().getShell();
    }

    // ---- actions ----

    /**
     * Runs the selected automation after asking where and how ({@link RunAutomationDialog}); an automation that is
     * not valid is refused with its problems. Returns the scheduled Eclipse job, or null.
     */
    public org.eclipse.core.runtime.jobs.Job run() {
        Entry e = selected();
        if (e == null) {
            return null;
        }
        List<String> problems = AutomationValidator.validate(e.automation(), Automations.registry());
        if (!problems.isEmpty()) {
            MessageDialog.openError(shell(), RunAutomationDialog.TITLE, "'" + e.name() + "' cannot run:\n\n"
                    + String.join("\n", problems));
            return null;
        }
        RunAutomationDialog d = new RunAutomationDialog(shell(), e.id(), e.automation(),
                org.namdrunner.ui.remote.WorkbenchSessions.registry().all());
        if (d.open() != org.eclipse.jface.window.Window.OK || d.request() == null) {
            return null;
        }
        return RunAutomation.schedule(d.request());
    }

    /** Opens the selected automation in the automation editor (read-only when shipped). */
    public IEditorPart open() {
        Entry e = selected();
        if (e == null) {
            return null;
        }
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        try {
            return page.openEditor(new AutomationEditorInput(e.id(), e.name(), e.shipped()), AutomationEditor.ID);
        } catch (PartInitException | RuntimeException ex) {
            NamdRunnerUi.log(IStatus.ERROR, "Cannot open automation " + e.id(), ex);
            MessageDialog.openError(shell(), "Open Automation", "Cannot open automation '" + e.name() + "': " + NamdRunnerUi.message(ex));
            return null;
        }
    }

    private List<String> ids() {
        return entries.stream().map(Entry::id).toList();
    }

    /** Copies the selected automation into a new user automation (new id, "(copy)" name) and opens it. */
    public String duplicate() {
        Entry e = selected();
        if (e == null) {
            return null;
        }
        String id = AutomationEdits.uniqueId(e.id() + "-copy", ids());
        String name = e.name() + " (copy)";
        for (int i = 2; containsName(name); i++) {
            name = e.name() + " (copy " + i + ")";
        }
        try {
            AutomationLibrary.importInto(NamdRunnerUi.store(), AutomationEdits.duplicate(e.automation(), id, name));
        } catch (WorkflowException | RuntimeException ex) {
            MessageDialog.openError(shell(), "Duplicate Automation", "Cannot store the copy of '" + e.name() + "': " + NamdRunnerUi.message(ex));
            return null;
        }
        refresh(id);
        Automations.fireChanged();
        open();
        return id;
    }

    private boolean containsName(String name) {
        return entries.stream().anyMatch(x -> x.name().equals(name));
    }

    /** Deletes the selected user automation after confirmation; its open editor is closed without saving. */
    public void delete() {
        Entry e = selected();
        if (e == null || e.shipped()) {
            return;
        }
        if (!MessageDialog.openConfirm(shell(), DELETE_TITLE, "Delete the automation '" + e.name() + "' (" + e.id()
                + ")?\n\nThis cannot be undone; export it first to keep a copy.")) {
            return;
        }
        closeEditors(e.id());
        try {
            AutomationLibrary.removeImported(NamdRunnerUi.store(), e.id());
            status.setText("Deleted '" + e.name() + "'");
        } catch (RuntimeException ex) {
            MessageDialog.openError(shell(), DELETE_TITLE, "Cannot delete '" + e.name() + "': " + NamdRunnerUi.message(ex));
        }
        refresh(null);
        Automations.fireChanged();
    }

    private static void closeEditors(String id) {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        for (IEditorReference ref : page.getEditorReferences()) {
            try {
                if (ref.getEditorInput() instanceof AutomationEditorInput a && a.id().equals(id) && !a.shipped()) {
                    page.closeEditors(new IEditorReference[] {ref}, false);
                }
            } catch (PartInitException ex) {
                // not our editor
            }
        }
    }

    /**
     * Reads an XMI file, validates it like {@code namdrunner automation import} and stores it as a user automation
     * (after confirmation when one with that id exists). Problems are shown in the view's status line.
     */
    public String importFile() {
        Path file = FILES.open(shell());
        if (file == null) {
            return null;
        }
        EObject a;
        try (InputStream in = Files.newInputStream(file)) {
            a = AutomationModel.load(in, file.getFileName().toString());
        } catch (AutomationFormatException ex) {
            return failImport(file, String.join("\n", ex.problems()));
        } catch (IOException ex) {
            return failImport(file, NamdRunnerUi.message(ex));
        }
        List<String> problems = AutomationValidator.validate(a, Automations.registry());
        if (!problems.isEmpty()) {
            return failImport(file, String.join("\n", problems));
        }
        String id = AutomationModel.string(a, AutomationModel.AUTOMATION_ID);
        Map<String, EObject> user = Automations.user();
        if (user.containsKey(id) && !MessageDialog.openQuestion(shell(), REPLACE_TITLE, "You already have an automation with the id '"
                + id + "'. Replace it with the one from " + file.getFileName() + "?")) {
            return null;
        }
        try {
            AutomationLibrary.importInto(NamdRunnerUi.store(), a);
        } catch (WorkflowException | RuntimeException ex) {
            return failImport(file, NamdRunnerUi.message(ex));
        }
        closeEditors(id);
        refresh(id);
        status.setText("Imported " + file.getFileName() + " as '" + name(a) + "'");
        Automations.fireChanged();
        return id;
    }

    private String failImport(Path file, String why) {
        status.setText("Cannot import " + file.getFileName() + ":\n" + why);
        status.getParent().layout(true);
        return null;
    }

    /** Writes the selected automation to an XMI file (the format {@code namdrunner automation export} writes). */
    public Path exportFile() {
        Entry e = selected();
        if (e == null) {
            return null;
        }
        Path file = FILES.save(shell(), e.id() + "." + AutomationModel.FILE_EXTENSION);
        if (file == null) {
            return null;
        }
        try {
            AtomicFiles.write(file, out -> AutomationModel.save(e.automation(), out));
            status.setText("Exported '" + e.name() + "' to " + file);
            return file;
        } catch (IOException | RuntimeException ex) {
            status.setText("Cannot export '" + e.name() + "': " + NamdRunnerUi.message(ex));
            return null;
        }
    }


    @PreDestroy
    public void dispose() {
        Automations.removeListener(listener);
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

    public void select(String id) {
        refresh(id);
    }

    public Action getDuplicateAction() {
        return duplicateAction;
    }

    Action getRunAction() {
        return runAction;
    }

    public Action getDeleteAction() {
        return deleteAction;
    }
}

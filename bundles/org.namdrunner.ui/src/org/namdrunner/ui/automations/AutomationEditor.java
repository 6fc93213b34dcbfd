package org.namdrunner.ui.automations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.StepDescriptor;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.workflow.AutomationLibrary;
import org.namdrunner.workflow.StageStep;
import org.namdrunner.workflow.WorkflowException;
import org.namdrunner.workflow.model.AutomationEdits;
import org.namdrunner.workflow.model.AutomationModel;

/**
 * Form editor of one automation: name and description, the ordered stages (id, step type / template, depends-on)
 * with Add/Remove/Move Up/Move Down, the selected stage's id, type, dependencies, parameters and template values
 * (key/value tables, edited in place), and the problems found by the workflow bundle's validator after every change.
 * Save (the button or Ctrl+S) stores a user automation in the store and is refused while there are problems;
 * shipped automations are shown read-only.
 */
public class AutomationEditor extends EditorPart {

    public static final String ID = "org.namdrunner.ui.editors.automation";

    private AutomationEditorInput input;
    private EObject model;
    private boolean readOnly;
    private boolean dirty;
    private boolean updating;
    private AutomationStepRegistry registry;
    private final Map<EObject, List<String>> unknownDependencies = new HashMap<>();
    private List<String> problems = List.of();

    private Text nameText;
    private Text descriptionText;
    private TableViewer stagesViewer;
    private Button addButton;
    private Button removeButton;
    private Button upButton;
    private Button downButton;
    private Group stageGroup;
    private Text stageIdText;
    private Text stageNameText;
    private Combo typeCombo;
    private Text dependsOnText;
    private TableViewer parametersViewer;
    private TableViewer valuesViewer;
    private final List<Button> parameterButtons = new ArrayList<>();
    private Label problemsLabel;
    private org.eclipse.swt.widgets.List problemsList;
    private Button saveButton;
    private Label status;

    @Override
    public void init(IEditorSite site, IEditorInput editorInput) throws PartInitException {
        if (!(editorInput instanceof AutomationEditorInput a)) {
            throw new PartInitException("Not an automation: " + editorInput);
        }
        setSite(site);
        setInput(editorInput);
        input = a;
        readOnly = a.shipped();
        EObject found;
        try {
            found = a.shipped() ? Automations.shipped().get(a.id()) : Automations.user().get(a.id());
        } catch (RuntimeException e) {
            throw new PartInitException("Cannot read automation '" + a.id() + "': " + NamdRunnerUi.message(e), e);
        }
        if (found == null) {
            throw new PartInitException("There is no " + (a.shipped() ? "built-in" : "saved") + " automation '" + a.id() + "'");
        }
        model = EcoreUtil.copy(found);
        registry = Automations.registry();
        setPartName(a.getName() + (readOnly ? " (read-only)" : ""));
        setTitleToolTip(a.getToolTipText());
    }

    @Override
    public void createPartControl(Composite parent) {
        // scrolls when the editor area is small; the stage tables keep a usable height
        ScrolledComposite scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        Composite root = new Composite(scroll, SWT.NONE);
        scroll.setContent(root);
        root.setLayout(new GridLayout(1, false));

        if (readOnly) {
            Label banner = new Label(root, SWT.WRAP);
            banner.setText("Built-in automation: read-only. Select it in the Automations view and use \"Duplicate\" to change a copy.");
            banner.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        }

        Composite head = new Composite(root, SWT.NONE);
        GridLayout hl = new GridLayout(2, false);
        hl.marginWidth = 0;
        hl.marginHeight = 0;
        head.setLayout(hl);
        head.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(head, SWT.NONE).setText("Id:");
        Label idLabel = new Label(head, SWT.NONE);
        idLabel.setText(AutomationModel.string(model, AutomationModel.AUTOMATION_ID));
        new Label(head, SWT.NONE).setText("&Name:");
        nameText = new Text(head, SWT.BORDER);
        nameText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        nameText.setText(nz(AutomationModel.string(model, AutomationModel.AUTOMATION_NAME)));
        nameText.addModifyListener(e -> edit(() -> model.eSet(AutomationModel.AUTOMATION_NAME, nameText.getText())));
        Label dl = new Label(head, SWT.NONE);
        dl.setText("&Description:");
        dl.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        descriptionText = new Text(head, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        GridData dgd = new GridData(SWT.FILL, SWT.TOP, true, false);
        dgd.heightHint = descriptionText.getLineHeight() * 3;
        dgd.widthHint = 400;
        descriptionText.setLayoutData(dgd);
        descriptionText.setText(nz(AutomationModel.string(model, AutomationModel.AUTOMATION_DESCRIPTION)));
        descriptionText.addModifyListener(e -> edit(() -> model.eSet(AutomationModel.AUTOMATION_DESCRIPTION, descriptionText.getText())));

        SashForm sash = new SashForm(root, SWT.HORIZONTAL);
        GridData sgd = new GridData(SWT.FILL, SWT.FILL, true, true);
        sgd.heightHint = 300;
        sash.setLayoutData(sgd);
        createStagesGroup(sash);
        createStageGroup(sash);
        sash.setWeights(45, 55);

        Composite bottom = new Composite(root, SWT.NONE);
        GridLayout bl = new GridLayout(2, false);
        bl.marginWidth = 0;
        bl.marginHeight = 0;
        bottom.setLayout(bl);
        bottom.setLayoutData(new GridData(SWT.FILL, SWT.BOTTOM, true, false));
        problemsLabel = new Label(bottom, SWT.NONE);
        problemsLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        saveButton = new Button(bottom, SWT.PUSH);
        saveButton.setText("&Save");
        saveButton.setToolTipText("Save the automation to your automations (Ctrl+S)");
        saveButton.setLayoutData(new GridData(SWT.RIGHT, SWT.TOP, false, false, 1, 2));
        saveButton.addListener(SWT.Selection, e -> doSave(null));
        problemsList = new org.eclipse.swt.widgets.List(bottom, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL | SWT.SINGLE);
        GridData pgd = new GridData(SWT.FILL, SWT.FILL, true, false);
        pgd.heightHint = problemsList.getItemHeight() * 3;
        problemsList.setLayoutData(pgd);
        problemsList.setForeground(problemsList.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        // the themes set list colours; their rule for this CSS class keeps the problems red (light and dark)
        problemsList.setData("org.eclipse.e4.ui.css.CssClassName", "problems");
        problemsList.reskin(SWT.NONE);
        status = new Label(bottom, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));

        if (readOnly) {
            for (Text t : List.of(nameText, descriptionText, stageIdText, stageNameText, dependsOnText)) {
                t.setEditable(false);
            }
            typeCombo.setEnabled(false);
            saveButton.setEnabled(false);
        }
        refreshStages(AutomationModel.steps(model).isEmpty() ? null : AutomationModel.steps(model).get(0));
        validate();
        scroll.setMinSize(root.computeSize(700, SWT.DEFAULT));
    }

    private void createStagesGroup(Composite parent) {
        Group g = new Group(parent, SWT.NONE);
        g.setText("Stages (in order)");
        g.setLayout(new GridLayout(2, false));
        Composite holder = new Composite(g, SWT.NONE);
        holder.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        stagesViewer = new TableViewer(holder, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        stagesViewer.getTable().setHeaderVisible(true);
        stagesViewer.getTable().setLinesVisible(true);
        stagesViewer.setContentProvider(ArrayContentProvider.getInstance());
        stageColumn("Stage", 95, s -> AutomationModel.string(s, AutomationModel.STEP_ID));
        stageColumn("Template / step", 185, AutomationEditor::stepLabel);
        stageColumn("Depends on", 110, s -> String.join(", ", dependsOnText(s)));
        fitColumns(holder, stagesViewer, 3, 5, 3);
        stagesViewer.addSelectionChangedListener(e -> showStage());

        Composite buttons = new Composite(g, SWT.NONE);
        GridLayout bl = new GridLayout(1, true);
        bl.marginWidth = 0;
        bl.marginHeight = 0;
        buttons.setLayout(bl);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        addButton = button(buttons, "&Add Stage", this::addStage);
        removeButton = button(buttons, "&Remove", this::removeStage);
        upButton = button(buttons, "Move &Up", () -> moveStage(-1));
        downButton = button(buttons, "Move Do&wn", () -> moveStage(1));
    }

    /** Columns share the table's width by weight (the table fills {@code holder}). */
    private static void fitColumns(Composite holder, TableViewer v, int... weights) {
        TableColumnLayout layout = new TableColumnLayout();
        for (int i = 0; i < weights.length; i++) {
            layout.setColumnData(v.getTable().getColumn(i), new ColumnWeightData(weights[i], 50));
        }
        holder.setLayout(layout);
    }

    private static String stepLabel(EObject s) {
        String type = AutomationModel.string(s, AutomationModel.STEP_TYPE);
        if (StageStep.ID.equals(type)) {
            String t = AutomationModel.parameters(s).get("template");
            return t == null || t.isBlank() ? "NAMD stage (no template)" : t;
        }
        return nz(type);
    }

    private List<String> dependsOnText(EObject s) {
        List<String> out = new ArrayList<>(AutomationModel.dependsOn(s));
        out.addAll(unknownDependencies.getOrDefault(s, List.of()));
        return out;
    }

    private void stageColumn(String header, int width, java.util.function.Function<EObject, String> text) {
        TableViewerColumn c = new TableViewerColumn(stagesViewer, SWT.LEFT);
        c.getColumn().setText(header);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((EObject) element);
            }
        });
    }

    private Button button(Composite parent, String text, Runnable run) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        b.addListener(SWT.Selection, e -> run.run());
        return b;
    }

    private void createStageGroup(Composite parent) {
        stageGroup = new Group(parent, SWT.NONE);
        stageGroup.setText("Stage");
        stageGroup.setLayout(new GridLayout(2, false));
        new Label(stageGroup, SWT.NONE).setText("Stage &id:");
        stageIdText = new Text(stageGroup, SWT.BORDER);
        stageIdText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        stageIdText.addModifyListener(e -> editStage(s -> s.eSet(AutomationModel.STEP_ID, stageIdText.getText().strip())));
        new Label(stageGroup, SWT.NONE).setText("Na&me:");
        stageNameText = new Text(stageGroup, SWT.BORDER);
        stageNameText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        stageNameText.addModifyListener(e -> editStage(s -> s.eSet(AutomationModel.STEP_NAME, stageNameText.getText())));
        new Label(stageGroup, SWT.NONE).setText("S&tep type:");
        typeCombo = new Combo(stageGroup, SWT.DROP_DOWN);
        typeCombo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        for (StepDescriptor d : registry.all()) {
            typeCombo.add(d.id());
        }
        typeCombo.addModifyListener(e -> editStage(s -> s.eSet(AutomationModel.STEP_TYPE, typeCombo.getText().strip())));
        new Label(stageGroup, SWT.NONE).setText("Depends &on:");
        dependsOnText = new Text(stageGroup, SWT.BORDER);
        dependsOnText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        dependsOnText.setMessage("stage ids, comma-separated; the first is the stage continued from");
        dependsOnText.setToolTipText("Stage ids, comma-separated; the first is the stage whose outputs this stage continues from");
        dependsOnText.addModifyListener(e -> editStage(s -> {
            List<String> unknown = AutomationEdits.setDependsOn(model, s, AutomationEdits.parseIds(dependsOnText.getText()));
            if (unknown.isEmpty()) {
                unknownDependencies.remove(s);
            } else {
                unknownDependencies.put(s, unknown);
            }
        }));

        Composite tables = new Composite(stageGroup, SWT.NONE);
        GridLayout tl = new GridLayout(2, true);
        tl.marginWidth = 0;
        tables.setLayout(tl);
        tables.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        parametersViewer = keyValueTable(tables, "Parameters (step settings)", AutomationModel.STEP_PARAMETERS);
        valuesViewer = keyValueTable(tables, "Template values", AutomationModel.STEP_VALUES);
    }

    private TableViewer keyValueTable(Composite parent, String title, EReference which) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout gl = new GridLayout(2, false);
        gl.marginWidth = 0;
        gl.marginHeight = 0;
        c.setLayout(gl);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Label l = new Label(c, SWT.NONE);
        l.setText(title);
        l.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        Composite holder = new Composite(c, SWT.NONE);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
        gd.heightHint = 120;
        gd.widthHint = 150;
        holder.setLayoutData(gd);
        TableViewer v = new TableViewer(holder, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        v.getTable().setHeaderVisible(true);
        v.getTable().setLinesVisible(true);
        v.setContentProvider(ArrayContentProvider.getInstance());
        kvColumn(v, "Key", 115, AutomationModel.PARAMETER_NAME);
        kvColumn(v, "Value", 160, AutomationModel.PARAMETER_VALUE);
        fitColumns(holder, v, 1, 1);
        Composite buttons = new Composite(c, SWT.NONE);
        GridLayout bl = new GridLayout(1, true);
        bl.marginWidth = 0;
        bl.marginHeight = 0;
        buttons.setLayout(bl);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        parameterButtons.add(button(buttons, "Add", () -> {
            EObject s = selectedStage();
            if (s != null) {
                String key = AutomationEdits.uniqueId("name", AutomationModel.list(s, which).stream()
                        .map(p -> AutomationModel.string(p, AutomationModel.PARAMETER_NAME)).toList());
                setParameter(which, key, "");
                EObject added = AutomationModel.list(s, which).get(AutomationModel.list(s, which).size() - 1);
                v.editElement(added, 0);
            }
        }));
        parameterButtons.add(button(buttons, "Remove", () -> {
            EObject s = selectedStage();
            EObject p = (EObject) v.getStructuredSelection().getFirstElement();
            if (s != null && p != null) {
                edit(() -> AutomationModel.list(s, which).remove(p));
                v.refresh();
            }
        }));
        return v;
    }

    private void kvColumn(TableViewer v, String header, int width, org.eclipse.emf.ecore.EAttribute attribute) {
        TableViewerColumn c = new TableViewerColumn(v, SWT.LEFT);
        c.getColumn().setText(header);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return nz(AutomationModel.string((EObject) element, attribute));
            }
        });
        c.setEditingSupport(new EditingSupport(v) {
            private final TextCellEditor editor = new TextCellEditor(v.getTable());

            @Override
            protected CellEditor getCellEditor(Object element) {
                return editor;
            }

            @Override
            protected boolean canEdit(Object element) {
                return !readOnly;
            }

            @Override
            protected Object getValue(Object element) {
                return nz(AutomationModel.string((EObject) element, attribute));
            }

            @Override
            protected void setValue(Object element, Object value) {
                String s = String.valueOf(value);
                if (!s.equals(getValue(element))) {
                    edit(() -> ((EObject) element).eSet(attribute, attribute == AutomationModel.PARAMETER_NAME ? s.strip() : s));
                    v.update(element, null);
                    stagesViewer.refresh();
                }
            }
        });
    }

    // ------------------------------------------------------------------ editing

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private void edit(Runnable change) {
        if (updating || readOnly) {
            return;
        }
        change.run();
        if (!dirty) {
            dirty = true;
            firePropertyChange(PROP_DIRTY);
        }
        validate();
    }

    private void editStage(java.util.function.Consumer<EObject> change) {
        EObject s = selectedStage();
        if (s != null) {
            edit(() -> change.accept(s));
            if (!updating && !readOnly) {
                stagesViewer.refresh();
            }
        }
    }

    private EObject selectedStage() {
        return stagesViewer == null ? null : (EObject) stagesViewer.getStructuredSelection().getFirstElement();
    }

    private void refreshStages(EObject select) {
        stagesViewer.setInput(AutomationModel.steps(model).toArray());
        stagesViewer.setSelection(select == null ? StructuredSelection.EMPTY : new StructuredSelection(select), true);
        showStage();
    }

    private void showStage() {
        EObject s = selectedStage();
        updating = true;
        try {
            stageGroup.setText(s == null ? "Stage" : "Stage '" + AutomationModel.string(s, AutomationModel.STEP_ID) + "'");
            stageIdText.setText(s == null ? "" : nz(AutomationModel.string(s, AutomationModel.STEP_ID)));
            stageNameText.setText(s == null ? "" : nz(AutomationModel.string(s, AutomationModel.STEP_NAME)));
            typeCombo.setText(s == null ? "" : nz(AutomationModel.string(s, AutomationModel.STEP_TYPE)));
            dependsOnText.setText(s == null ? "" : String.join(", ", dependsOnText(s)));
            parametersViewer.setInput(s == null ? new Object[0] : AutomationModel.list(s, AutomationModel.STEP_PARAMETERS).toArray());
            valuesViewer.setInput(s == null ? new Object[0] : AutomationModel.list(s, AutomationModel.STEP_VALUES).toArray());
        } finally {
            updating = false;
        }
        boolean editable = !readOnly && s != null;
        for (Text t : List.of(stageIdText, stageNameText, dependsOnText)) {
            t.setEnabled(s != null);
        }
        typeCombo.setEnabled(editable);
        removeButton.setEnabled(editable);
        int index = s == null ? -1 : AutomationModel.steps(model).indexOf(s);
        upButton.setEnabled(editable && index > 0);
        downButton.setEnabled(editable && index < AutomationModel.steps(model).size() - 1);
        addButton.setEnabled(!readOnly);
        for (Button b : parameterButtons) {
            b.setEnabled(editable);
        }
    }

    /** Appends a stage continuing from the last one and selects it. */
    EObject addStage() {
        if (readOnly) {
            return null;
        }
        EObject[] added = new EObject[1];
        edit(() -> added[0] = AutomationEdits.addStage(model));
        refreshStages(added[0]);
        return added[0];
    }

    /** Removes the selected stage (and every dependency on it). */
    public void removeStage() {
        EObject s = selectedStage();
        if (s == null || readOnly) {
            return;
        }
        int index = AutomationModel.steps(model).indexOf(s);
        edit(() -> {
            AutomationEdits.removeStep(model, s);
            unknownDependencies.remove(s);
        });
        List<EObject> steps = AutomationModel.steps(model);
        refreshStages(steps.isEmpty() ? null : steps.get(Math.min(index, steps.size() - 1)));
    }

    /** Moves the selected stage up (-1) or down (+1). */
    public void moveStage(int delta) {
        EObject s = selectedStage();
        if (s == null || readOnly) {
            return;
        }
        edit(() -> AutomationEdits.move(model, s, delta));
        refreshStages(s);
    }

    /** Sets a parameter ({@link AutomationModel#STEP_PARAMETERS}) or template value of the selected stage. */
    void setParameter(EReference which, String key, String value) {
        EObject s = selectedStage();
        if (s == null || readOnly) {
            return;
        }
        edit(() -> AutomationEdits.put(s, which, key, value));
        (which == AutomationModel.STEP_PARAMETERS ? parametersViewer : valuesViewer)
                .setInput(AutomationModel.list(s, which).toArray());
        stagesViewer.refresh();
    }

    private void validate() {
        Map<String, List<String>> unknown = new LinkedHashMap<>();
        unknownDependencies.forEach((s, ids) -> unknown.put(AutomationModel.string(s, AutomationModel.STEP_ID), ids));
        try {
            problems = AutomationEdits.check(model, registry, unknown);
        } catch (RuntimeException e) {
            problems = List.of("Cannot check the automation: " + NamdRunnerUi.message(e));
        }
        if (problemsList == null || problemsList.isDisposed()) {
            return;
        }
        problemsList.setItems(problems.toArray(String[]::new));
        problemsLabel.setText(problems.isEmpty() ? "No problems" + (readOnly ? "" : dirty ? ": ready to save" : "")
                : problems.size() + (problems.size() == 1 ? " problem" : " problems") + (readOnly ? "" : ": fix to save"));
        saveButton.setEnabled(!readOnly && dirty && problems.isEmpty());
        problemsLabel.getParent().layout(true);
    }

    // ------------------------------------------------------------------ EditorPart

    @Override
    public void doSave(IProgressMonitor monitor) {
        if (readOnly) {
            status.setText("A built-in automation is read-only: duplicate it in the Automations view to change a copy");
            cancel(monitor);
            return;
        }
        validate();
        if (!problems.isEmpty()) {
            status.setText("Not saved: fix the " + (problems.size() == 1 ? "problem" : problems.size() + " problems") + " first");
            cancel(monitor);
            return;
        }
        try {
            AutomationLibrary.importInto(NamdRunnerUi.store(), model);
        } catch (WorkflowException | RuntimeException e) {
            NamdRunnerUi.log(IStatus.ERROR, "Cannot save automation " + input.id(), e);
            status.setText("Not saved: " + NamdRunnerUi.message(e));
            cancel(monitor);
            return;
        }
        dirty = false;
        firePropertyChange(PROP_DIRTY);
        String name = AutomationModel.string(model, AutomationModel.AUTOMATION_NAME);
        setPartName(name);
        status.setText("Saved");
        validate();
        Automations.fireChanged();
    }

    private static void cancel(IProgressMonitor monitor) {
        if (monitor != null) {
            monitor.setCanceled(true);
        }
    }

    @Override
    public void doSaveAs() {
        // not supported: duplicate in the Automations view
    }

    @Override
    public boolean isDirty() {
        return dirty;
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public void setFocus() {
        if (nameText != null && !nameText.isDisposed()) {
            nameText.setFocus();
        }
    }

    // ------------------------------------------------------------------ for tests

    public EObject model() {
        return model;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public Text getNameText() {
        return nameText;
    }

    TableViewer getStagesViewer() {
        return stagesViewer;
    }

    Text getStageIdText() {
        return stageIdText;
    }

    Text getDependsOnText() {
        return dependsOnText;
    }

    public Button getAddButton() {
        return addButton;
    }

    Button getSaveButton() {
        return saveButton;
    }

    org.eclipse.swt.widgets.List getProblemsList() {
        return problemsList;
    }

    public Label getStatus() {
        return status;
    }

    /** Selects the stage with this id. */
    void selectStage(String id) {
        EObject s = AutomationEdits.find(model, id);
        stagesViewer.setSelection(s == null ? StructuredSelection.EMPTY : new StructuredSelection(s), true);
    }
}

package org.namdrunner.ui.wizards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.namdrunner.automation.draft.JobDraft;
import org.namdrunner.template.model.Declaration;
import org.namdrunner.template.model.ValueChecks;
import org.namdrunner.template.model.VariableType;
import org.namdrunner.template.render.TemplateRenderer;
import org.namdrunner.workflow.Sweep;

/**
 * The sweep page: up to {@link #ROWS} template variables, each with a comma-separated list of values (every value
 * checked against the variable's {@code #@var} declaration), GRID (every combination) or LIST (i-th values together),
 * and a live preview of the jobs ({@link Sweep#expand}: their systematic names and values). The other variables
 * keep the values of the Configure page.
 */
public class SweepPage extends WizardPage {

    public static final String PAGE_NAME = "sweep";
    /** Number of variable rows. */
    public static final int ROWS = 3;
    static final String NONE = "(none)";
    /** Previews longer than this show the first rows only. */
    static final int PREVIEW_LIMIT = 500;
    /** Sweeps up to this size have every job's config rendered and checked while typing. */
    static final int RENDER_CHECK_LIMIT = 50;

    private final JobDraft draft;
    private final Combo[] variableCombos = new Combo[ROWS];
    private final Text[] valueTexts = new Text[ROWS];
    private Button gridButton;
    private Button listButton;
    private Table preview;
    private Label countLabel;
    private List<Declaration> shownDeclarations = List.of();
    private List<Sweep.Point> points = List.of();
    private Map<String, List<String>> variables = Map.of();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, List<String>> renderCache = new java.util.HashMap<>();

    SweepPage(JobDraft draft) {
        super(PAGE_NAME);
        this.draft = draft;
        setTitle("Sweep");
        setDescription("Choose the variables to vary and their values (comma-separated); one job per point.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        for (int i = 0; i < ROWS; i++) {
            new Label(c, SWT.NONE).setText("Variable &" + (i + 1) + ":");
            variableCombos[i] = new Combo(c, SWT.READ_ONLY);
            GridData cd = new GridData(SWT.FILL, SWT.CENTER, false, false);
            cd.widthHint = 290;
            variableCombos[i].setLayoutData(cd);
            valueTexts[i] = new Text(c, SWT.BORDER);
            valueTexts[i].setMessage("values, e.g. 300, 310, 320");
            valueTexts[i].setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            variableCombos[i].addListener(SWT.Selection, e -> update());
            valueTexts[i].addListener(SWT.Modify, e -> update());
        }
        new Label(c, SWT.NONE).setText("Mode:");
        Composite modes = new Composite(c, SWT.NONE);
        GridLayout ml = new GridLayout(2, false);
        ml.marginWidth = 0;
        ml.marginHeight = 0;
        modes.setLayout(ml);
        modes.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        gridButton = new Button(modes, SWT.RADIO);
        gridButton.setText("&Grid (every combination)");
        gridButton.setSelection(true);
        listButton = new Button(modes, SWT.RADIO);
        listButton.setText("&List (the i-th values together)");
        gridButton.addListener(SWT.Selection, e -> update());
        listButton.addListener(SWT.Selection, e -> update());

        countLabel = new Label(c, SWT.NONE);
        countLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        preview = new Table(c, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        preview.setHeaderVisible(true);
        preview.setLinesVisible(true);
        GridData pd = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
        pd.heightHint = 220;
        preview.setLayoutData(pd);
        setControl(c);
        update();
    }

    @Override
    public void setVisible(boolean visible) {
        if (visible) {
            refreshVariables();
        }
        super.setVisible(visible);
    }

    /** Fills the variable choices from the template chosen on the Configure page (keeps the choices made). */
    void refreshVariables() {
        List<Declaration> decls = draft.declarations().stream().filter(d -> d.type() != VariableType.FILE).toList();
        if (decls.equals(shownDeclarations)) {
            update();
            return;
        }
        shownDeclarations = decls;
        for (Combo combo : variableCombos) {
            String old = combo.getSelectionIndex() > 0 ? shownName(combo) : null;
            combo.removeAll();
            combo.add(NONE);
            decls.forEach(d -> combo.add(label(d)));
            combo.select(0);
            for (int j = 0; old != null && j < decls.size(); j++) {
                if (decls.get(j).name().equals(old)) {
                    combo.select(j + 1);
                }
            }
        }
        update();
    }

    private String shownName(Combo combo) {
        String item = combo.getItem(combo.getSelectionIndex());
        int dash = item.indexOf(" \u2014 ");
        return dash < 0 ? item : item.substring(0, dash);
    }

    /** "temperature — Temperature (K)": the name (as in the job names) first. */
    private static String label(Declaration d) {
        return d.label() == null || d.label().isBlank() ? d.name() : d.name() + " \u2014 " + d.label();
    }

    /** Selects a variable in a row by its name; false when the template does not declare it. */
    boolean selectVariable(int row, String name) {
        for (int j = 0; j < shownDeclarations.size(); j++) {
            if (shownDeclarations.get(j).name().equals(name)) {
                variableCombos[row].select(j + 1);
                update();
                return true;
            }
        }
        return false;
    }

    /** Rechecks the values and rebuilds the preview. */
    void update() {
        if (preview == null) {
            return;
        }
        problems.clear();
        Map<String, List<String>> vars = new LinkedHashMap<>();
        for (int i = 0; i < ROWS; i++) {
            int sel = variableCombos[i].getSelectionIndex();
            valueTexts[i].setEnabled(sel > 0);
            if (sel <= 0) {
                continue;
            }
            Declaration d = shownDeclarations.get(sel - 1);
            String label = d.label() == null || d.label().isBlank() ? d.name() : d.label();
            if (vars.containsKey(d.name())) {
                problems.add(label + " is chosen twice");
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String v : valueTexts[i].getText().split(",")) {
                String value = v.strip();
                if (value.isEmpty()) {
                    continue;
                }
                String err = ValueChecks.checkVariableValue(d, value);
                if (err != null) {
                    problems.add(label + ": " + err + describe(d));
                } else if (values.contains(value)) {
                    problems.add(label + ": " + value + " is given twice");
                } else {
                    values.add(value);
                }
            }
            if (values.isEmpty()) {
                problems.add(label + ": give one or more values, separated by commas");
            }
            vars.put(d.name(), values);
        }
        if (vars.isEmpty()) {
            problems.add("Choose a variable to sweep and give its values");
        }
        variables = vars;
        points = List.of();
        if (problems.isEmpty()) {
            try {
                points = Sweep.expand(draft.name().strip(), draft.templateValues(), vars, mode());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (problems.isEmpty() && points.size() <= RENDER_CHECK_LIMIT && draft.template() != null) {
            // values that are fine alone can still make an invalid config together (e.g. a switching distance
            // beyond the cutoff): every point's config is rendered and checked (Finish checks larger sweeps)
            for (Sweep.Point p : points) {
                List<String> errors = renderCache.computeIfAbsent(draft.template().id() + p.values(),
                        k -> TemplateRenderer.render(draft.template().text(), draft.template().id(), p.values()).errors());
                errors.forEach(e -> problems.add(p.name() + ": " + e));
            }
            if (!problems.isEmpty()) {
                points = List.of();
            }
        }
        fillPreview(new ArrayList<>(vars.keySet()));
        if (problems.isEmpty()) {
            setErrorMessage(null);
            setMessage(points.size() + (points.size() == 1 ? " job" : " jobs") + " will be created and submitted as one group.",
                    IMessageProvider.INFORMATION);
        } else {
            setErrorMessage(problems.get(0));
        }
        setPageComplete(problems.isEmpty() && !points.isEmpty());
    }

    private static String describe(Declaration d) {
        if (d.min() == null && d.max() == null) {
            return "";
        }
        return " (allowed: " + (d.min() == null ? "\u2212\u221e" : ValueChecks.fmt(d.min())) + " to "
                + (d.max() == null ? "\u221e" : ValueChecks.fmt(d.max())) + ")";
    }

    private void fillPreview(List<String> names) {
        preview.setRedraw(false);
        try {
            preview.removeAll();
            for (TableColumn col : preview.getColumns()) {
                col.dispose();
            }
            TableColumn nc = new TableColumn(preview, SWT.LEFT);
            nc.setText("Job name");
            nc.setWidth(200);
            for (String n : names) {
                TableColumn col = new TableColumn(preview, SWT.LEFT);
                col.setText(n);
                col.setWidth(130);
            }
            for (Sweep.Point p : points.subList(0, Math.min(points.size(), PREVIEW_LIMIT))) {
                TableItem item = new TableItem(preview, SWT.NONE);
                item.setText(0, p.name());
                for (int i = 0; i < names.size(); i++) {
                    item.setText(i + 1, p.values().getOrDefault(names.get(i), ""));
                }
            }
            if (!points.isEmpty()) {
                nc.pack();
                nc.setWidth(Math.max(200, nc.getWidth() + 12));
            }
            countLabel.setText(points.isEmpty() ? "Preview:" : points.size() > PREVIEW_LIMIT
                    ? "Preview (first " + PREVIEW_LIMIT + " of " + points.size() + " jobs):" : "Preview (" + points.size() + " jobs):");
        } finally {
            preview.setRedraw(true);
        }
    }

    public Sweep.Mode mode() {
        return listButton != null && listButton.getSelection() ? Sweep.Mode.LIST : Sweep.Mode.GRID;
    }

    /** The swept variables and their (checked) values, in row order. */
    public Map<String, List<String>> variables() {
        return variables;
    }

    /** The jobs of the sweep as previewed (empty while there are problems). */
    public List<Sweep.Point> points() {
        return points;
    }

    /** The messages shown now: the page's error message first. */
    public List<String> shownProblems() {
        return List.copyOf(problems);
    }

    // widgets for tests (driven directly, without SWTBot)
    Combo variableCombo(int row) {
        return variableCombos[row];
    }

    public Text valuesText(int row) {
        return valueTexts[row];
    }

    Button gridButton() {
        return gridButton;
    }

    Button listButton() {
        return listButton;
    }

    Table previewTable() {
        return preview;
    }
}

package org.namdrunner.ui.wizards;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.namdrunner.automation.draft.InputFileType;
import org.namdrunner.automation.draft.JobDraft;
import org.namdrunner.automation.draft.TemplateChoice;
import org.namdrunner.template.model.Declaration;
import org.namdrunner.template.model.ValueChecks;
import org.namdrunner.template.render.RenderResult;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * Page 2: the template and a form generated from its {@code #@var} declarations — a spinner for Integer, a text
 * field for Number and Text (range shown beside it), a check box for Boolean, a file chooser for File (allowed
 * endings, detected file type and size shown) — each with its label and the declaration's help as tooltip. Every
 * change renders the config with the template language and lists its problems.
 */
public class ConfigurePage extends WizardPage {

    public static final String PAGE_NAME = "configure";

    private final JobDraft draft;
    private final List<TemplateChoice> templates = new ArrayList<>();
    private final Map<String, Control> inputs = new LinkedHashMap<>();
    private final Map<String, Label> notes = new LinkedHashMap<>();

    private Combo templateCombo;
    private ScrolledComposite scroller;
    private Composite form;
    private Table problems;
    private Button filesOnCluster;

    ConfigurePage(JobDraft draft) {
        super(PAGE_NAME);
        this.draft = draft;
        setTitle("Configure");
        setDescription("Choose a template and fill in its values; input files are uploaded with the job.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        new Label(c, SWT.NONE).setText("&Template:");
        templateCombo = new Combo(c, SWT.READ_ONLY);
        templateCombo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        try {
            templates.addAll(TemplateChoice.all(NamdRunnerUi.store()));
        } catch (RuntimeException e) {
            templates.addAll(TemplateChoice.builtIns());
            setErrorMessage("Cannot read your templates: " + NamdRunnerUi.message(e));
        }
        templates.forEach(t -> templateCombo.add(t.label()));

        scroller = new ScrolledComposite(c, SWT.V_SCROLL | SWT.BORDER);
        GridData sd = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        sd.heightHint = 280;
        scroller.setLayoutData(sd);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);

        Label pl = new Label(c, SWT.NONE);
        pl.setText("Problems:");
        pl.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));
        problems = new Table(c, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        GridData pd = new GridData(SWT.FILL, SWT.FILL, true, false, 2, 1);
        pd.heightHint = 84;
        problems.setLayoutData(pd);
        new TableColumn(problems, SWT.LEFT).setWidth(2000);
        filesOnCluster = new Button(c, SWT.CHECK);
        filesOnCluster.setText(JobDraft.FILES_ON_CLUSTER_LABEL + " (submit anyway)");
        filesOnCluster.setToolTipText("Without a local file, the config names a file that is not uploaded; NAMD stops at "
                + "start-up unless it is already in the job's input folder on the cluster.");
        filesOnCluster.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));
        filesOnCluster.setSelection(draft.filesOnCluster());
        filesOnCluster.addListener(SWT.Selection, e -> {
            draft.filesOnCluster(filesOnCluster.getSelection());
            validate();
        });

        templateCombo.addListener(SWT.Selection, e -> templateChanged());
        setControl(c);
        if (!templates.isEmpty()) {
            templateCombo.select(0);
            templateChanged();
        }
    }

    /** Selects a template by id; false when there is none. */
    boolean selectTemplate(String id) {
        for (int i = 0; i < templates.size(); i++) {
            if (templates.get(i).id().equals(id)) {
                templateCombo.select(i);
                templateChanged();
                return true;
            }
        }
        return false;
    }

    private void templateChanged() {
        int i = templateCombo.getSelectionIndex();
        draft.template(i < 0 ? null : templates.get(i));
        buildForm();
        validate();
    }

    private void buildForm() {
        if (form != null) {
            form.dispose();
        }
        inputs.clear();
        notes.clear();
        form = new Composite(scroller, SWT.NONE);
        GridLayout gl = new GridLayout(4, false);
        gl.verticalSpacing = 4;
        form.setLayout(gl);
        for (Declaration d : draft.declarations()) {
            if (d.type() == null) {
                continue;
            }
            Label l = new Label(form, SWT.NONE);
            l.setText(labelOf(d) + ":");
            l.setToolTipText(d.documentation());
            Control input;
            Button browse = null;
            switch (d.type()) {
                case BOOLEAN -> {
                    Button b = new Button(form, SWT.CHECK);
                    b.setSelection(Boolean.TRUE.equals(ValueChecks.booleanValue(draft.value(d.name()))));
                    if (!ValueChecks.isBoolean(draft.value(d.name()).strip())) {
                        draft.value(d.name(), b.getSelection() ? "on" : "off"); // what the box shows is the value
                    }
                    b.addListener(SWT.Selection, e -> {
                        draft.value(d.name(), b.getSelection() ? "on" : "off");
                        validate();
                    });
                    input = b;
                }
                case INTEGER -> {
                    Spinner s = new Spinner(form, SWT.BORDER);
                    int min = d.min() == null ? -999_999_999 : (int) Math.max(Integer.MIN_VALUE, Math.ceil(d.min()));
                    int max = d.max() == null ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, Math.floor(d.max()));
                    int value;
                    boolean shown;
                    try {
                        value = Integer.parseInt(draft.value(d.name()).strip());
                        shown = value >= min && value <= max;
                    } catch (NumberFormatException e) {
                        value = Math.max(min, Math.min(max, 0));
                        shown = false;
                    }
                    s.setValues(Math.max(min, Math.min(max, value)), min, max, 0, 1, 100);
                    if (!shown) {
                        draft.value(d.name(), Integer.toString(s.getSelection())); // what the spinner shows is the value
                    }
                    s.addModifyListener(e -> {
                        draft.value(d.name(), s.getText().strip());
                        validate();
                    });
                    input = s;
                }
                case FILE -> {
                    Text t = new Text(form, SWT.BORDER);
                    Path chosen = draft.file(d.name());
                    t.setText(chosen == null ? draft.value(d.name()) : chosen.toString());
                    t.setMessage("choose a local file");
                    t.addModifyListener(e -> {
                        fileTyped(d, t.getText());
                        if (!t.isFocusControl()) {
                            t.setSelection(t.getText().length()); // show the file name end of a long path
                        }
                        validate();
                    });
                    browse = new Button(form, SWT.PUSH);
                    browse.setText("Browse\u2026");
                    browse.setToolTipText("Choose the local file to upload for " + labelOf(d));
                    browse.addListener(SWT.Selection, e -> {
                        FileDialog fd = new FileDialog(getShell(), SWT.OPEN);
                        fd.setText(labelOf(d));
                        if (!d.extensions().isEmpty()) {
                            fd.setFilterExtensions(new String[] {
                                    String.join(";", d.extensions().stream().map(x -> "*" + x).toList()), "*" });
                            fd.setFilterNames(new String[] { String.join(", ", d.extensions()) + " files", "All files" });
                        }
                        String f = fd.open();
                        if (f != null) {
                            t.setText(f);
                        }
                    });
                    input = t;
                }
                default -> {
                    Text t = new Text(form, SWT.BORDER);
                    t.setText(draft.value(d.name()));
                    t.addModifyListener(e -> {
                        draft.value(d.name(), t.getText());
                        validate();
                    });
                    input = t;
                }
            }
            input.setToolTipText(d.documentation());
            GridData gd = new GridData(d.type() == org.namdrunner.template.model.VariableType.BOOLEAN ? SWT.LEFT : SWT.FILL,
                    SWT.CENTER, true, false, browse == null ? 2 : 1, 1);
            gd.widthHint = 200;
            input.setLayoutData(gd);
            inputs.put(d.name(), input);
            Label note = new Label(form, SWT.NONE);
            GridData nd = new GridData(SWT.FILL, SWT.CENTER, false, false);
            nd.widthHint = 190;
            note.setLayoutData(nd);
            note.setForeground(form.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            notes.put(d.name(), note);
            updateNote(d);
        }
        if (draft.declarations().isEmpty()) {
            Label l = new Label(form, SWT.WRAP);
            l.setText(draft.template() == null ? "" : "This template declares no variables (#@var): it is used as it is.");
        }
        scroller.setContent(form);
        Point size = form.computeSize(SWT.DEFAULT, SWT.DEFAULT);
        scroller.setMinSize(size);
        scroller.layout(true, true);
    }

    private void fileTyped(Declaration d, String text) {
        String v = text.strip();
        if (v.contains("/") || v.contains(java.io.File.separator)) {
            Path p;
            try {
                p = Path.of(v);
            } catch (RuntimeException e) {
                draft.file(d.name(), null);
                draft.value(d.name(), v);
                return;
            }
            draft.file(d.name(), p);
        } else {
            draft.file(d.name(), null);
            draft.value(d.name(), v);
        }
    }

    private void updateNote(Declaration d) {
        Label note = notes.get(d.name());
        if (note == null) {
            return;
        }
        String text;
        switch (d.type()) {
            case NUMBER, INTEGER -> text = d.min() == null && d.max() == null ? ""
                    : (d.min() == null ? "\u2212\u221e" : ValueChecks.fmt(d.min())) + " \u2013 "
                            + (d.max() == null ? "\u221e" : ValueChecks.fmt(d.max()));
            case FILE -> {
                Path p = draft.file(d.name());
                if (p == null) {
                    text = (d.extensions().isEmpty() ? "any file" : String.join(", ", d.extensions())) + ", not uploaded";
                } else {
                    InputFileType t = InputFileType.of(p.getFileName().toString());
                    String size;
                    try {
                        size = ReviewPage.humanSize(Files.size(p));
                    } catch (Exception e) {
                        size = "missing";
                    }
                    text = t.label() + ", " + size;
                }
            }
            default -> text = "";
        }
        note.setText(text);
        note.setToolTipText(text);
    }

    /** Renders with the current values and lists every problem (errors first, then notes). */
    void validate() {
        draft.declarations().forEach(this::updateNote);
        List<String> errors = draft.configurationProblems();
        List<String> warnings = new ArrayList<>(draft.filesOnCluster() ? draft.fileWarnings() : List.of());
        RenderResult r = draft.template() == null ? null : draft.render();
        if (r != null) {
            warnings.addAll(r.warnings());
        }
        warnings.addAll(draft.inputWarnings());
        problems.removeAll();
        for (String e : errors) {
            TableItem it = new TableItem(problems, SWT.NONE);
            it.setText(e);
            it.setImage(errorImage());
        }
        for (String w : warnings) {
            TableItem it = new TableItem(problems, SWT.NONE);
            it.setText(w);
            it.setImage(warningImage());
        }
        if (errors.isEmpty() && warnings.isEmpty()) {
            new TableItem(problems, SWT.NONE).setText("No problems: the config renders and validates.");
        }
        if (!errors.isEmpty()) {
            setErrorMessage(errors.get(0));
        } else {
            setErrorMessage(null);
            setMessage(warnings.isEmpty() ? "The config renders and validates." : warnings.size()
                    + (warnings.size() == 1 ? " note" : " notes") + " below.", warnings.isEmpty() ? IMessageProvider.INFORMATION
                            : IMessageProvider.WARNING);
        }
        setPageComplete(errors.isEmpty());
    }

    private org.eclipse.swt.graphics.Image errorImage() {
        return org.eclipse.ui.PlatformUI.getWorkbench().getSharedImages().getImage(org.eclipse.ui.ISharedImages.IMG_OBJS_ERROR_TSK);
    }

    private org.eclipse.swt.graphics.Image warningImage() {
        return org.eclipse.ui.PlatformUI.getWorkbench().getSharedImages().getImage(org.eclipse.ui.ISharedImages.IMG_OBJS_WARN_TSK);
    }

    static String labelOf(Declaration d) {
        return d.label() == null || d.label().isBlank() ? d.name() : d.label();
    }

    // for tests
    public Combo templateCombo() {
        return templateCombo;
    }

    /** The input widget of a variable (Text, Spinner or Button). */
    public Control input(String variable) {
        return inputs.get(variable);
    }

    public Label note(String variable) {
        return notes.get(variable);
    }

    /** The problem lines shown now. */
    /** The "files already on the cluster (submit anyway)" check box. */
    Button filesOnClusterButton() {
        return filesOnCluster;
    }

    public List<String> shownProblems() {
        List<String> out = new ArrayList<>();
        for (TableItem it : problems.getItems()) {
            out.add(it.getText());
        }
        return out;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

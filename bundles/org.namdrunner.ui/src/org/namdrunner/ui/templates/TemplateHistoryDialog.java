package org.namdrunner.ui.templates;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.namdrunner.core.model.TemplateRevision;
import org.namdrunner.core.text.LineDiff;
import org.namdrunner.ui.jobs.JobFormat;

/**
 * The revisions of a user template (number, when, who, comment) and a unified diff between two of them. Selecting a
 * revision compares it with the one before; the two lists choose any pair. Opened by History… in the Templates view
 * and by "Show changes since" in a job editor (then comparing the job's revision with the newest).
 */
public final class TemplateHistoryDialog extends TitleAreaDialog {

    public static final String TITLE = "Template History";
    /** Lines of unchanged text around each change in the diff. */
    static final int CONTEXT = 3;

    private final String templateName;
    private final List<TemplateRevision> revisions;
    private final int initialFrom;
    private final int initialTo;
    private TableViewer table;
    private Combo fromCombo;
    private Combo toCombo;
    private StyledText diff;

    /**
     * @param revisions the template's revisions, oldest first (at least one)
     * @param from      revision number compared first (0: the one before the newest)
     * @param to        revision number compared with it (0: the newest)
     */
    public TemplateHistoryDialog(Shell parent, String templateName, List<TemplateRevision> revisions, int from, int to) {
        super(parent);
        if (revisions.isEmpty()) {
            throw new IllegalArgumentException("Template '" + templateName + "' has no revisions");
        }
        this.templateName = templateName;
        this.revisions = List.copyOf(revisions);
        int newest = revisions.get(revisions.size() - 1).number();
        this.initialTo = to > 0 ? to : newest;
        this.initialFrom = from > 0 ? from : Math.max(revisions.get(0).number(), initialTo - 1);
        setShellStyle(getShellStyle() | SWT.RESIZE | SWT.MAX);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected org.eclipse.swt.graphics.Point getInitialSize() {
        return new org.eclipse.swt.graphics.Point(900, 700);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("History of '" + templateName + "'");
        setMessage(revisions.size() == 1 ? "One revision: every save that changes the text adds the next one."
                : revisions.size() + " revisions. Select one to see what it changed, or choose two to compare.");
        SashForm sash = new SashForm(area, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        table = new TableViewer(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("Revision", 70, r -> String.valueOf(r.number()));
        column("When", 150, r -> JobFormat.time(r.at()));
        column("Who", 110, r -> r.author().isEmpty() ? "(unknown)" : r.author());
        column("Comment", 480, TemplateRevision::comment);
        List<TemplateRevision> newestFirst = new ArrayList<>(revisions);
        java.util.Collections.reverse(newestFirst);
        table.setInput(newestFirst);
        table.addSelectionChangedListener(e -> {
            if (table.getStructuredSelection().getFirstElement() instanceof TemplateRevision r) {
                int before = revisions.stream().mapToInt(TemplateRevision::number).filter(n -> n < r.number()).max().orElse(r.number());
                compare(before, r.number());
            }
        });

        Composite bottom = new Composite(sash, SWT.NONE);
        bottom.setLayout(new GridLayout(5, false));
        new Label(bottom, SWT.NONE).setText("Compare revision");
        fromCombo = combo(bottom);
        new Label(bottom, SWT.NONE).setText("with");
        toCombo = combo(bottom);
        new Label(bottom, SWT.NONE).setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        diff = new StyledText(bottom, SWT.BORDER | SWT.READ_ONLY | SWT.MULTI | SWT.H_SCROLL | SWT.V_SCROLL);
        diff.setFont(JFaceResources.getTextFont());
        diff.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 5, 1));
        fromCombo.addListener(SWT.Selection, e -> showDiff());
        toCombo.addListener(SWT.Selection, e -> showDiff());
        sash.setWeights(1, 3);
        compare(initialFrom, initialTo);
        return area;
    }

    private Combo combo(Composite parent) {
        Combo c = new Combo(parent, SWT.READ_ONLY);
        for (TemplateRevision r : revisions) {
            c.add(String.valueOf(r.number()));
        }
        return c;
    }

    private void column(String header, int width, java.util.function.Function<TemplateRevision, String> text) {
        TableViewerColumn col = new TableViewerColumn(table, SWT.NONE);
        col.getColumn().setText(header);
        col.getColumn().setWidth(width);
        col.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((TemplateRevision) element);
            }
        });
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        } else {
            super.buttonPressed(buttonId);
        }
    }

    /** Shows the diff from revision {@code from} to revision {@code to}. */
    public void compare(int from, int to) {
        fromCombo.select(index(from));
        toCombo.select(index(to));
        showDiff();
    }

    private int index(int number) {
        for (int i = 0; i < revisions.size(); i++) {
            if (revisions.get(i).number() == number) {
                return i;
            }
        }
        return revisions.size() - 1;
    }

    private void showDiff() {
        TemplateRevision a = revisions.get(Math.max(0, fromCombo.getSelectionIndex()));
        TemplateRevision b = revisions.get(Math.max(0, toCombo.getSelectionIndex()));
        String u = LineDiff.unified(a.text(), b.text(), "revision " + a.number(), "revision " + b.number(), CONTEXT);
        if (u.isEmpty()) {
            u = a.number() == b.number() ? "(the same revision: choose another to compare with)"
                    : "(revisions " + a.number() + " and " + b.number() + " have the same text)";
        }
        diff.setText(u);
        color(diff);
    }

    /** Colours the diff's lines: added green, removed red, hunk headers blue (lighter shades on a dark background). */
    static void color(StyledText text) {
        RGB bg = text.getBackground().getRGB();
        boolean dark = bg.red * 0.299 + bg.green * 0.587 + bg.blue * 0.114 < 128;
        Color added = new Color(dark ? new RGB(130, 220, 130) : new RGB(0, 120, 0));
        Color removed = new Color(dark ? new RGB(240, 130, 130) : new RGB(170, 0, 0));
        Color hunk = new Color(dark ? new RGB(130, 170, 250) : new RGB(0, 70, 170));
        List<StyleRange> ranges = new ArrayList<>();
        String s = text.getText();
        int start = 0;
        int line = 0;
        while (start < s.length()) {
            int end = s.indexOf('\n', start);
            end = end < 0 ? s.length() : end;
            // the first two lines are the ---/+++ file names, not changes
            Color c = line++ < 2 ? null : s.startsWith("+", start) ? added : s.startsWith("-", start) ? removed
                    : s.startsWith("@@", start) ? hunk : null;
            if (c != null && end > start) {
                ranges.add(new StyleRange(start, end - start, c, null));
            }
            start = end + 1;
        }
        text.setStyleRanges(ranges.toArray(StyleRange[]::new));
    }

    // ---- for tests ----

    /** The rows of the revision table, newest first. */
    public List<TemplateRevision> rows() {
        List<TemplateRevision> out = new ArrayList<>();
        for (int i = 0; i < table.getTable().getItemCount(); i++) {
            out.add((TemplateRevision) table.getElementAt(i));
        }
        return out;
    }

    /** The diff shown. */
    String diffText() {
        return diff.getText();
    }

    /** The revision numbers compared (from, to). */
    public int[] compared() {
        return new int[] {revisions.get(fromCombo.getSelectionIndex()).number(), revisions.get(toCombo.getSelectionIndex()).number()};
    }
}

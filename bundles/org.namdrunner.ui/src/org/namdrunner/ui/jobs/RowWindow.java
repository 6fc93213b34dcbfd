package org.namdrunner.ui.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Slider;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * A table for any number of rows that keeps only the rows on screen as native rows.
 * <p>
 * A native table keeps one row per element even when it is virtual, and on GTK adding, removing or re-attaching
 * rows costs microseconds per row: a filter that takes 100,000 rows to 40,000 cost 0.1–1.5 s in the widget alone
 * (benchmarks/ui). Here the table holds exactly the rows that fit its height, a {@link Slider} beside it is the
 * scroll bar over all rows, and moving it (slider, mouse wheel, arrow/page/home/end keys) shows another window of
 * rows read from {@link Rows}. Changing the row count is therefore one call whatever the count.
 * <p>
 * Selection is kept by row key, so it survives scrolling and reloads: a click selects as in a native table
 * (Ctrl toggles, Shift extends from the anchor, also across rows off screen), Ctrl+A selects every row (without
 * reading them). The table itself is a plain {@link TableViewer}: columns, label providers, tooltips, menus and
 * double-click work as usual on the rows shown.
 *
 * @param <T> row type
 */
public final class RowWindow<T> {

    /** Where the rows come from. */
    public interface Rows<T> {
        /** Number of rows. */
        int count();

        /** The row at an index, or null when it is no longer there. */
        T get(int index);

        /** A row's identity, kept in the selection. */
        String key(T row);

        /** A selected row that is not on screen, by key (empty when it is gone). */
        Optional<T> find(String key);
    }

    private final Composite frame;
    private final TableViewer viewer;
    private final Table table;
    private final Slider slider;
    private final Rows<T> rows;
    private final List<Runnable> selectionListeners = new ArrayList<>();

    private int count;
    private int top;
    private int fit = 1;
    private List<T> shown = List.of();
    /** Keys of the selected rows (when {@link #all} is false). */
    private final Set<String> selected = new LinkedHashSet<>();
    /** Every row is selected (Ctrl+A): not materialized. */
    private boolean all;
    /** Row index of the last click or key move, where Shift extends from. */
    private int anchor = -1;
    /** Row index with the keyboard focus. */
    private int focus = -1;
    /** Modifiers of the last mouse press on a row, read when the native selection changes. */
    private int pressMask;
    private int pressRow = -1;
    private boolean sliderQueued;

    public RowWindow(Composite parent, int style, Rows<T> rows) {
        this.rows = rows;
        frame = new Composite(parent, SWT.NONE);
        GridLayout gl = new GridLayout(2, false);
        gl.marginWidth = 0;
        gl.marginHeight = 0;
        gl.horizontalSpacing = 0;
        frame.setLayout(gl);
        viewer = new TableViewer(frame, style & ~SWT.VIRTUAL);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setUseHashlookup(false);
        table = viewer.getTable();
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        slider = new Slider(frame, SWT.VERTICAL);
        slider.setLayoutData(new GridData(SWT.FILL, SWT.FILL, false, true));
        slider.setMinimum(0);
        // a drag sends many events; each shows a window read from the store, so only the latest one queued is shown
        slider.addListener(SWT.Selection, e -> {
            if (!sliderQueued) {
                sliderQueued = true;
                slider.getDisplay().asyncExec(() -> {
                    sliderQueued = false;
                    if (!slider.isDisposed()) {
                        scrollTo(slider.getSelection());
                    }
                });
            }
        });

        table.addListener(SWT.Resize, e -> refit());
        table.addListener(SWT.MouseVerticalWheel, this::wheel);
        table.addListener(SWT.MouseDown, this::press);
        table.addListener(SWT.MouseUp, e -> {
            pressRow = -1; // a press that changed nothing must not be taken for the next selection's click
            pressMask = 0;
        });
        table.addListener(SWT.KeyDown, this::key);
        table.addListener(SWT.Selection, this::nativeSelection);
        update();
    }

    public Composite getControl() {
        return frame;
    }

    public TableViewer getViewer() {
        return viewer;
    }

    Slider getSlider() {
        return slider;
    }

    /** Called after every change of the selection, by the user or by this class. */
    public void addSelectionListener(Runnable l) {
        selectionListeners.add(l);
    }

    // ---- rows ----

    /**
     * Reads the row count again and shows the rows from the current top (kept when it is still in range).
     *
     * @param keepSelection false drops the selection (a new filter), true keeps the selected keys (a refresh)
     */
    public void reset(boolean keepSelection, boolean toTop) {
        count = Math.max(0, rows.count());
        if (!keepSelection) {
            selected.clear();
            all = false;
            anchor = -1;
            focus = -1;
        }
        if (toTop) {
            top = 0;
        }
        update();
        if (!keepSelection) {
            fireSelection();
        }
    }

    public int count() {
        return count;
    }

    /** Index of the first row on screen. */
    public int top() {
        return top;
    }

    /** Rows the table shows at most (its height in rows). */
    public int fit() {
        return fit;
    }

    /** The rows on screen, top to bottom. */
    public List<T> shown() {
        return shown;
    }

    /** Scrolls so that the first row shown is {@code index} (as far as there are rows). */
    public void scrollTo(int index) {
        int t = Math.max(0, Math.min(index, count - fit));
        if (t != top) {
            top = t;
            update();
        }
    }

    /** Scrolls as little as needed to show a row; returns its table item (null when out of range). */
    public TableItem reveal(int index) {
        if (index < 0 || index >= count) {
            return null;
        }
        if (index < top) {
            scrollTo(index);
        } else if (index >= top + fit) {
            scrollTo(index - fit + 1);
        }
        int i = index - top;
        return i < table.getItemCount() ? table.getItem(i) : null;
    }

    private void refit() {
        int f = computeFit();
        if (f != fit) {
            fit = f;
            update();
        }
    }

    /** Rows that fit the table's height (whole rows only, so the native table never scrolls). */
    private int computeFit() {
        Rectangle ca = table.getClientArea();
        int header = table.getHeaderVisible() ? table.getHeaderHeight() : 0;
        int item = table.getItemCount() > 0 ? table.getItem(0).getBounds().height + (table.getLinesVisible() ? 1 : 0)
                : table.getItemHeight();
        // GTK's client area includes the header (negative y); elsewhere it starts below it
        int height = ca.y < 0 ? ca.height - header : ca.height;
        return Math.max(1, height / Math.max(1, Math.max(item, table.getItemHeight())));
    }

    /** Shows rows top..top+fit and the selection among them; sets the slider. */
    private void update() {
        if (table.isDisposed()) {
            return;
        }
        // the height in rows can change without a resize (a horizontal scroll bar appearing)
        fit = computeFit();
        top = Math.max(0, Math.min(top, count - fit));
        int n = Math.max(0, Math.min(fit, count - top));
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            T r = rows.get(top + i);
            if (r == null) {
                break; // the rows changed under us; the next reset recounts
            }
            list.add(r);
        }
        shown = list;
        table.setRedraw(false);
        try {
            viewer.setInput(list);
            applySelection();
        } finally {
            table.setRedraw(true);
        }
        slider.setValues(top, 0, Math.max(count, 1), Math.max(1, Math.min(fit, Math.max(count, 1))), 1,
                Math.max(1, fit - 1));
        slider.setEnabled(count > fit);
        int itemHeight = table.getItemCount() > 0 ? table.getItem(0).getBounds().height : -1;
        if (itemHeight > 0 && itemHeight != lastItemHeight) {
            lastItemHeight = itemHeight;
            table.getDisplay().asyncExec(() -> {
                if (!table.isDisposed()) {
                    refit();
                }
            });
        }
    }

    private int lastItemHeight = -1;

    private void applySelection() {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            if (isSelected(shown.get(i))) {
                idx.add(i);
            }
        }
        table.setSelection(idx.stream().mapToInt(Integer::intValue).toArray());
        if (focus >= top && focus < top + shown.size() && idx.contains(focus - top)) {
            table.showItem(table.getItem(focus - top));
        }
    }

    private boolean isSelected(T row) {
        return all || selected.contains(rows.key(row));
    }

    // ---- input ----

    private void wheel(Event e) {
        e.doit = false;
        if (e.count != 0) {
            scrollTo(top - e.count);
        }
    }

    private void press(Event e) {
        TableItem item = table.getItem(new Point(e.x, e.y));
        pressRow = item == null ? -1 : top + table.indexOf(item);
        pressMask = e.stateMask;
    }

    /**
     * The native table changed its selection among the rows shown (a click): bring the keys up to date. GTK gives
     * the modifiers of the click in the selection event; the row clicked is the one under the pointer (the press
     * event's coordinates are not reliable on every GTK version).
     */
    private void nativeSelection(Event e) {
        int clicked = pressRow >= 0 ? pressRow : rowUnderPointer();
        int mask = e.stateMask | pressMask;
        pressRow = -1;
        pressMask = 0;
        if ((mask & SWT.SHIFT) != 0 && anchor >= 0) {
            selectRange(anchor, clicked, (mask & SWT.MOD1) != 0);
            focus = clicked;
        } else {
            if ((mask & SWT.MOD1) == 0) {
                selected.clear();
                all = false;
            } else if (all) {
                materializeAll();
            }
            for (int i = 0; i < shown.size(); i++) {
                selected.remove(rows.key(shown.get(i)));
            }
            for (int i : table.getSelectionIndices()) {
                if (i < shown.size()) {
                    selected.add(rows.key(shown.get(i)));
                }
            }
            anchor = clicked;
            focus = clicked;
        }
        applySelection();
        fireSelection();
    }

    private int rowUnderPointer() {
        TableItem item = table.getItem(table.toControl(table.getDisplay().getCursorLocation()));
        if (item != null) {
            return top + table.indexOf(item);
        }
        return top + Math.max(0, table.getSelectionIndex());
    }

    private void key(Event e) {
        boolean shift = (e.stateMask & SWT.SHIFT) != 0;
        boolean mod1 = (e.stateMask & SWT.MOD1) != 0;
        if (mod1 && (e.character == 1 || e.keyCode == 'a')) {
            e.doit = false;
            selectAll();
            return;
        }
        int f = focus >= 0 && focus < count ? focus : top + Math.max(0, table.getSelectionIndex());
        int to;
        switch (e.keyCode) {
            case SWT.ARROW_UP -> to = f - 1;
            case SWT.ARROW_DOWN -> to = focus < 0 ? top : f + 1;
            case SWT.PAGE_UP -> to = f - Math.max(1, fit - 1);
            case SWT.PAGE_DOWN -> to = f + Math.max(1, fit - 1);
            case SWT.HOME -> to = 0;
            case SWT.END -> to = count - 1;
            default -> {
                return;
            }
        }
        e.doit = false;
        if (count == 0) {
            return;
        }
        to = Math.max(0, Math.min(count - 1, to));
        if (shift) {
            if (anchor < 0) {
                anchor = f;
            }
            selectRange(anchor, to, false);
        } else {
            all = false;
            selected.clear();
            T r = rows.get(to);
            if (r != null) {
                selected.add(rows.key(r));
            }
            anchor = to;
        }
        focus = to;
        if (to < top || to >= top + fit) {
            reveal(to);
        } else {
            applySelection();
        }
        fireSelection();
    }

    /** Selects rows a..b (either order); {@code add} keeps the rows selected before. */
    private void selectRange(int a, int b, boolean add) {
        int from = Math.max(0, Math.min(a, b));
        int to = Math.min(count - 1, Math.max(a, b));
        if (!add) {
            selected.clear();
        } else if (all) {
            return;
        }
        all = false;
        if (from == 0 && to == count - 1 && !add) {
            all = true;
            return;
        }
        for (int i = from; i <= to; i++) {
            T r = rows.get(i);
            if (r != null) {
                selected.add(rows.key(r));
            }
        }
    }

    private void materializeAll() {
        all = false;
        selected.clear();
        for (int i = 0; i < count; i++) {
            T r = rows.get(i);
            if (r != null) {
                selected.add(rows.key(r));
            }
        }
    }

    // ---- selection ----

    /** Selects every row (not read until {@link #selection()} is asked for). */
    void selectAll() {
        all = count > 0;
        selected.clear();
        applySelection();
        fireSelection();
    }

    /** Selects the rows with these keys (those not among the rows are ignored when read). */
    public void select(Collection<String> keys) {
        all = false;
        selected.clear();
        selected.addAll(keys);
        applySelection();
        fireSelection();
    }

    /** Number of selected rows. */
    public int selectionCount() {
        return all ? count : selected.size();
    }

    public boolean hasSelection() {
        return all ? count > 0 : !selected.isEmpty();
    }

    /** The selected rows that still exist: those on screen as shown, the others read by key or index. */
    public List<T> selection() {
        List<T> out = new ArrayList<>();
        if (all) {
            for (int i = 0; i < count; i++) {
                T r = i >= top && i < top + shown.size() ? shown.get(i - top) : rows.get(i);
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        }
        for (String k : selected) {
            T r = null;
            for (T s : shown) {
                if (rows.key(s).equals(k)) {
                    r = s;
                    break;
                }
            }
            if (r == null) {
                r = rows.find(k).orElse(null);
            }
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** The selected rows among those on screen. */
    public List<T> shownSelection() {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            if (isSelected(shown.get(i))) {
                out.add(shown.get(i));
            }
        }
        return out;
    }

    private void fireSelection() {
        for (Runnable l : List.copyOf(selectionListeners)) {
            l.run();
        }
    }
}

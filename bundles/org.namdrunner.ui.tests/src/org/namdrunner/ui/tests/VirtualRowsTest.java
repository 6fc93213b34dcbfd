package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.namdrunner.ui.jobs.VirtualRows;

/**
 * The fast row-count change of virtual tables: a real SWT table goes through large and small changes and must
 * always show the rows of its current generation, ask only for visible rows, and scroll and select as before.
 */
class VirtualRowsTest {

    private Shell shell;
    private Table table;
    /** Rows show "generation:index"; a new generation stands for a new filter. */
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger dataRequests = new AtomicInteger();

    @BeforeEach
    void open() {
        Display d = Display.getCurrent();
        shell = new Shell(d);
        shell.setLayout(new FillLayout());
        shell.setSize(600, 400);
        table = new Table(shell, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        table.setHeaderVisible(true);
        for (String h : new String[] {"Name", "Status"}) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(h);
            c.setWidth(200);
        }
        table.addListener(SWT.SetData, e -> {
            TableItem item = (TableItem) e.item;
            int index = table.indexOf(item);
            dataRequests.incrementAndGet();
            item.setText(0, generation.get() + ":" + index);
            item.setText(1, "row " + index);
        });
        shell.open();
        UiTestSupport.settle(d);
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    private void change(int count) {
        generation.incrementAndGet();
        dataRequests.set(0);
        int old = table.getItemCount();
        boolean stepped = VirtualRows.setItemCount(table, count);
        assertEquals(Math.abs(count - old) > VirtualRows.STEP, stepped, old + " -> " + count);
        assertEquals(count, VirtualRows.targetCount(table));
        // the rows on screen show the new generation at once, before the remaining steps
        table.redraw();
        table.update();
        if (count > 0) {
            assertEquals(generation.get() + ":0", table.getItem(0).getText(0), "first row right after the change");
        }
        UiTestSupport.waitUntil(Display.getCurrent(), 20_000, () -> VirtualRows.isSettled(table), "row count " + count + " reached");
        UiTestSupport.settle(Display.getCurrent());
    }

    private void assertRows(int count) {
        assertEquals(count, table.getItemCount());
        int top = table.getTopIndex();
        for (int i = top; i < Math.min(count, top + 5); i++) {
            assertEquals(generation.get() + ":" + i, table.getItem(i).getText(0), "row " + i);
        }
        if (count > 0) {
            assertEquals(generation.get() + ":" + (count - 1), table.getItem(count - 1).getText(0), "last row");
        }
    }

    @Test
    void largeAndSmallChangesShowTheCurrentRows() {
        if ("gtk".equals(SWT.getPlatform())) {
            assertTrue(VirtualRows.detachedRemovalAvailable(), "the GTK detached removal must work with this SWT");
        }
        change(30_000);
        assertRows(30_000);
        assertTrue(dataRequests.get() < 200, "only visible rows are asked for, not " + dataRequests.get());
        change(12_000);   // large shrink
        assertRows(12_000);
        change(30_000);   // large growth
        assertRows(30_000);
        change(29_500);   // small change keeps the plain path
        assertRows(29_500);
        change(40);       // down to a few rows
        assertRows(40);
        change(0);
        assertRows(0);
        change(25_000);
        assertRows(25_000);
    }

    @Test
    void scrollingAndSelectionWorkAfterALargeChange() {
        change(30_000);
        change(8_000);
        table.setTopIndex(7_000);
        UiTestSupport.waitUntil(Display.getCurrent(), 10_000, () -> {
            table.setTopIndex(7_000);
            return table.getTopIndex() == 7_000;
        }, "scrolled to row 7,000");
        assertEquals(generation.get() + ":7000", table.getItem(7_000).getText(0));
        table.setSelection(new int[] {7_001, 7_003});
        assertEquals(2, table.getSelectionCount());
        assertEquals(7_003, table.getSelectionIndices()[1]);

        // a large change drops the selection (the rows are other jobs now) and starts from the top
        assertTrue(VirtualRows.setItemCount(table, 20_000));
        assertEquals(0, table.getSelectionCount());
        assertFalse(VirtualRows.isSettled(table), "the rest comes in steps");
        // a newer change supersedes the steps of the older one
        assertFalse(VirtualRows.setItemCount(table, 17_990));
        assertTrue(VirtualRows.isSettled(table));
        UiTestSupport.settle(Display.getCurrent());
        assertEquals(17_990, table.getItemCount());
        assertTrue(VirtualRows.setItemCount(table, 2_000));
        UiTestSupport.waitUntil(Display.getCurrent(), 20_000, () -> VirtualRows.isSettled(table), "shrunk");
        assertEquals(2_000, table.getItemCount());
        assertEquals(0, table.getTopIndex());
        VirtualRows.setItemCount(table, 20_000);
        UiTestSupport.waitUntil(Display.getCurrent(), 20_000, () -> VirtualRows.isSettled(table), "grown");
        // a small change keeps both
        table.setSelection(5);
        assertFalse(VirtualRows.setItemCount(table, 20_010));
        assertEquals(5, table.getSelectionIndex());
    }
}

package org.namdrunner.ui.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.ClusterProfileRecord;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.Store;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.views.JobsView;
import org.namdrunner.ui.views.JobsView.Column;
import org.namdrunner.ui.views.ViewIds;

/**
 * Jobs view with 100,000 stored jobs in the real workbench: open, sort by each column, filter. Each operation is
 * timed from the user's action until the visible rows are read from the store and painted; 5 runs each, median
 * and max reported in target/jobs-view-benchmark.md, with the median CPU time of the UI thread in the action. Not a test threshold: run with
 * {@code ./mvnw -Pbenchmarks verify -pl ...,benchmarks/ui/org.namdrunner.ui.benchmarks} (see docs/BENCHMARKS.md).
 */
class JobsViewBenchmark {

    static final int N = 100_000;
    static final int RUNS = 5;
    final List<String> rows = new ArrayList<>();

    @Test
    void jobsViewWith100000Jobs() throws Exception {
        Display d = Display.getCurrent();
        Store store = NamdRunnerUi.store();
        long t0 = System.nanoTime();
        fill(store);
        double fillSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(N, store.jobs().count(JobQuery.all()));

        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        measure("open the Jobs view (first rows painted)", () -> {
            IViewPart old = page.findView(ViewIds.JOBS);
            if (old != null) {
                page.hideView(old);
                settle(d);
            }
            return () -> {
                try {
                    JobsView v = page.showView(ViewIds.JOBS).getAdapter(JobsView.class);
                    paint(v);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            };
        });
        JobsView v = page.findView(ViewIds.JOBS).getAdapter(JobsView.class);
        Table t = v.getViewer().getTable();
        assertEquals(N, v.rowCount());

        for (Column c : Column.values()) {
            if (c.sort == null) {
                continue; // not sortable
            }
            for (boolean asc : new boolean[] {true, false}) {
                measure("sort by " + c.header.toLowerCase(Locale.ROOT) + (asc ? " ascending" : " descending"), () -> {
                    v.sort(c == Column.NAME ? Column.STATUS : Column.NAME, true);
                    return () -> {
                        v.sort(c, asc);
                        paint(v);
                    };
                });
            }
        }
        v.sort(Column.SUBMITTED, false);
        measure("scroll to row 99,000", () -> {
            v.getRowWindow().scrollTo(0);
            paint(v);
            return () -> {
                v.getRowWindow().scrollTo(99_000);
                paint(v);
            };
        });
        measure("Page Down (next screen of rows)", () -> {
            v.getRowWindow().scrollTo(50_000);
            t.setFocus();
            key(t, SWT.HOME, 0);
            paint(v);
            return () -> {
                key(t, SWT.PAGE_DOWN, 0);
                key(t, SWT.PAGE_DOWN, 0);
                paint(v);
            };
        });
        measure("select all (Ctrl+A)", () -> {
            key(t, SWT.HOME, 0);
            paint(v);
            return () -> {
                key(t, 'a', SWT.MOD1);
                paint(v);
            };
        });
        v.getRowWindow().scrollTo(0);
        measure("filter by text \"spike-prod-0123\"", () -> {
            v.getFilterText().setText("");
            v.applyFilters();
            return () -> {
                v.getFilterText().setText("spike-prod-0123");
                v.applyFilters();
                paint(v);
            };
        });
        Job changing = store.jobs().list(JobQuery.all().page(0, 1)).get(0);
        measure("filter by text \"spike-prod-0123\" right after a job changed (text copy read again)", () -> {
            v.getFilterText().setText("");
            v.applyFilters();
            Job now = store.jobs().find(changing.id()).orElseThrow();
            store.jobs().update(now.toBuilder().reason("benchmark " + System.nanoTime()).build());
            return () -> {
                v.getFilterText().setText("spike-prod-0123");
                v.applyFilters();
                paint(v);
            };
        });
        measure("filter by text \"ubq\" (a third of all jobs)", () -> {
            v.getFilterText().setText("");
            v.applyFilters();
            return () -> {
                v.getFilterText().setText("ubq");
                v.applyFilters();
                paint(v);
            };
        });
        v.getFilterText().setText("ubq");
        measure("scroll to row 30,000 with the \"ubq\" filter (pages not cached)", () -> {
            v.applyFilters();
            paint(v);
            return () -> {
                v.getRowWindow().scrollTo(30_000);
                paint(v);
            };
        });
        v.getFilterText().setText("");
        measure("filter by state (All failures)", () -> {
            select(v.getStateCombo(), 0);
            return () -> {
                select(v.getStateCombo(), v.getStateCombo().indexOf("All failures"));
                paint(v);
            };
        });
        select(v.getStateCombo(), 0);
        measure("filter by profile", () -> {
            select(v.getProfileCombo(), 0);
            return () -> {
                select(v.getProfileCombo(), v.getProfileCombo().indexOf("Test cluster"));
                paint(v);
            };
        });
        select(v.getProfileCombo(), 0);
        measure("filter by creation date (one week)", () -> {
            v.getFromCheck().setSelection(false);
            v.applyFilters();
            return () -> {
                v.getFromDate().setDate(2026, 1, 1);
                v.getToDate().setDate(2026, 1, 7);
                v.getFromCheck().setSelection(true);
                v.getToCheck().setSelection(true);
                v.applyFilters();
                paint(v);
            };
        });

        StringBuilder md = new StringBuilder();
        md.append(String.format("%d jobs stored in %.0f s. Times in ms from the action to the painted rows (%d runs); "
                + "UI thread CPU: the CPU time the UI thread spent in the action (less affected by other processes "
                + "on the machine than the elapsed time).%n%n", N, fillSeconds, RUNS));
        md.append("| operation | median ms | max ms | UI thread CPU median ms |\n|---|---:|---:|---:|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        Path out = Path.of("target", "jobs-view-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println(md);
    }

    /** setup returns the timed action. */
    private void measure(String name, Supplier<Runnable> setup) {
        Display d = Display.getCurrent();
        double[] ms = new double[RUNS];
        double[] cpu = new double[RUNS];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < RUNS; i++) {
            Runnable action = setup.get();
            settle(d);
            long c = threads.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            action.run();
            ms[i] = (System.nanoTime() - s) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
            settle(d);
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        rows.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |", name, ms[RUNS / 2], ms[RUNS - 1], cpu[RUNS / 2]));
    }

    /** Paints the rows on screen (the view has read them from the store when it showed them). */
    private static void paint(JobsView v) {
        Table t = v.getViewer().getTable();
        for (int i = 0; i < t.getItemCount(); i++) {
            t.getItem(i).getText(0);
        }
        t.redraw();
        t.update();
    }

    private static void key(Table t, int keyCode, int mask) {
        Event k = new Event();
        k.keyCode = keyCode;
        k.character = keyCode == 'a' && mask == SWT.MOD1 ? (char) 1 : 0;
        k.stateMask = mask;
        t.notifyListeners(SWT.KeyDown, k);
    }

    private static void select(org.eclipse.swt.widgets.Combo c, int index) {
        c.select(index);
        c.notifyListeners(SWT.Selection, new Event());
    }

    private static void settle(Display d) {
        while (d.readAndDispatch()) {
            // drain
        }
    }

    private static void fill(Store store) {
        if (store.jobs().count(JobQuery.all()) == N) {
            return;
        }
        store.clusterProfiles().save(new ClusterProfileRecord("local", "Local", "local", "{}", null));
        store.clusterProfiles().save(new ClusterProfileRecord("testcluster", "Test cluster", "slurm", "{}", null));
        JobState[] states = JobState.values();
        Instant base = Instant.parse("2025-06-01T00:00:00Z");
        for (int start = 0; start < N; start += 5000) {
            int from = start;
            store.inTransaction(c -> {
                for (int i = from; i < from + 5000; i++) {
                    JobState st = states[i % states.length];
                    Instant created = base.plus(Duration.ofMinutes(4L * i));
                    Job.Builder b = Job.builder().id(String.format("00000000-0000-4000-8000-%012d", i))
                            .name((i % 3 == 0 ? "Membrane-" : i % 3 == 1 ? "ubq-eq-" : "Spike-prod-") + String.format("%06d", i))
                            .profileId(i % 2 == 0 ? "local" : "testcluster").state(st)
                            .partition(new String[] {"compute", "gpu", "debug"}[i % 3]).cores(1 + (i * 7) % 64)
                            .wallTimeMinutes(30 + (i * 13) % 2880).createdAt(created);
                    if (st.ordinal() > JobState.SUBMITTING.ordinal()) {
                        b.submittedAt(created.plusSeconds(60)).slurmJobId(Integer.toString(1_000_000 + i));
                    }
                    if (st == JobState.RUNNING || st.isTerminal()) {
                        b.startedAt(created.plusSeconds(120));
                    }
                    if (st.isTerminal()) {
                        b.endedAt(created.plusSeconds(120 + 60L * (1 + (i * 31) % 600)));
                    }
                    store.jobs().insert(b.build());
                }
                return null;
            });
        }
    }
}

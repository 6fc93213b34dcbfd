package org.namdrunner.ui.editors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.IDE;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.core.model.Job;
import org.namdrunner.ui.jobs.Engine;
import org.namdrunner.ui.jobs.JobFormat;

/**
 * The Files tab: the job's project and scratch files on the cluster ({@link JobFileBrowser} over the workbench's
 * session of the profile), with download, open (a local copy in the cache) and delete confined to the job's
 * directories.
 */
final class FilesTab extends JobEditorTab {

    private TreeViewer viewer;
    private Label status;

    FilesTab(JobEditor editor) {
        super(editor, JobEditor.Tab.FILES);
    }

    @Override
    int columns() {
        return 4;
    }

    @Override
    void create(Composite c) {
        button(c, "Refresh", () -> load(true));
        button(c, "Download\u2026", this::downloadSelected);
        button(c, "Open", this::openSelected);
        button(c, "Delete\u2026", this::deleteSelected);
        status = status(c, 4);
        viewer = new TreeViewer(c, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.VIRTUAL);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        viewer.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return ((List<?>) input).toArray();
            }

            @Override
            public Object[] getChildren(Object e) {
                return ((JobFileBrowser.Entry) e).children().toArray();
            }

            @Override
            public Object getParent(Object e) {
                return null;
            }

            @Override
            public boolean hasChildren(Object e) {
                return !((JobFileBrowser.Entry) e).children().isEmpty();
            }
        });
        column("Name", 360, e -> e.name() + (e.directory() ? "/" : ""));
        column("Size", 110, e -> size(e.directory() ? e.totalSize() : e.size()));
        column("Modified", 150, e -> JobFormat.time(e.modified()));
        viewer.getTree().getColumn(1).setAlignment(SWT.RIGHT);
        viewer.addDoubleClickListener(e -> openSelected());
        viewer.setInput(List.of());
    }

    private void column(String title, int width, Function<JobFileBrowser.Entry, String> text) {
        TreeViewerColumn col = new TreeViewerColumn(viewer, SWT.LEFT);
        col.getColumn().setText(title);
        col.getColumn().setWidth(width);
        col.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((JobFileBrowser.Entry) e);
            }
        });
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = { "KB", "MB", "GB", "TB" };
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[i]);
    }

    @Override
    Label status() {
        return status;
    }

    TreeViewer viewer() {
        return viewer;
    }

    /** Lists the job's files (always from the cluster). */
    @Override
    void load(boolean again) {
        editor.loads().run("Listing the job's files", status, (j, m) -> {
            ClusterSession s = Engine.service().sessions().session(j.profileId(), m);
            return new JobFileBrowser(s, j).list(m);
        }, entries -> {
            viewer.setInput(entries);
            viewer.expandToLevel(2);
            int n = count(entries);
            status.setText(entries.isEmpty() ? "The job's directories do not exist on the cluster."
                    : n + " files and folders" + (n >= JobFileBrowser.MAX_ENTRIES ? " (list cut)" : ""));
            status.getParent().layout();
        });
    }

    private static int count(List<JobFileBrowser.Entry> entries) {
        int n = 0;
        for (JobFileBrowser.Entry e : entries) {
            n += 1 + count(e.children());
        }
        return n;
    }

    private List<JobFileBrowser.Entry> selected() {
        List<JobFileBrowser.Entry> out = new ArrayList<>();
        for (Object o : viewer.getStructuredSelection().toList()) {
            out.add((JobFileBrowser.Entry) o);
        }
        return out;
    }

    /** Downloads the selected files and folders. Returns false when nothing was selected or the user cancelled. */
    boolean downloadSelected() {
        List<JobFileBrowser.Entry> sel = selected();
        Job j = editor.job();
        if (sel.isEmpty() || j == null) {
            status.setText("Select files or folders to download.");
            return false;
        }
        Path target = DownloadFolder.choose(editor.getSite().getShell(), Engine.defaultResultsDir(j));
        if (target == null) {
            return false;
        }
        editor.loads().run("Downloading " + (sel.size() == 1 ? sel.get(0).name() : sel.size() + " items"), status, (jj, m) -> {
            ClusterSession s = Engine.service().sessions().session(jj.profileId(), m);
            JobFileBrowser b = new JobFileBrowser(s, jj);
            Files.createDirectories(target);
            for (JobFileBrowser.Entry e : sel) {
                b.download(e, target, m);
            }
            return target;
        }, t -> status.setText("Downloaded to " + t));
        return true;
    }

    /** Opens the selected file (a local copy in the cache) in an editor. */
    void openSelected() {
        List<JobFileBrowser.Entry> sel = selected();
        if (sel.size() != 1 || sel.get(0).directory()) {
            status.setText("Select one file to open.");
            return;
        }
        JobFileBrowser.Entry e = sel.get(0);
        editor.loads().run("Opening " + e.name(), status, (j, m) -> {
            ClusterSession s = Engine.service().sessions().session(j.profileId(), m);
            Path local = Engine.service().documents().cacheFile(j, e.path().startsWith(j.remoteProjectDir() + "/") ? e.path()
                    : j.remoteProjectDir() + "/scratch/" + e.name());
            Files.createDirectories(local.getParent());
            s.files().download(e.path(), local, m);
            return local;
        }, local -> {
            try {
                IDE.openEditorOnFileStore(editor.getSite().getPage(), EFS.getLocalFileSystem().getStore(local.toUri()));
                status.setText("Opened a local copy of " + e.path());
            } catch (PartInitException ex) {
                status.setText("Cannot open " + e.name() + ": " + ex.getMessage());
            }
        });
    }

    /** Deletes the selected files after confirmation (confined to the job's directories). */
    boolean deleteSelected() {
        List<JobFileBrowser.Entry> sel = selected();
        if (sel.isEmpty()) {
            status.setText("Select files or folders to delete.");
            return false;
        }
        StringBuilder what = new StringBuilder();
        for (JobFileBrowser.Entry e : sel.subList(0, Math.min(8, sel.size()))) {
            what.append("\n  ").append(e.path()).append(e.directory() ? "/ (with everything in it)" : "");
        }
        if (sel.size() > 8) {
            what.append("\n  \u2026 and ").append(sel.size() - 8).append(" more");
        }
        if (!MessageDialog.openConfirm(editor.getSite().getShell(), JobEditor.DELETE_FILES_TITLE, "Delete from the cluster for good?" + what)) {
            return false;
        }
        editor.loads().run("Deleting files", status, (j, m) -> {
            ClusterSession s = Engine.service().sessions().session(j.profileId(), m);
            JobFileBrowser b = new JobFileBrowser(s, j);
            for (JobFileBrowser.Entry e : sel) {
                b.delete(e.path(), m);
            }
            return sel.size();
        }, n -> {
            status.setText("Deleted " + n + (n == 1 ? " item" : " items"));
            load(true);
        });
        return true;
    }
}

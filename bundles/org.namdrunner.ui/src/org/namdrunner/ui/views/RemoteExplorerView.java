package org.namdrunner.ui.views;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.Tree;
import org.namdrunner.remote.RemoteConnection;
import org.namdrunner.remote.RemoteException;
import org.namdrunner.remote.RemoteFileInfo;
import org.namdrunner.remote.RemoteFiles;
import org.namdrunner.remote.RemotePaths;
import org.namdrunner.remote.Transfers;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.internal.FilePrompts;
import org.namdrunner.ui.preferences.DatabasePreferencePage;
import org.namdrunner.ui.remote.RemoteUi;

/**
 * Remote Explorer: for each connected cluster its job roots (project, scratch) and home directory as a tree,
 * listed lazily over SFTP in background jobs, with size and modification time. Download, upload, preview of
 * text files, delete (only inside the job roots, after confirmation) and refresh.
 */
public class RemoteExplorerView {

    public static final String NOT_CONNECTED = "Not connected \u2014 connect to a cluster to browse its job directories";
    public static final String DELETE_TITLE = "Delete Remote File";
    public static final String LOADING = "Loading\u2026";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    /** A connection at the top of the tree. */
    public record Host(RemoteConnection connection) {
    }

    /** A remote directory or file under a host; {@code label} names roots ("Project", "Home" …). */
    public record Node(RemoteConnection connection, RemoteFileInfo info, String label) {
    }

    /** A placeholder child while a directory is being listed, or its error. */
    public record Message(Object parent, String text) {
    }

    /** Asks for local paths through the FilePrompts service: a folder to download into, a file to upload. */
    private static Path ask(Shell shell, boolean directory) {
        return FilePrompts.current().ask(shell, directory
                ? FilePrompts.Request.folder("Download To", "Choose the local folder for the download", null)
                : new FilePrompts.Request(FilePrompts.Kind.OPEN, "Upload File", null, null, null, null));
    }

    private Composite stack;
    private EmptyState empty;
    private Composite main;
    private TreeViewer viewer;
    private final Map<Object, Object[]> children = new ConcurrentHashMap<>();
    private final Runnable connectionListener = () -> {
        Display d = Display.getDefault();
        d.asyncExec(this::refreshAll);
    };

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new FillLayout());
        stack = new Composite(parent, SWT.NONE);
        stack.setLayout(new StackLayout());
        empty = new EmptyState(stack, NOT_CONNECTED);
        main = new Composite(stack, SWT.NONE);
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = 0;
        gl.marginHeight = 0;
        main.setLayout(gl);
        ToolBar bar = new ToolBar(main, SWT.FLAT | SWT.RIGHT);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        tool(bar, "Refresh", this::refreshSelected);
        tool(bar, "Download\u2026", this::downloadSelected);
        tool(bar, "Upload\u2026", this::uploadToSelected);
        tool(bar, "Preview", this::previewSelected);
        tool(bar, "Delete\u2026", this::deleteSelected);

        viewer = new TreeViewer(main, SWT.BORDER | SWT.MULTI | SWT.FULL_SELECTION);
        Tree tree = viewer.getTree();
        tree.setHeaderVisible(true);
        tree.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        column("Name", 200, SWT.LEFT, this::name);
        column("Size", 80, SWT.RIGHT, o -> o instanceof Node n && !n.info().isDirectory()
                ? DatabasePreferencePage.humanSize(n.info().size()) : "");
        column("Modified", 120, SWT.LEFT, o -> o instanceof Node n && n.info().modified() != null
                ? TIME.format(n.info().modified()) : "");
        viewer.setContentProvider(new Content());
        viewer.setUseHashlookup(true);
        viewer.addDoubleClickListener(e -> previewSelected());
        addDragSupport(tree);

        MenuManager menu = new MenuManager();
        menu.add(action("&Refresh", this::refreshSelected));
        menu.add(new Separator());
        menu.add(action("&Download\u2026", this::downloadSelected));
        menu.add(action("&Upload\u2026", this::uploadToSelected));
        menu.add(action("&Preview", this::previewSelected));
        menu.add(new Separator());
        menu.add(action("De&lete\u2026", this::deleteSelected));
        tree.setMenu(menu.createContextMenu(tree));

        RemoteUi.addListener(connectionListener);
        refreshAll();
    }

    private static Action action(String text, Runnable r) {
        return new Action(text) {
            @Override
            public void run() {
                r.run();
            }
        };
    }

    private static void tool(ToolBar bar, String text, Runnable r) {
        ToolItem item = new ToolItem(bar, SWT.PUSH);
        item.setText(text);
        item.addListener(SWT.Selection, e -> r.run());
    }

    private void column(String title, int width, int align, java.util.function.Function<Object, String> text) {
        TreeViewerColumn c = new TreeViewerColumn(viewer, align);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply(e);
            }
        });
    }

    private String name(Object o) {
        if (o instanceof Host h) {
            return h.connection().getDisplayName();
        }
        if (o instanceof Node n) {
            return n.label() != null ? n.label() + "  (" + n.info().path() + ")" : n.info().name();
        }
        return o instanceof Message m ? m.text() : String.valueOf(o);
    }

    /** Children come from background listings; until then a "Loading…" row. */
    private final class Content implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return RemoteUi.connected().stream().map(Host::new).toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            Object[] known = children.get(parent);
            if (known != null) {
                return known;
            }
            Object[] loading = {new Message(parent, LOADING)};
            children.put(parent, loading);
            load(parent);
            return loading;
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof Host || element instanceof Node n && n.info().isDirectory();
        }
    }

    private void load(Object parent) {
        Job job = new Job("Listing " + name(parent)) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                Object[] result;
                try {
                    result = list(parent, monitor);
                } catch (RemoteException | RuntimeException e) {
                    result = new Object[] {new Message(parent, "Cannot list: " + NamdRunnerUi.message(e))};
                }
                Object[] r = result;
                Display.getDefault().asyncExec(() -> {
                    if (viewer.getTree().isDisposed()) {
                        return;
                    }
                    children.put(parent, r);
                    viewer.refresh(parent);
                });
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == RemoteExplorerView.class;
            }
        };
        job.schedule();
    }

    private static Object[] list(Object parent, IProgressMonitor monitor) throws RemoteException {
        if (parent instanceof Host h) {
            RemoteConnection c = h.connection();
            RemoteFiles files = new RemoteFiles(c);
            List<Object> out = new ArrayList<>();
            root(out, c, files, c.getSettings().getProjectRoot(), "Project", monitor);
            root(out, c, files, c.getSettings().getScratchRoot(), "Scratch", monitor);
            root(out, c, files, c.home(monitor), "Home", monitor);
            return out.toArray();
        }
        Node n = (Node) parent;
        List<Object> out = new ArrayList<>();
        for (RemoteFileInfo f : new RemoteFiles(n.connection()).list(n.info().path(), monitor)) {
            out.add(new Node(n.connection(), f, null));
        }
        return out.toArray();
    }

    private static void root(List<Object> out, RemoteConnection c, RemoteFiles files, String path, String label,
            IProgressMonitor monitor) throws RemoteException {
        if (path == null || path.isBlank()) {
            return;
        }
        RemoteFileInfo info = files.stat(path, monitor);
        if (info != null) {
            out.add(new Node(c, info, label));
        }
    }

    // ---- actions ----

    /** Re-reads the connections and drops every cached listing. */
    public void refreshAll() {
        if (viewer == null || viewer.getTree().isDisposed()) {
            return;
        }
        children.clear();
        boolean any = !RemoteUi.connected().isEmpty();
        StackLayout layout = (StackLayout) stack.getLayout();
        layout.topControl = any ? main : empty;
        viewer.setInput(new Object());
        stack.layout(true, true);
    }

    public void refreshSelected() {
        List<Object> sel = selection();
        if (sel.isEmpty()) {
            refreshAll();
            return;
        }
        for (Object o : sel) {
            Object dir = o instanceof Node n && !n.info().isDirectory() ? null : o;
            if (dir != null) {
                children.remove(dir);
                viewer.refresh(dir);
            }
        }
    }

    private List<Object> selection() {
        return new ArrayList<>(viewer.getStructuredSelection().toList());
    }

    private List<Node> selectedFiles() {
        List<Node> out = new ArrayList<>();
        for (Object o : selection()) {
            if (o instanceof Node n) {
                out.add(n);
            }
        }
        return out;
    }

    /** Downloads the selected files and folders into a local folder, as one background job. */
    public Job downloadSelected() {
        List<Node> sel = selectedFiles();
        if (sel.isEmpty()) {
            return null;
        }
        Path target = ask(viewer.getTree().getShell(), true);
        if (target == null) {
            return null;
        }
        return userJob("Downloading " + sel.size() + (sel.size() == 1 ? " item" : " items"), monitor -> {
            fetch(sel, target, monitor);
            return "Downloaded to " + target;
        }, null);
    }

    /** Downloads remote files and folders into a local folder (each under its own name). */
    private static List<Path> fetch(List<Node> nodes, Path target, IProgressMonitor monitor) throws RemoteException {
        org.eclipse.core.runtime.SubMonitor sub = org.eclipse.core.runtime.SubMonitor.convert(monitor, nodes.size());
        List<Path> out = new ArrayList<>();
        for (Node n : nodes) {
            Transfers t = new Transfers(n.connection());
            Path local = target.resolve(n.info().name());
            if (n.info().isDirectory()) {
                t.downloadDirectory(n.info().path(), local, Transfers.Strategy.TAR, sub.split(1));
            } else {
                t.download(n.info().path(), local, sub.split(1));
            }
            out.add(local);
        }
        return out;
    }

    /**
     * The local copies of the selected items for a drag to the desktop or a file manager: they are downloaded
     * (with a cancellable progress dialog) into a fresh temporary folder when the drop target asks for the data.
     * Returns null when nothing is selected, the download was cancelled or failed (the error is shown).
     */
    String[] dragData() {
        List<Node> sel = selectedFiles();
        if (sel.isEmpty()) {
            return null;
        }
        Shell shell = viewer.getTree().getShell();
        try {
            Path target = Files.createTempDirectory("namdrunner-drag");
            List<Path> got = new ArrayList<>();
            new org.eclipse.jface.dialogs.ProgressMonitorDialog(shell).run(true, true, monitor -> {
                try {
                    got.addAll(fetch(sel, target, monitor));
                } catch (RemoteException e) {
                    throw new java.lang.reflect.InvocationTargetException(e);
                }
            });
            return got.stream().map(p -> p.toAbsolutePath().toString()).toArray(String[]::new);
        } catch (InterruptedException e) {
            return null; // cancelled
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            if (!(c instanceof RemoteException re && re.getKind() == org.namdrunner.remote.RemoteErrorKind.CANCELLED)) {
                org.eclipse.jface.dialogs.MessageDialog.openError(shell, "Download", NamdRunnerUi.message(c));
            }
            return null;
        } catch (java.io.IOException e) {
            org.eclipse.jface.dialogs.MessageDialog.openError(shell, "Download", "Cannot create a temporary folder: " + e.getMessage());
            return null;
        }
    }

    private void addDragSupport(Tree tree) {
        org.eclipse.swt.dnd.DragSource ds = new org.eclipse.swt.dnd.DragSource(tree, org.eclipse.swt.dnd.DND.DROP_COPY);
        ds.setTransfer(org.eclipse.swt.dnd.FileTransfer.getInstance());
        ds.addDragListener(new org.eclipse.swt.dnd.DragSourceAdapter() {
            @Override
            public void dragStart(org.eclipse.swt.dnd.DragSourceEvent e) {
                e.doit = !selectedFiles().isEmpty();
            }

            @Override
            public void dragSetData(org.eclipse.swt.dnd.DragSourceEvent e) {
                if (org.eclipse.swt.dnd.FileTransfer.getInstance().isSupportedType(e.dataType)) {
                    String[] files = dragData();
                    e.doit = files != null && files.length > 0;
                    e.data = files;
                }
            }
        });
    }

    /** Uploads a local file into the selected remote folder. */
    public Job uploadToSelected() {
        List<Node> sel = selectedFiles();
        if (sel.size() != 1 || !sel.get(0).info().isDirectory()) {
            MessageDialog.openInformation(viewer.getTree().getShell(), "Upload", "Select one remote folder to upload into.");
            return null;
        }
        Node dir = sel.get(0);
        Path file = ask(viewer.getTree().getShell(), false);
        if (file == null) {
            return null;
        }
        return userJob("Uploading " + file.getFileName(), monitor -> {
            new Transfers(dir.connection()).upload(file, RemotePaths.child(dir.info().path(), file.getFileName().toString()), monitor);
            return "Uploaded " + file.getFileName();
        }, dir);
    }

    /** Shows the first 64 KiB of the selected file as text. */
    void previewSelected() {
        List<Node> sel = selectedFiles();
        if (sel.size() != 1 || sel.get(0).info().isDirectory()) {
            return;
        }
        Node n = sel.get(0);
        userJob("Reading " + n.info().name(), monitor -> {
            String text = n.connection().exec(org.namdrunner.remote.CommandLine.of("head").args("-c", "65536")
                    .endOfOptions().arg(n.info().path()), monitor).requireSuccess("Reading " + n.info().path()).stdout();
            Display.getDefault().asyncExec(() -> {
                PreviewDialog dialog = new PreviewDialog(viewer.getTree().getShell(), n.info().path(), text);
                dialog.setBlockOnOpen(false);
                dialog.open();
            });
            return "Read " + n.info().name();
        }, null);
    }

    /** Deletes the selected files or folders after confirmation; refused outside the job roots. */
    public Job deleteSelected() {
        List<Node> sel = selectedFiles();
        if (sel.isEmpty()) {
            return null;
        }
        for (Node n : sel) {
            RemotePaths policy = RemotePaths.of(n.connection().getSettings());
            if (!policy.isInsideRoots(n.info().path()) || n.label() != null) {
                MessageDialog.openError(viewer.getTree().getShell(), DELETE_TITLE, n.info().path()
                        + " cannot be deleted: only files and folders inside the job roots ("
                        + String.join(", ", policy.roots()) + ") can be deleted from NAMDRunner.");
                return null;
            }
        }
        String what = sel.size() == 1 ? sel.get(0).info().path() : sel.size() + " items";
        if (!MessageDialog.openConfirm(viewer.getTree().getShell(), DELETE_TITLE,
                "Delete " + what + " on the cluster?\n\nThis cannot be undone.")) {
            return null;
        }
        return userJob("Deleting " + what, monitor -> {
            for (Node n : sel) {
                new RemoteFiles(n.connection()).delete(n.info().path(), monitor);
            }
            return "Deleted " + what;
        }, "parents");
    }

    private interface Work {
        String run(IProgressMonitor monitor) throws RemoteException;
    }

    /** Runs work as a user job; errors become the job's status (an error dialog), never a stack trace. */
    private Job userJob(String name, Work work, Object refresh) {
        List<Object> sel = selection();
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    return new Status(IStatus.OK, NamdRunnerUi.PLUGIN_ID, work.run(monitor));
                } catch (RemoteException | RuntimeException e) {
                    return monitor.isCanceled() ? Status.CANCEL_STATUS
                            : new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, name + " failed: " + NamdRunnerUi.message(e));
                } finally {
                    if (refresh != null) {
                        Display.getDefault().asyncExec(() -> {
                            if (!viewer.getTree().isDisposed()) {
                                if ("parents".equals(refresh)) {
                                    children.clear();
                                    viewer.refresh();
                                } else {
                                    children.remove(refresh);
                                    viewer.refresh(refresh);
                                }
                            }
                        });
                    }
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == RemoteExplorerView.class;
            }
        };
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** Read-only text of a remote file. */
    static final class PreviewDialog extends org.eclipse.jface.dialogs.Dialog {
        private final String path;
        private final String text;

        PreviewDialog(Shell parent, String path, String text) {
            super(parent);
            this.path = path;
            this.text = text;
            setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
        }

        @Override
        protected void configureShell(Shell shell) {
            super.configureShell(shell);
            shell.setText("Preview: " + path);
        }

        @Override
        protected org.eclipse.swt.widgets.Control createDialogArea(Composite parent) {
            Composite c = (Composite) super.createDialogArea(parent);
            // the file's name in the dialog itself (a window manager may cut or hide the title)
            org.eclipse.swt.widgets.Label name = new org.eclipse.swt.widgets.Label(c, SWT.WRAP);
            name.setText(heading(path, text));
            name.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
            org.eclipse.swt.widgets.Text t = new org.eclipse.swt.widgets.Text(c,
                    SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
            t.setFont(org.eclipse.jface.resource.JFaceResources.getTextFont());
            t.setText(text);
            GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
            gd.widthHint = 640;
            gd.heightHint = 400;
            t.setLayoutData(gd);
            return c;
        }

        @Override
        protected void createButtonsForButtonBar(Composite parent) {
            createButton(parent, org.eclipse.jface.dialogs.IDialogConstants.OK_ID, "Close", true);
        }

        /** "namd.log — /projects/…/logs/namd.log" and, for a cut preview, that it shows the first 64 KiB. */
        static String heading(String path, String text) {
            String file = path.substring(path.lastIndexOf('/') + 1);
            return file + "  \u2014  " + path + (text.length() >= 65536 ? "  (the first 64 KiB)" : "");
        }
    }

    // ---- tests ----

    public TreeViewer getViewer() {
        return viewer;
    }

    public boolean showsEmptyState() {
        return ((StackLayout) stack.getLayout()).topControl == empty;
    }

    @PreDestroy
    public void dispose() {
        RemoteUi.removeListener(connectionListener);
    }
}

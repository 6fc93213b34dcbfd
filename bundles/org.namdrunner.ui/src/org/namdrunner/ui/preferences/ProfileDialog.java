package org.namdrunner.ui.preferences;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.CheckboxCellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.SiteEnvironment;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.remote.AuthMethod;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.remote.RemoteUi;
import org.namdrunner.ui.remote.WorkbenchSessions;

/**
 * Adds, edits or shows one cluster profile: connection (host, port, user, SSH properties such as the key file —
 * never a password), job roots, account and QoS, partitions with their limits, NAMD modules and the minimum
 * interval between status queries. "Discover" connects with the profile as typed and fills partitions, limits,
 * QoS and NAMD modules from the cluster (an Eclipse job; the user still confirms with Save). Presets are shown
 * read-only.
 */
public class ProfileDialog extends TitleAreaDialog {

    public static final String TITLE_NEW = "New Cluster Profile";
    public static final String TITLE_EDIT = "Edit Cluster Profile";
    public static final String TITLE_VIEW = "Cluster Profile";
    public static final String DISCOVER_BUTTON = "Discover";
    public static final String SAVE_BUTTON = "Save";
    static final String DISCOVER_HINT = "Fills the partitions, their limits and the NAMD modules from the cluster.";

    /** Partition columns: header, width, unit shown after a value. Index 1 is the default flag. */
    static final String[][] PARTITION_COLUMNS = {{"Partition", "90"}, {"Default", "60"}, {"Def. cores", "70"},
            {"Max cores", "70"}, {"Cores/node", "75"}, {"Max nodes", "70"}, {"Def. memory", "85", "MB"},
            {"Max memory", "85", "MB"}, {"Def. wall time", "90", "min"}, {"Max wall time", "90", "min"}, {"QoS", "90"},
            {"GPUs/node", "70"}, {"GPU types", "80"}};
    static final String[][] MODULE_COLUMNS = {{"Module", "140"}, {"Version", "70"}, {"Executable", "100"},
        {"Load first (in order)", "150"}, {"Launcher", "80"}};

    private final ClusterProfileRegistry registry;
    private final ProfileConfig original;
    private final boolean isNew;
    private final boolean readOnly;
    private ProfileConfig saved;

    private Text name;
    private Combo type;
    private final List<String> typeIds = new ArrayList<>();
    private Text description;
    private Text host;
    private Text port;
    private Text user;
    private Text properties;
    private Combo login;
    private Text keyFile;
    /** Profile properties shown as controls rather than key=value lines. */
    static final String AUTH_METHOD = "authMethod";
    static final String KEY_FILE = "keyFile";
    private Text projectRoot;
    private Text scratchRoot;
    private Text account;
    private Text qos;
    private Text defaultQos;
    private Text extraModules;
    private Text siteEnvironment;
    private Combo launcher;
    private Text statusInterval;
    private Text defaultModule;
    private TableViewer partitions;
    private TableViewer modules;
    private final List<String[]> partitionRows = new ArrayList<>();
    private final List<String[]> moduleRows = new ArrayList<>();
    private Button discoverButton;
    private Label discoverStatus;
    private volatile Job discovery;

    /**
     * @param profile  the profile to edit or show; for a new profile a template (its id is the new id)
     * @param isNew    true to add {@code profile} as a new user profile
     * @param readOnly true to only show it (presets)
     */
    public ProfileDialog(Shell parent, ClusterProfileRegistry registry, ProfileConfig profile, boolean isNew, boolean readOnly) {
        super(parent);
        this.registry = registry;
        this.original = profile;
        this.isNew = isNew;
        this.readOnly = readOnly;
        setShellStyle(getShellStyle() | SWT.RESIZE | SWT.MAX);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(isNew ? TITLE_NEW : readOnly ? TITLE_VIEW : TITLE_EDIT);
    }

    @Override
    protected org.eclipse.swt.graphics.Point getInitialSize() {
        return new org.eclipse.swt.graphics.Point(900, 820);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(isNew ? "New cluster profile" : original.name());
        if (readOnly) {
            setMessage("This profile is " + ClusterProfilesPreferencePage.kind(original).toLowerCase(java.util.Locale.ROOT)
                    + " and read-only. Duplicate it to edit a copy.");
        } else {
            setMessage("How to reach the cluster and what it offers. Discover fills partitions, limits and NAMD modules "
                    + "from the cluster. Passwords are never stored here: NAMDRunner asks when it connects.");
        }
        ScrolledComposite scroll = new ScrolledComposite(area, SWT.V_SCROLL | SWT.H_SCROLL);
        scroll.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        Composite c = new Composite(scroll, SWT.NONE);
        c.setLayout(new GridLayout(1, false));
        scroll.setContent(c);

        Group general = group(c, "Profile", 4);
        name = text(general, "Name:", original.name(), 3);
        label(general, "Type:");
        type = new Combo(general, SWT.READ_ONLY);
        for (String id : registry.typeIds()) {
            typeIds.add(id);
            type.add(registry.typeName(id));
        }
        if (!typeIds.contains(original.typeId())) {
            typeIds.add(original.typeId());
            type.add(original.typeId());
        }
        type.select(typeIds.indexOf(original.typeId()));
        type.setEnabled(isNew);
        type.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        description = text(general, "Description:", original.description(), 3);

        Group conn = group(c, "Connection", 4);
        host = text(conn, "Host:", original.host(), 1);
        port = text(conn, "Port (0 = SSH config / 22):", Integer.toString(original.port()), 1);
        user = text(conn, "User (${user.name} = yours):", original.userRule(), 3);
        // login method and key file as controls; the other SSH settings stay key=value lines
        label(conn, "Login:");
        login = new Combo(conn, SWT.READ_ONLY);
        for (AuthMethod m : AuthMethod.values()) {
            login.add(m.label());
        }
        login.setToolTipText("SSH key: your key file (or ~/.ssh/id_*); with none, the cluster's password prompt is offered. "
                + "A cluster that wants a one-time code after the key asks for it in a dialog.\n"
                + "Password: the cluster password.\nKeyboard-interactive: every prompt goes to you (password, one-time codes); "
                + "with a key file, the key is offered first.\nSSH agent: the keys ssh-agent holds (ssh-add), found by "
                + "SSH_AUTH_SOCK or IdentityAgent in ~/.ssh/config; nothing is asked or stored.");
        login.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        String storedAuth = original.properties().get(AUTH_METHOD);
        String loginProblem = null;
        AuthMethod auth = AuthMethod.PUBLIC_KEY;
        try {
            auth = storedAuth == null || storedAuth.isBlank() ? AuthMethod.PUBLIC_KEY : AuthMethod.parse(storedAuth);
        } catch (IllegalArgumentException e) {
            loginProblem = e.getMessage() + "; the login is set to " + AuthMethod.PUBLIC_KEY.label() + ".";
        }
        login.select(auth.ordinal());
        keyFile = text(conn, "Key file (empty = ~/.ssh/id_*):", original.properties().get(KEY_FILE), 2);
        Button browseKey = new Button(conn, SWT.PUSH);
        browseKey.setText("Browse\u2026");
        browseKey.addListener(SWT.Selection, e -> {
            org.eclipse.swt.widgets.FileDialog fd = new org.eclipse.swt.widgets.FileDialog(getShell(), SWT.OPEN);
            fd.setFilterPath(org.namdrunner.core.NamdRunner.userHome().resolve(".ssh").toString());
            String f = fd.open();
            if (f != null) {
                keyFile.setText(f);
            }
        });
        login.addListener(SWT.Selection, e -> keyFile.setEnabled(usesKeyFile(AuthMethod.values()[Math.max(0, login.getSelectionIndex())])));
        keyFile.setEnabled(usesKeyFile(auth));
        label(conn, "Other SSH settings\n(key=value: knownHosts,\nsshConfig, proxyJump):");
        properties = new Text(conn, SWT.MULTI | SWT.BORDER | SWT.V_SCROLL);
        GridData pd = new GridData(SWT.FILL, SWT.FILL, true, false, 3, 1);
        pd.heightHint = 50;
        properties.setLayoutData(pd);
        StringBuilder props = new StringBuilder();
        original.properties().forEach((k, v) -> {
            if (!AUTH_METHOD.equals(k) && !KEY_FILE.equals(k)) {
                props.append(k).append('=').append(v == null ? "" : v).append('\n');
            }
        });
        properties.setText(props.toString());
        if (loginProblem != null) {
            String problem = loginProblem;
            getShell().getDisplay().asyncExec(() -> setErrorMessage(problem));
        }
        properties.addModifyListener(e -> setErrorMessage(null));

        // Discover, the dialog's main action, right below the settings it uses (not below the fold)
        Composite disc = new Composite(c, SWT.NONE);
        disc.setLayout(new GridLayout(2, false));
        disc.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        discoverButton = new Button(disc, SWT.PUSH);
        discoverButton.setText(DISCOVER_BUTTON);
        discoverButton.setToolTipText("Connect with these settings and read partitions, limits, QoS and NAMD modules from the cluster");
        discoverButton.addListener(SWT.Selection, e -> discover());
        discoverStatus = new Label(disc, SWT.WRAP);
        discoverStatus.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        discoverStatus.setText(DISCOVER_HINT);
        // a discovery's outcome belongs to the settings it used: a change of them takes an old message away
        for (Control setting : new Control[] {host, port, user, keyFile, properties}) {
            ((Text) setting).addModifyListener(e -> settingsChanged());
        }
        login.addListener(SWT.Selection, e -> settingsChanged());

        Group roots = group(c, "Job directories and scheduling", 4);
        projectRoot = text(roots, "Job root ($USER allowed):", original.projectRoot(), 3);
        scratchRoot = text(roots, "Scratch root (optional):", original.scratchRoot(), 3);
        account = text(roots, "Account (empty = default):", nullToEmpty(original.account()), 1);
        statusInterval = text(roots, "Min. seconds between status queries:", Integer.toString(original.statusMinIntervalSeconds()), 1);
        qos = text(roots, "QoS (comma-separated):", String.join(", ", original.qos()), 1);
        defaultQos = text(roots, "Default QoS:", nullToEmpty(original.defaultQos()), 1);
        label(roots, "Launcher:");
        launcher = new Combo(roots, SWT.READ_ONLY);
        for (LauncherMode m : LauncherMode.values()) {
            launcher.add(m.label());
        }
        launcher.select(original.launcher().ordinal());
        extraModules = text(roots, "Modules loaded first:", String.join(", ", original.extraModules()), 1);
        label(roots, "Site environment\n(one line each, run before\nevery scheduler command):");
        siteEnvironment = new Text(roots, SWT.MULTI | SWT.BORDER | SWT.V_SCROLL);
        GridData sd = new GridData(SWT.FILL, SWT.FILL, true, false, 3, 1);
        sd.heightHint = 45;
        siteEnvironment.setLayoutData(sd);
        siteEnvironment.setToolTipText("The lines your site documents before Slurm commands, e.g.\nsource /etc/profile\n"
                + "module load slurm/alpine\nThey run as written, in this order, before every scheduler and module command and in the job script.");
        siteEnvironment.setText(String.join("\n", original.siteEnvironment()));

        Group parts = group(c, "Partitions and limits (empty = no limit known)", 1);
        for (PartitionSpec p : original.partitions()) {
            partitionRows.add(partitionRow(p));
        }
        partitions = table(parts, PARTITION_COLUMNS, partitionRows, 1, 140);
        buttons(parts, partitions, partitionRows, () -> new String[] {"partition" + (partitionRows.size() + 1),
                partitionRows.isEmpty() ? "true" : "false", "", "", "", "", "", "", "", "", "", "", ""});

        Group mods = group(c, "NAMD modules", 2);
        for (NamdModule m : original.modules()) {
            moduleRows.add(moduleRow(m));
        }
        modules = table(mods, MODULE_COLUMNS, moduleRows, 2, 90);
        buttons(mods, modules, moduleRows, () -> new String[] {"namd/3.0", "3.0", "", "", ""});
        defaultModule = text(mods, "Default module:", nullToEmpty(original.defaultModule()), 1);


        if (readOnly) {
            setEnabledDeep(c, false);
        }
        scroll.setMinSize(c.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        if (readOnly) {
            createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CLOSE_LABEL, true);
        } else {
            createButton(parent, IDialogConstants.OK_ID, SAVE_BUTTON, true);
            createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        }
    }

    private static void setEnabledDeep(Control c, boolean enabled) {
        if (c instanceof Text t) {
            t.setEditable(enabled);
        } else if (!(c instanceof Composite) || c instanceof Combo || c instanceof org.eclipse.swt.widgets.Table) {
            c.setEnabled(enabled);
        }
        if (c instanceof Composite comp && !(c instanceof org.eclipse.swt.widgets.Table)) {
            for (Control child : comp.getChildren()) {
                setEnabledDeep(child, enabled);
            }
        }
    }

    private static Group group(Composite parent, String title, int columns) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        g.setLayout(new GridLayout(columns, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));
        return g;
    }

    private static void label(Composite parent, String text) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
    }

    private Text text(Composite parent, String label, String value, int span) {
        label(parent, label);
        Text t = new Text(parent, SWT.BORDER);
        t.setText(value == null ? "" : value);
        t.addModifyListener(e -> setErrorMessage(null));
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false, span, 1);
        gd.widthHint = 150;
        t.setLayoutData(gd);
        return t;
    }

    private static String nullToEmpty(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String[] partitionRow(PartitionSpec p) {
        return new String[] {p.name(), Boolean.toString(p.isDefault()), nullToEmpty(p.defaultCores()), nullToEmpty(p.maxCores()),
                nullToEmpty(p.coresPerNode()), nullToEmpty(p.maxNodes()), nullToEmpty(p.defaultMemoryMb()),
                nullToEmpty(p.maxMemoryMb()), nullToEmpty(p.defaultWallMinutes()), nullToEmpty(p.maxWallMinutes()),
                String.join(" ", p.qos()), p.hasGpus() ? Integer.toString(p.gpusPerNode()) : "", String.join(" ", p.gpuTypes())};
    }

    private TableViewer table(Composite parent, String[][] columns, List<String[]> rows, int span, int height) {
        TableViewer v = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        v.getTable().setHeaderVisible(true);
        v.getTable().setLinesVisible(true);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, false, span, 1);
        gd.heightHint = height;
        v.getTable().setLayoutData(gd);
        v.setContentProvider(ArrayContentProvider.getInstance());
        for (int i = 0; i < columns.length; i++) {
            int col = i;
            boolean flag = columns == PARTITION_COLUMNS && i == 1;
            String unit = columns[i].length > 2 ? columns[i][2] : "";
            TableViewerColumn vc = new TableViewerColumn(v, SWT.LEFT);
            vc.getColumn().setText(columns[i][0]);
            vc.getColumn().setWidth(headerFit(v.getTable(), columns[i][0], Integer.parseInt(columns[i][1])));
            vc.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    String[] row = (String[]) element;
                    String s = col < row.length ? row[col] : "";
                    return flag ? (Boolean.parseBoolean(s) ? "\u2713" : "") : withUnit(s, unit);
                }
            });
            vc.setEditingSupport(new EditingSupport(v) {
                @Override
                protected CellEditor getCellEditor(Object element) {
                    return flag ? new CheckboxCellEditor(v.getTable()) : new TextCellEditor(v.getTable());
                }

                @Override
                protected boolean canEdit(Object element) {
                    return !readOnly && col < ((String[]) element).length;
                }

                @Override
                protected Object getValue(Object element) {
                    String[] row = (String[]) element;
                    String s = col < row.length ? row[col] : "";
                    return flag ? Boolean.parseBoolean(s) : s;
                }

                @Override
                protected void setValue(Object element, Object value) {
                    String[] row = (String[]) element;
                    if (flag && Boolean.TRUE.equals(value)) {
                        for (String[] r : rows) {
                            r[1] = "false";   // one default partition
                        }
                    }
                    row[col] = String.valueOf(value).strip();
                    v.refresh();
                }
            });
        }
        v.setInput(rows);
        return v;
    }

    /** A cell's value with its unit ("13817 MB"); the cell editor edits the bare number. */
    static String withUnit(String value, String unit) {
        return value == null || value.isBlank() || unit.isEmpty() ? value : value + " " + unit;
    }

    /** A column at least as wide as its header text (plus the sort/padding room GTK draws), never cut. */
    private static int headerFit(org.eclipse.swt.widgets.Table table, String header, int width) {
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(table);
        try {
            gc.setFont(table.getFont());
            return Math.max(width, gc.textExtent(header).x + 24);
        } finally {
            gc.dispose();
        }
    }

    private void buttons(Composite parent, TableViewer v, List<String[]> rows, java.util.function.Supplier<String[]> newRow) {
        Composite b = new Composite(parent, SWT.NONE);
        b.setLayout(new GridLayout(2, true));
        // a row of its own, so that a label and field added after it share one row
        b.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, ((GridLayout) parent.getLayout()).numColumns, 1));
        Button add = new Button(b, SWT.PUSH);
        add.setText("Add");
        add.addListener(SWT.Selection, e -> {
            String[] row = newRow.get();
            rows.add(row);
            v.refresh();
            v.editElement(row, 0);
        });
        Button remove = new Button(b, SWT.PUSH);
        remove.setText("Remove");
        remove.addListener(SWT.Selection, e -> {
            Object sel = v.getStructuredSelection().getFirstElement();
            if (sel != null) {
                rows.remove(sel);
                v.refresh();
            }
        });
    }

    private void settingsChanged() {
        if (discovery == null && !DISCOVER_HINT.equals(discoverStatus.getText())) {
            discoverStatus.setText(DISCOVER_HINT);
            setErrorMessage(null);
            discoverStatus.getParent().layout(true);
        }
    }

    // ---- reading the form ----

    /**
     * The profile the form describes.
     *
     * @throws IllegalArgumentException with a message for the user when a field is not valid
     */
    public ProfileConfig profileFromForm() {
        ProfileConfig.Builder b = original.toBuilder().name(name.getText().strip()).typeId(typeIds.get(Math.max(0, type.getSelectionIndex())))
                .description(description.getText().strip()).host(host.getText().strip())
                .port(integer("Port", port.getText(), 0, 65535, 0)).userRule(user.getText().strip())
                .projectRoot(projectRoot.getText().strip()).scratchRoot(scratchRoot.getText().strip())
                .account(emptyToNull(account.getText())).qos(list(qos.getText())).defaultQos(emptyToNull(defaultQos.getText()))
                .extraModules(list(extraModules.getText())).launcher(LauncherMode.values()[Math.max(0, launcher.getSelectionIndex())])
                .statusMinIntervalSeconds(integer("Min. seconds between status queries", statusInterval.getText(), 0, 86_400,
                        ProfileConfig.DEFAULT_STATUS_INTERVAL_SECONDS))
                .defaultModule(emptyToNull(defaultModule.getText())).preset(false).contributor(null)
                .siteEnvironment(SiteEnvironment.parse(siteEnvironment.getText()));
        if (name.getText().isBlank()) {
            throw new IllegalArgumentException("The profile needs a name");
        }
        Map<String, String> props = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : properties.getText().split("\\R")) {
            lineNo++;
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("SSH settings line " + lineNo + " is not key=value: " + line.strip());
            }
            String k = line.substring(0, eq).strip();
            if (org.namdrunner.cluster.SettingsTransfer.looksSecret(k)) {
                throw new IllegalArgumentException("'" + k + "' looks like a secret: NAMDRunner asks for passwords when it "
                        + "connects and keeps them only in secure storage");
            }
            if (AUTH_METHOD.equals(k)) {
                throw new IllegalArgumentException("Choose the login method in the Login list, not in the SSH settings");
            }
            if (KEY_FILE.equals(k)) {
                throw new IllegalArgumentException("Give the key file in the Key file field, not in the SSH settings");
            }
            props.put(k, line.substring(eq + 1).strip());
        }
        AuthMethod method = AuthMethod.values()[Math.max(0, login.getSelectionIndex())];
        if (method != AuthMethod.PUBLIC_KEY) {
            props.put(AUTH_METHOD, method.name());
        }
        if (usesKeyFile(method) && !keyFile.getText().isBlank()) {
            props.put(KEY_FILE, keyFile.getText().strip());
        }
        b.properties(props);
        List<PartitionSpec> parts = new ArrayList<>();
        for (String[] r : partitionRows) {
            String pname = r[0].strip();
            String what = "Partition " + pname + ": ";
            parts.add(new PartitionSpec(pname, Boolean.parseBoolean(r[1]), optInt(what + "default cores", r[2]),
                    optInt(what + "max cores", r[3]), optInt(what + "cores per node", r[4]), optInt(what + "max nodes", r[5]),
                    optLong(what + "default memory", r[6]), optLong(what + "max memory", r[7]),
                    optInt(what + "default wall time", r[8]), optInt(what + "max wall time", r[9]), list(r[10]),
                    integer(what + "GPUs per node", r.length > 11 ? r[11] : "", 0, 1024, 0), list(r.length > 12 ? r[12] : "")));
        }
        b.partitions(parts);
        List<NamdModule> mods = new ArrayList<>();
        for (String[] r : moduleRows) {
            LauncherMode own;
            try {
                own = r.length > 4 && !r[4].isBlank() ? LauncherMode.parse(r[4]) : null;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Module " + r[0] + ": " + e.getMessage());
            }
            mods.add(new NamdModule(r[0], r[1], r[2], r.length > 3 ? list(r[3]) : List.of(), own));
        }
        b.modules(mods);
        return b.build();
    }

    private static String[] moduleRow(NamdModule m) {
        return new String[] {m.module(), m.version(), nullToEmpty(m.executable()), String.join(" ", m.prerequisites()),
                m.launcher() == null ? "" : m.launcher().label()};
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static List<String> list(String s) {
        return Arrays.stream(s.split("[,\\s]+")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static int integer(String what, String s, int min, int max, int empty) {
        if (s.isBlank()) {
            return empty;
        }
        try {
            int v = Integer.parseInt(s.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(what + " must be a whole number from " + min + " to " + max + ", not '" + s.strip() + "'");
    }

    private static Integer optInt(String what, String s) {
        return s == null || s.isBlank() ? null : integer(what, s, 0, Integer.MAX_VALUE, 0);
    }

    private static Long optLong(String what, String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(s.strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(what + " must be a whole number of MB, not '" + s.strip() + "'");
    }

    @Override
    protected void okPressed() {
        if (readOnly) {
            super.okPressed();
            return;
        }
        try {
            ProfileConfig p = profileFromForm();
            saved = isNew ? registry.add(p) : registry.update(p);
        } catch (IllegalArgumentException | ClusterException e) {
            setErrorMessage(NamdRunnerUi.message(e));
            return;
        }
        Job d = discovery;
        if (d != null) {
            d.cancel();
        }
        super.okPressed();
    }

    @Override
    public boolean close() {
        Job d = discovery;
        if (d != null) {
            d.cancel();
        }
        return super.close();
    }

    /** Whether two versions of a profile log in the same way (same id, host, port, user and SSH properties). */
    static boolean sameLogin(ProfileConfig a, ProfileConfig b) {
        String me = System.getProperty("user.name");
        if (!a.id().equals(b.id()) || !a.host().equals(b.host()) || a.port() != b.port()
                || !java.util.Objects.equals(a.resolveUser(me), b.resolveUser(me))) {
            return false;
        }
        for (String k : List.of(KEY_FILE, "knownHosts", "sshConfig", "proxyJump")) {
            if (!java.util.Objects.equals(a.property(k), b.property(k))) {
                return false;
            }
        }
        return loginMethod(a) == loginMethod(b);
    }

    private static AuthMethod loginMethod(ProfileConfig p) {
        String m = p.property(AUTH_METHOD);
        try {
            return m == null || m.isBlank() ? AuthMethod.PUBLIC_KEY : AuthMethod.parse(m);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the login method uses the key file (a key login; keyboard-interactive offers the key first). */
    private static boolean usesKeyFile(AuthMethod m) {
        return m == AuthMethod.PUBLIC_KEY || m == AuthMethod.KEYBOARD_INTERACTIVE;
    }

    /** The profile as saved by Save, or null. */
    public ProfileConfig saved() {
        return saved;
    }

    // ---- discovery ----

    /** Connects with the profile as typed and runs its type's discovery in an Eclipse job. */
    Job discover() {
        ProfileConfig p;
        try {
            p = profileFromForm();
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            return null;
        }
        setErrorMessage(null);
        discoverButton.setEnabled(false);
        discoverStatus.setText("Connecting to " + (p.host().isEmpty() ? p.name() : p.host()) + "\u2026");
        discoverStatus.getParent().layout(true);
        org.eclipse.swt.widgets.Display display = getShell().getDisplay();
        Job job = new Job("Discovering cluster " + p.name()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                DiscoveryResult result;
                try {
                    // the saved profile while it is connected: over that connection (a two-factor login is not asked
                    // again); settings as typed: over a connection of their own, to try exactly them
                    org.namdrunner.cluster.ConnectionContext context = sameLogin(p, original) && WorkbenchSessions.needsConnection(p)
                            && WorkbenchSessions.isConnected(p) ? new WorkbenchSessions.Connector()
                                    : new SshConnectionContext(RemoteUi.interaction(), RemoteUi.secrets(), RemoteUi.commandLog());
                    try (ClusterSession session = registry.type(p.typeId()).connect(p, context, monitor)) {
                        result = session.discover(monitor);
                    }
                } catch (ClusterException | RuntimeException e) {
                    String msg = monitor.isCanceled() ? "Discovery cancelled." : "Discovery failed: " + NamdRunnerUi.message(e);
                    display.asyncExec(() -> discovered(null, msg));
                    return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
                }
                display.asyncExec(() -> discovered(result, null));
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == ProfileDialog.class;
            }
        };
        job.setUser(true);
        discovery = job;
        job.schedule();
        return job;
    }

    private void discovered(DiscoveryResult result, String error) {
        discovery = null;
        if (getShell() == null || getShell().isDisposed()) {
            return;
        }
        discoverButton.setEnabled(!readOnly);
        if (result == null) {
            discoverStatus.setText(error);
            setErrorMessage(error);
            discoverStatus.getParent().layout(true);
            return;
        }
        ProfileConfig applied = result.applyTo(profileFromFormOrOriginal());
        partitionRows.clear();
        for (PartitionSpec s : applied.partitions()) {
            partitionRows.add(partitionRow(s));
        }
        moduleRows.clear();
        for (NamdModule m : applied.modules()) {
            moduleRows.add(moduleRow(m));
        }
        qos.setText(String.join(", ", applied.qos()));
        defaultModule.setText(nullToEmpty(applied.defaultModule()));
        partitions.refresh();
        modules.refresh();
        String text = "Found " + result.partitions().size() + " partition(s), " + result.namd().size() + " NAMD module(s)"
                + (result.qos().isEmpty() ? "" : ", " + result.qos().size() + " QoS")
                + ". Check them and Save." + (result.warnings().isEmpty() ? "" : " Notes: " + String.join("; ", result.warnings()));
        discoverStatus.setText(text);
        discoverStatus.getParent().layout(true);
        setErrorMessage(null);
    }

    private ProfileConfig profileFromFormOrOriginal() {
        try {
            return profileFromForm();
        } catch (IllegalArgumentException e) {
            return original;
        }
    }

    // ---- for tests ----

    public Text getNameText() {
        return name;
    }

    Text getHostText() {
        return host;
    }

    Text getPortText() {
        return port;
    }

    Text getUserText() {
        return user;
    }

    Combo getLoginCombo() {
        return login;
    }

    Text getKeyFileText() {
        return keyFile;
    }

    Text getPropertiesText() {
        return properties;
    }

    Text getProjectRootText() {
        return projectRoot;
    }

    Text getStatusIntervalText() {
        return statusInterval;
    }

    Text getSiteEnvironmentText() {
        return siteEnvironment;
    }

    Text getQosText() {
        return qos;
    }

    Combo getTypeCombo() {
        return type;
    }

    /** The partition rows (name, default, limits..., QoS) shown in the table; call {@link #refreshTables()} after changes. */
    List<String[]> getPartitionRows() {
        return partitionRows;
    }

    List<String[]> getModuleRows() {
        return moduleRows;
    }

    public TableViewer getPartitionsViewer() {
        return partitions;
    }

    void refreshTables() {
        partitions.refresh();
        modules.refresh();
    }

    Button getDiscoverButton() {
        return discoverButton;
    }

    Label getDiscoverStatus() {
        return discoverStatus;
    }
}

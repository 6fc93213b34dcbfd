package org.namdrunner.ui.wizards;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.namdrunner.automation.draft.JobDraft;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.Resources;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.preferences.SettingKeys;
import org.namdrunner.ui.remote.RemoteUi;
import org.namdrunner.ui.remote.WorkbenchSessions;

/**
 * Page 1: job name, cluster profile (connect when needed), partition with its limits, QoS, cores, memory, wall
 * time and the local results folder. Every change is checked at once against the partition's limits; the messages
 * name the limit ("... allows at most 2 cores per job (max cores)").
 */
public class ResourcesPage extends WizardPage {

    public static final String PAGE_NAME = "resources";
    static final String DEFAULT_QOS = "(default)";

    private final JobDraft draft;
    private final List<ProfileConfig> profiles = new ArrayList<>();
    private final Runnable connectionListener = () -> {
        if (getControl() != null && !getControl().isDisposed()) {
            getControl().getDisplay().asyncExec(this::updateConnection);
        }
    };

    private Text nameText;
    /** Whether the user typed a name yet: until then an empty name is asked for, not reported as an error. */
    private boolean nameTouched;
    private Combo profileCombo;
    private Label connectionLabel;
    private Button connectButton;
    private Combo partitionCombo;
    private Label limitsLabel;
    private Combo qosCombo;
    private Spinner coresSpinner;
    private Spinner gpusSpinner;
    private Combo gpuTypeCombo;
    private Label gpuHint;
    private Label nodesLabel;
    private Text memoryText;
    private Spinner hoursSpinner;
    private Spinner minutesSpinner;
    private Text resultsText;
    private Spinner prioritySpinner;
    private Label problemsLabel;
    /** The cost in core- and GPU-hours and, when the steps and a measured speed are known, the time they need. */
    private Label estimateLabel;
    private boolean updating;

    private final String nameLabel;

    ResourcesPage(JobDraft draft) {
        this(draft, "&Job name:", "Name the job and choose where it runs and what it may use.");
    }

    /** The page with another label for the name (the sweep wizard's "Base name"). */
    ResourcesPage(JobDraft draft, String nameLabel, String description) {
        super(PAGE_NAME);
        this.draft = draft;
        this.nameLabel = nameLabel;
        setTitle("Resources");
        setDescription(description);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout gl = new GridLayout(4, false);
        gl.horizontalSpacing = 8;
        gl.verticalSpacing = 6;
        c.setLayout(gl);

        label(c, nameLabel);
        nameText = new Text(c, SWT.BORDER);
        nameText.setMessage("e.g. ubiquitin equilibration");
        nameText.setToolTipText("Shown in the Jobs view; also names the job's folder on the cluster");
        span(nameText, 3);

        label(c, "Cluster &profile:");
        profileCombo = new Combo(c, SWT.READ_ONLY);
        profileCombo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        connectButton = new Button(c, SWT.PUSH);
        connectButton.setText("&Connect");
        connectButton.setToolTipText("Connect to the cluster of this profile now (otherwise Finish connects)");

        new Label(c, SWT.NONE);
        connectionLabel = new Label(c, SWT.NONE);
        span(connectionLabel, 3);

        label(c, "P&artition:");
        partitionCombo = new Combo(c, SWT.READ_ONLY);
        span(partitionCombo, 3);

        Label lim = label(c, "Limits:");
        lim.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        limitsLabel = new Label(c, SWT.WRAP);
        GridData ld = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
        ld.widthHint = 500;
        limitsLabel.setLayoutData(ld);

        label(c, "&QoS:");
        qosCombo = new Combo(c, SWT.READ_ONLY);
        span(qosCombo, 3);

        label(c, "Core&s:");
        coresSpinner = new Spinner(c, SWT.BORDER);
        coresSpinner.setValues(1, 1, 1_000_000, 0, 1, 16);
        coresSpinner.setToolTipText("Total cores (tasks) for NAMD");
        nodesLabel = new Label(c, SWT.NONE);
        span(nodesLabel, 2);

        // GPUs: offered only where the partition's nodes have them (the profile's partition model, from discovery)
        label(c, "GPUs per node:");
        Composite gpu = new Composite(c, SWT.NONE);
        GridLayout gpuLayout = new GridLayout(4, false);
        gpuLayout.marginWidth = 0;
        gpuLayout.marginHeight = 0;
        gpu.setLayout(gpuLayout);
        span(gpu, 3);
        gpusSpinner = new Spinner(gpu, SWT.BORDER);
        gpusSpinner.setValues(0, 0, 0, 0, 1, 1);
        gpusSpinner.setToolTipText("GPUs per node the job asks the scheduler for; 0: none");
        new Label(gpu, SWT.NONE).setText("type:");
        gpuTypeCombo = new Combo(gpu, SWT.READ_ONLY);
        gpuTypeCombo.setToolTipText("GPU type of the partition's nodes; any: the scheduler chooses");
        gpuHint = new Label(gpu, SWT.NONE);
        gpuHint.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        label(c, "&Memory per node:");
        memoryText = new Text(c, SWT.BORDER);
        memoryText.setMessage("partition default");
        memoryText.setToolTipText("Memory per node, e.g. 4GB or 500MB; empty: the partition's default");
        GridData md = new GridData(SWT.FILL, SWT.CENTER, false, false);
        md.widthHint = 120;
        memoryText.setLayoutData(md);
        Label mh = new Label(c, SWT.NONE);
        mh.setText("e.g. 4GB, 500MB");
        span(mh, 2);

        label(c, "&Wall time:");
        Composite wall = new Composite(c, SWT.NONE);
        GridLayout wl = new GridLayout(4, false);
        wl.marginWidth = 0;
        wl.marginHeight = 0;
        wall.setLayout(wl);
        span(wall, 3);
        hoursSpinner = new Spinner(wall, SWT.BORDER);
        hoursSpinner.setValues(1, 0, 99_999, 0, 1, 24);
        hoursSpinner.setToolTipText("Hours of the wall-time limit");
        new Label(wall, SWT.NONE).setText("h");
        minutesSpinner = new Spinner(wall, SWT.BORDER);
        minutesSpinner.setValues(0, 0, 59, 0, 1, 15);
        minutesSpinner.setToolTipText("Minutes of the wall-time limit");
        new Label(wall, SWT.NONE).setText("min");
        new Label(c, SWT.NONE);
        estimateLabel = new Label(c, SWT.WRAP);
        GridData ed = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
        ed.widthHint = 420;
        estimateLabel.setLayoutData(ed);

        label(c, "Priorit&y:");
        prioritySpinner = new Spinner(c, SWT.BORDER);
        prioritySpinner.setValues(0, -1000, 1000, 0, 1, 10);
        prioritySpinner.setToolTipText("Order in the profile's submission queue: higher is submitted first when the profile's "
                + "cap of jobs in the cluster queue holds jobs back (can be changed in the Jobs view while the job waits)");
        prioritySpinner.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 3, 1));

        label(c, "&Results folder:");
        resultsText = new Text(c, SWT.BORDER);
        resultsText.setToolTipText("Logs and results are downloaded into a sub-folder named after the job");
        resultsText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("Br&owse\u2026");
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog d = new DirectoryDialog(getShell());
            d.setText("Results Folder");
            d.setFilterPath(resultsText.getText());
            String dir = d.open();
            if (dir != null) {
                resultsText.setText(dir);
            }
        });

        problemsLabel = new Label(c, SWT.WRAP);
        GridData pd = new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1);
        pd.verticalIndent = 8;
        pd.widthHint = 500;
        problemsLabel.setLayoutData(pd);
        problemsLabel.setForeground(c.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));

        fill();
        nameText.addModifyListener(e -> {
            nameTouched = true;
            changed();
        });
        profileCombo.addListener(SWT.Selection, e -> profileChanged());
        partitionCombo.addListener(SWT.Selection, e -> partitionChanged());
        qosCombo.addListener(SWT.Selection, e -> changed());
        coresSpinner.addModifyListener(e -> changed());
        gpusSpinner.addModifyListener(e -> changed());
        gpuTypeCombo.addListener(SWT.Selection, e -> changed());
        memoryText.addModifyListener(e -> changed());
        hoursSpinner.addModifyListener(e -> changed());
        minutesSpinner.addModifyListener(e -> changed());
        resultsText.addModifyListener(e -> changed());
        connectButton.addListener(SWT.Selection, e -> {
            ProfileConfig p = selectedProfile();
            if (p != null && WorkbenchSessions.needsConnection(p)) {
                RemoteUi.connectJob(WorkbenchSessions.settings(p), p.name());
                connectionLabel.setText("Connecting to " + p.host() + "\u2026");
            }
        });
        RemoteUi.addListener(connectionListener);
        c.addListener(SWT.Dispose, e -> RemoteUi.removeListener(connectionListener));
        setControl(c);
        changed();
        nameText.setFocus();
    }

    /**
     * GTK draws a button that was made sensitive before its page was first mapped as still greyed out (it works, but
     * looks disabled). Once the page shows, the button's state is applied again, now to a mapped widget.
     */
    @Override
    public void setVisible(boolean visible) {
        super.setVisible(visible);
        if (visible) {
            changed(); // back from the Configure page: the steps are known now
        }
        if (visible && connectButton != null && !connectButton.isDisposed()) {
            connectButton.getDisplay().asyncExec(() -> {
                if (!connectButton.isDisposed()) {
                    boolean enabled = connectButton.getEnabled();
                    connectButton.setEnabled(!enabled);
                    connectButton.setEnabled(enabled);
                }
            });
        }
    }

    private static Label label(Composite c, String text) {
        Label l = new Label(c, SWT.NONE);
        l.setText(text);
        return l;
    }

    private static void span(org.eclipse.swt.widgets.Control w, int columns) {
        w.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, columns, 1));
    }

    private void fill() {
        ProfileConfig active = null;
        try {
            ClusterProfileRegistry registry = WorkbenchSessions.registry();
            for (ProfileConfig p : registry.all()) {
                if (registry.typeIds().contains(p.typeId())) { // skip profiles of types no installed plugin provides
                    profiles.add(p);
                }
            }
            active = registry.active().orElse(null);
        } catch (RuntimeException e) {
            setErrorMessage("Cannot read the cluster profiles: " + NamdRunnerUi.message(e));
        }
        for (ProfileConfig p : profiles) {
            profileCombo.add(p.name() + (p.preset() ? "  (" + org.namdrunner.ui.preferences.ClusterProfilesPreferencePage.kind(p).toLowerCase(java.util.Locale.ROOT) + ")" : ""));
        }
        int idx = active == null ? 0 : Math.max(0, indexOf(active.id()));
        if (!profiles.isEmpty()) {
            profileCombo.select(idx);
        }
        resultsText.setText(org.namdrunner.core.NamdRunner.defaultResultsRoot().toString());
        profileChanged();
    }

    private int indexOf(String profileId) {
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).id().equals(profileId)) {
                return i;
            }
        }
        return -1;
    }

    /** Selects a profile by id (used by tests and by callers that preselect one). */
    public boolean selectProfile(String profileId) {
        int i = indexOf(profileId);
        if (i < 0) {
            return false;
        }
        profileCombo.select(i);
        profileChanged();
        return true;
    }

    ProfileConfig selectedProfile() {
        int i = profileCombo.getSelectionIndex();
        return i < 0 || i >= profiles.size() ? null : profiles.get(i);
    }

    private void profileChanged() {
        ProfileConfig p = selectedProfile();
        updating = true;
        try {
            partitionCombo.removeAll();
            if (p != null) {
                for (PartitionSpec s : p.partitions()) {
                    partitionCombo.add(s.name() + (s.isDefault() ? "  (default)" : ""));
                }
                // the preferences' default partition when this profile has it, else the profile's default
                String preferred = settingText(SettingKeys.DEFAULT_PARTITION);
                PartitionSpec def = (preferred == null ? java.util.Optional.<PartitionSpec>empty() : p.partition(preferred))
                        .or(p::defaultPartition).orElse(null);
                if (def != null) {
                    partitionCombo.select(p.partitions().indexOf(def));
                }
            }
            partitionCombo.setEnabled(partitionCombo.getItemCount() > 0);
            applyPartitionDefaults();
        } finally {
            updating = false;
        }
        updateConnection();
        changed();
    }

    private void partitionChanged() {
        updating = true;
        try {
            applyPartitionDefaults();
        } finally {
            updating = false;
        }
        changed();
    }

    /** Cores, memory and wall time from the partition's defaults (else the preferences' default resources). */
    private void applyPartitionDefaults() {
        ProfileConfig p = selectedProfile();
        PartitionSpec part = selectedPartition();
        qosCombo.removeAll();
        qosCombo.add(p != null && p.defaultQos() != null ? DEFAULT_QOS.replace(")", ": " + p.defaultQos() + ")") : DEFAULT_QOS);
        List<String> qos = part != null && !part.qos().isEmpty() ? part.qos() : p == null ? List.of() : p.qos();
        qos.forEach(qosCombo::add);
        qosCombo.select(0);
        qosCombo.setEnabled(qosCombo.getItemCount() > 1);
        Integer cores = part != null && part.defaultCores() != null ? part.defaultCores() : setting(SettingKeys.DEFAULT_CORES);
        coresSpinner.setSelection(cores == null ? 1 : cores);
        Long mem = part != null && part.defaultMemoryMb() != null ? part.defaultMemoryMb()
                : setting(SettingKeys.DEFAULT_MEMORY_MB) == null ? null : setting(SettingKeys.DEFAULT_MEMORY_MB).longValue();
        memoryText.setText(mem == null ? "" : Resources.humanMemory(mem).replace(" ", ""));
        Integer wall = part != null && part.defaultWallMinutes() != null ? part.defaultWallMinutes()
                : setting(SettingKeys.DEFAULT_WALL_TIME_MINUTES);
        int w = wall == null ? 60 : wall;
        hoursSpinner.setSelection(w / 60);
        minutesSpinner.setSelection(w % 60);
        applyPartitionGpus(part);
        limitsLabel.setText(limits(p, part));
    }

    /** GPU count 0..the partition's GPUs per node, its types; disabled (0) where the partition has no GPUs. */
    private void applyPartitionGpus(PartitionSpec part) {
        int max = part == null ? 0 : part.gpusPerNode();
        gpusSpinner.setValues(0, 0, max, 0, 1, 1);
        gpusSpinner.setEnabled(max > 0);
        gpuTypeCombo.removeAll();
        gpuTypeCombo.add(ANY_GPU_TYPE);
        if (part != null) {
            part.gpuTypes().forEach(gpuTypeCombo::add);
        }
        gpuTypeCombo.select(0);
        gpuTypeCombo.setEnabled(max > 0 && gpuTypeCombo.getItemCount() > 1);
        gpuHint.setText(part == null ? "" : max > 0 ? "up to " + max + " on partition '" + part.name() + "'"
                : "partition '" + part.name() + "' has no GPUs");
        gpuHint.getParent().layout(true);
    }

    static final String ANY_GPU_TYPE = "any";

    private static String settingText(String key) {
        try {
            return NamdRunnerUi.store().settings().get(key).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Integer setting(String key) {
        try {
            return NamdRunnerUi.store().settings().get(key).map(v -> Integer.parseInt(v.strip())).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    PartitionSpec selectedPartition() {
        ProfileConfig p = selectedProfile();
        int i = partitionCombo.getSelectionIndex();
        return p == null || i < 0 || i >= p.partitions().size() ? null : p.partitions().get(i);
    }

    /** "at most 2 cores per job · 2 cores per node · ..." for the limits line. */
    static String limits(ProfileConfig p, PartitionSpec part) {
        if (p == null) {
            return "";
        }
        if (part == null) {
            return "This profile lists no partitions: the scheduler's defaults apply.";
        }
        List<String> l = new ArrayList<>();
        if (part.maxCores() != null) {
            l.add("max cores " + part.maxCores());
        }
        if (part.coresPerNode() != null) {
            l.add(org.namdrunner.ui.jobs.JobFormat.count(part.coresPerNode(), "core") + " per node");
        }
        if (part.maxNodes() != null) {
            l.add("max nodes " + part.maxNodes());
        }
        if (part.maxMemoryMb() != null) {
            l.add("max memory " + Resources.humanMemory(part.maxMemoryMb()) + " per node");
        }
        l.add(part.maxWallMinutes() != null ? "max wall time " + Resources.humanMinutes(part.maxWallMinutes())
                : "unlimited wall time");
        if (!part.qos().isEmpty()) {
            l.add("QoS " + String.join(", ", part.qos()));
        }
        if (part.hasGpus()) {
            l.add(org.namdrunner.ui.jobs.JobFormat.count(part.gpusPerNode(), "GPU") + " per node"
                    + (part.gpuTypes().isEmpty() ? "" : " (" + String.join(", ", part.gpuTypes()) + ")"));
        }
        String s = String.join("  \u00b7  ", l);
        return part.maxCores() == null && part.maxMemoryMb() == null && part.maxWallMinutes() == null
                ? s + "  (no other limits known)" : s;
    }

    private void updateConnection() {
        if (connectionLabel == null || connectionLabel.isDisposed()) {
            return;
        }
        ProfileConfig p = selectedProfile();
        if (p == null) {
            connectionLabel.setText("");
            connectButton.setEnabled(false);
        } else if (WorkbenchSessions.isLocal(p)) {
            connectionLabel.setText("Runs on this computer: no connection needed.");
            connectButton.setEnabled(false);
        } else if (!WorkbenchSessions.needsConnection(p)) {
            connectionLabel.setText("");
            connectButton.setEnabled(false);
        } else if (WorkbenchSessions.isConnected(p)) {
            connectionLabel.setText("Connected to " + p.host() + ".");
            connectButton.setEnabled(false);
        } else {
            connectionLabel.setText("Not connected to " + p.host() + ": Connect now, or Finish connects.");
            connectButton.setEnabled(true);
        }
        connectionLabel.getParent().layout(true);
    }

    /** Reads the widgets into the draft and shows every problem. */
    void changed() {
        if (updating || problemsLabel == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        ProfileConfig p = selectedProfile();
        PartitionSpec part = selectedPartition();
        Long memory = null;
        String mt = memoryText.getText().strip();
        if (!mt.isEmpty()) {
            try {
                memory = Resources.parseMemoryMb(mt);
            } catch (NumberFormatException e) {
                problems.add("Memory '" + mt + "' is not a size like 4GB or 500MB");
            }
        }
        int qi = qosCombo.getSelectionIndex();
        String qos = qi <= 0 ? null : qosCombo.getItem(qi);
        int wall = hoursSpinner.getSelection() * 60 + minutesSpinner.getSelection();
        int gi = gpuTypeCombo.getSelectionIndex();
        String gpuType = gi <= 0 ? null : gpuTypeCombo.getItem(gi);
        draft.name(nameText.getText()).profile(p).resources(new ResourceRequest(part == null ? null : part.name(), qos,
                coresSpinner.getSelection(), null, memory, wall, null, gpusSpinner.getSelection(), gpuType));
        problems.addAll(0, draft.resourceProblems());
        if (p != null) {
            // a profile that cannot start NAMD (e.g. this computer without NAMD) is refused before anything is created
            try {
                problems.addAll(WorkbenchSessions.registry().type(p.typeId()).namdProblems(p, p.module(draft.module()).orElse(null)));
            } catch (org.namdrunner.cluster.ClusterException | RuntimeException e) {
                // a profile of a type no plugin provides is reported by the resource checks
            }
        }
        Path results = null;
        String rt = resultsText.getText().strip();
        if (rt.isEmpty()) {
            problems.add("Choose a results folder (logs and results are downloaded there)");
        } else {
            try {
                results = Path.of(rt);
                if (!results.isAbsolute()) {
                    problems.add("The results folder must be an absolute path, not '" + rt + "'");
                }
            } catch (RuntimeException e) {
                problems.add("Not a folder path: '" + rt + "'");
            }
        }
        draft.localResultsDir(results);
        Resources r = draft.resolvedResources();
        nodesLabel.setText(r == null ? "" : r.nodes() == 1 ? "on 1 node" : "on " + r.nodes() + " nodes ("
                + org.namdrunner.ui.jobs.JobFormat.count(r.coresPerNode(), "core") + " per node)");
        Double ch = draft.coreHours();
        org.namdrunner.automation.draft.RunEstimate est = runEstimate();
        String estimate = ch == null ? "" : "Estimated cost: " + org.namdrunner.automation.draft.JobDraft.formatCoreHours(ch)
                + (est != null && est.gpusPerNode() > 0 ? String.format(java.util.Locale.ROOT, " (%.1f GPU-hours)", est.gpuHours()) : "") + ".";
        showEstimate(est);
        if (problems.isEmpty()) {
            setErrorMessage(null);
            setMessage(estimate.isEmpty() ? null : estimate, IMessageProvider.INFORMATION);
            problemsLabel.setText("");
        } else {
            // a fresh wizard asks for the name instead of greeting the user with an error about it
            List<String> shown = !nameTouched && nameText.getText().isBlank()
                    ? problems.stream().filter(m -> !m.equals(org.namdrunner.cluster.Names.JOB_NEEDS_NAME)).toList() : problems;
            if (shown.isEmpty()) {
                setErrorMessage(null);
                setMessage("Give the job a name.", IMessageProvider.NONE);
                problemsLabel.setText("");
            } else {
                setErrorMessage(shown.get(0));
                problemsLabel.setText(shown.size() == 1 ? "" : String.join("\n", shown.stream().map(s -> "\u2022 " + s).toList()));
            }
        }
        setPageComplete(problems.isEmpty());
        ((Composite) getControl() == null ? problemsLabel.getParent() : (Composite) getControl()).layout(true);
    }

    /** The estimate of the request at the newest measured speed of a job of this profile and template, or null. */
    private org.namdrunner.automation.draft.RunEstimate runEstimate() {
        ProfileConfig p = draft.profile();
        org.namdrunner.automation.draft.RunEstimate.Speed speed = null;
        if (p != null && draft.template() != null) {
            try {
                speed = org.namdrunner.automation.draft.RunEstimate.measured(NamdRunnerUi.store(), p.id(), draft.template().id());
            } catch (RuntimeException e) {
                speed = null; // no store: no speed
            }
        }
        return draft.runEstimate(speed);
    }

    /** "Costs … core-hours (… GPU-hours)." and the time the steps need, or the warning that the wall time is too short. */
    private void showEstimate(org.namdrunner.automation.draft.RunEstimate est) {
        if (estimateLabel == null || estimateLabel.isDisposed()) {
            return;
        }
        String text = est == null ? "" : (est.costText() + " " + (est.tooShort() ? est.warning() : est.needText())).strip();
        estimateLabel.setText(text);
        estimateLabel.setForeground(est != null && est.tooShort()
                ? estimateLabel.getDisplay().getSystemColor(SWT.COLOR_DARK_YELLOW) : null);
    }

    /** The estimate line under the wall time (cost, time needed, or the warning that the wall time is too short). */
    String estimateText() {
        return estimateLabel.getText();
    }

    /** The results folder chosen (absolute), or null. */
    public Path resultsRoot() {
        return draft.localResultsDir();
    }

    /** The messages shown now: the page's error message and the listed problems. */
    public List<String> shownProblems() {
        List<String> out = new ArrayList<>();
        if (getErrorMessage() != null) {
            out.add(getErrorMessage());
        }
        for (String s : problemsLabel.getText().split("\n")) {
            if (!s.isBlank()) {
                out.add(s.replace("\u2022 ", ""));
            }
        }
        return out;
    }

    // widgets for tests (driven directly, without SWTBot)
    public Text nameText() {
        return nameText;
    }

    public Combo profileCombo() {
        return profileCombo;
    }

    Combo partitionCombo() {
        return partitionCombo;
    }

    public Combo qosCombo() {
        return qosCombo;
    }

    Spinner coresSpinner() {
        return coresSpinner;
    }

    /** GPUs per node (enabled only where the partition has GPUs). */
    Spinner gpusSpinner() {
        return gpusSpinner;
    }

    Combo gpuTypeCombo() {
        return gpuTypeCombo;
    }

    Label gpuHint() {
        return gpuHint;
    }

    Text memoryText() {
        return memoryText;
    }

    Spinner hoursSpinner() {
        return hoursSpinner;
    }

    Spinner minutesSpinner() {
        return minutesSpinner;
    }

    /** The job's priority in the submission queue. */
    public int priority() {
        return prioritySpinner.getSelection();
    }

    Spinner prioritySpinner() {
        return prioritySpinner;
    }

    Text resultsText() {
        return resultsText;
    }

    Label limitsLabel() {
        return limitsLabel;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

package org.namdrunner.ui.preferences;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.namdrunner.ui.internal.FilePrompt;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.SettingsTransfer;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * Preferences > NAMDRunner > Cluster Profiles: every profile of the installation — built-in ones and presets
 * contributed by plugins (read-only, "Duplicate") and the user's own (add, edit, duplicate, delete) — with
 * discovery of partitions, limits and NAMD modules in the profile dialog; and export/import of the user's profiles
 * and settings as one JSON file without secrets. Profile changes are saved when their dialog is saved.
 */
public class ClusterProfilesPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    public static final String ID = "org.namdrunner.ui.preferences.profiles";
    public static final String DELETE_TITLE = "Delete Cluster Profile";
    public static final String DUPLICATE = "Duplicate";
    public static final String IMPORT_TITLE = "Import Settings";


    /** The file questions of this screen (asked through the FilePrompts service). */
    private static final FilePrompt FILES = new FilePrompt("Export NAMDRunner Settings", IMPORT_TITLE, "*.json", "NAMDRunner settings (*.json)");

    private ClusterProfileRegistry registry;
    private final List<ProfileConfig> profiles = new ArrayList<>();
    private TableViewer viewer;
    private Button addButton;
    private Button editButton;
    private Button duplicateButton;
    private Button deleteButton;
    private Label info;
    private Button exportButton;
    private Button importButton;
    private Label transferOutcome;

    public ClusterProfilesPreferencePage() {
        setDescription("The clusters NAMDRunner can run jobs on. Built-in profiles and presets from plugins are read-only: "
                + "duplicate one to change it.");
        noDefaultAndApplyButton();
    }

    @Override
    public void init(IWorkbench workbench) {
    }

    /** Built-in (shipped with NAMDRunner), Preset (from another plugin) or User. */
    public static String kind(ProfileConfig p) {
        if (!p.preset()) {
            return "User";
        }
        String c = p.contributor();
        return c == null || c.startsWith("org.namdrunner.cluster") ? "Built-in" : "Preset";
    }

    @Override
    protected Control createContents(Composite parent) {
        registry = ClusterProfileRegistry.fromExtensions(new StoreProfileRepository(NamdRunnerUi.store()));
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout gl = new GridLayout(2, false);
        gl.marginWidth = 0;
        c.setLayout(gl);

        viewer = new TableViewer(c, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        GridData td = new GridData(SWT.FILL, SWT.FILL, true, true);
        td.heightHint = 200;
        td.widthHint = 320;
        viewer.getTable().setLayoutData(td);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("Name", 150, p -> p.name());
        column("Kind", 70, p -> kind(p) + (kind(p).equals("Preset") && p.contributor() != null ? " (" + p.contributor() + ")" : ""));
        column("Type", 120, p -> registry.typeName(p.typeId()));
        column("Host", 140, p -> p.host().isEmpty() ? "\u2014" : p.host() + (p.port() > 0 && p.port() != 22 ? ":" + p.port() : ""));
        viewer.addSelectionChangedListener(e -> updateButtons());
        viewer.addDoubleClickListener(e -> edit());

        Composite buttons = new Composite(c, SWT.NONE);
        buttons.setLayout(new GridLayout(1, true));
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        addButton = button(buttons, "&Add\u2026", this::add);
        editButton = button(buttons, "&Edit\u2026", this::edit);
        duplicateButton = button(buttons, DUPLICATE, this::duplicate);
        deleteButton = button(buttons, "&Delete\u2026", this::delete);

        info = new Label(c, SWT.WRAP);
        GridData infoData = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        infoData.widthHint = 300;
        info.setLayoutData(infoData);

        Group transfer = new Group(c, SWT.NONE);
        transfer.setText("Settings transfer");
        transfer.setLayout(new GridLayout(3, false));
        transfer.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        Label tl = new Label(transfer, SWT.WRAP);
        tl.setText("Your profiles and preferences as one JSON file, for another computer. Passwords and other secrets "
                + "are never part of it.");
        GridData tld = new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1);
        tld.widthHint = 300;
        tl.setLayoutData(tld);
        exportButton = button(transfer, "E&xport Settings\u2026", this::exportSettings);
        importButton = button(transfer, "&Import Settings\u2026", this::importSettings);
        transferOutcome = new Label(transfer, SWT.WRAP);
        GridData outcomeData = new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1);
        outcomeData.widthHint = 300;
        transferOutcome.setLayoutData(outcomeData);

        refresh(null);
        return c;
    }

    private void column(String header, int width, java.util.function.Function<ProfileConfig, String> text) {
        TableViewerColumn vc = new TableViewerColumn(viewer, SWT.LEFT);
        vc.getColumn().setText(header);
        vc.getColumn().setWidth(width);
        vc.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((ProfileConfig) element);
            }
        });
    }

    private static Button button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    /** Reads the profiles again and selects the one with {@code selectId}. */
    private void refresh(String selectId) {
        profiles.clear();
        try {
            profiles.addAll(registry.all());
        } catch (RuntimeException e) {
            setErrorMessage("Cannot read the cluster profiles: " + NamdRunnerUi.message(e));
        }
        viewer.setInput(profiles);
        ProfileConfig sel = profiles.stream().filter(p -> p.id().equals(selectId)).findFirst()
                .orElse(profiles.isEmpty() ? null : profiles.get(0));
        viewer.setSelection(sel == null ? StructuredSelection.EMPTY : new StructuredSelection(sel), true);
        updateButtons();
    }

    private ProfileConfig selected() {
        return (ProfileConfig) viewer.getStructuredSelection().getFirstElement();
    }

    private void updateButtons() {
        ProfileConfig p = selected();
        boolean user = p != null && !p.preset();
        // labels stay the same whatever is selected (buttons that rename themselves shift); tooltips say more
        editButton.setToolTipText(p != null && p.preset() ? "Shows the settings; built-in profiles and presets are read-only"
                : "Change the profile's settings");
        editButton.setEnabled(p != null);
        duplicateButton.setToolTipText(p != null && p.preset() ? "Copy it into a profile of your own that you can edit"
                : "Copy the profile");
        duplicateButton.setEnabled(p != null);
        deleteButton.setEnabled(user);
        if (p == null) {
            info.setText("");
        } else if (p.preset()) {
            info.setText("'" + p.name() + "' is " + kind(p).toLowerCase(Locale.ROOT) + (p.contributor() == null ? ""
                    : " (from " + p.contributor() + ")") + " and read-only. Use " + DUPLICATE + " to change a copy.");
        } else {
            info.setText("'" + p.name() + "' is your own profile: edit, duplicate or delete it. "
                    + (p.description().isEmpty() ? "" : p.description()));
        }
        info.getParent().layout(true);
    }

    // ---- actions ----

    /** Opens the dialog for a new user profile (a Slurm profile unless only other types are installed). */
    public ProfileDialog add() {
        // a new profile is of the first type reached over SSH (a cluster), else of the first type there is
        String type = registry.typeIds().stream().filter(id -> {
            try {
                return registry.type(id).getService(org.namdrunner.cluster.SshConnectionService.class) != null;
            } catch (org.namdrunner.cluster.ClusterException e) {
                return false;
            }
        }).findFirst().orElse(registry.typeIds().isEmpty() ? "" : registry.typeIds().get(0));
        ProfileConfig blank = ProfileConfig.builder("user-" + UUID.randomUUID(), type).name("New cluster")
                .port(22).userRule(ProfileConfig.LOCAL_USER).projectRoot("/home/$USER/namdrunner-jobs").build();
        return openDialog(blank, true, false);
    }

    /** Opens the selected profile: editable for user profiles, read-only for presets. */
    public ProfileDialog edit() {
        ProfileConfig p = selected();
        return p == null ? null : openDialog(p, false, p.preset());
    }

    private ProfileDialog openDialog(ProfileConfig p, boolean isNew, boolean readOnly) {
        ProfileDialog d = new ProfileDialog(getShell(), registry, p, isNew, readOnly);
        if (d.open() == Window.OK && d.saved() != null) {
            refresh(d.saved().id());
        }
        return d;
    }

    /** Copies the selected profile (preset or user) to a new user profile and selects it. */
    public ProfileConfig duplicate() {
        ProfileConfig p = selected();
        if (p == null) {
            return null;
        }
        try {
            Set<String> names = new HashSet<>();
            profiles.forEach(x -> names.add(x.name()));
            String name = p.name() + " (copy)";
            for (int i = 2; names.contains(name); i++) {
                name = p.name() + " (copy " + i + ")";
            }
            ProfileConfig copy = registry.duplicate(p.id(), name);
            refresh(copy.id());
            return copy;
        } catch (ClusterException | RuntimeException e) {
            MessageDialog.openError(getShell(), "Duplicate Cluster Profile", NamdRunnerUi.message(e));
            return null;
        }
    }

    /** Deletes the selected user profile after confirmation. */
    public void delete() {
        ProfileConfig p = selected();
        if (p == null || p.preset()) {
            return;
        }
        if (!MessageDialog.openConfirm(getShell(), DELETE_TITLE, "Delete the cluster profile '" + p.name() + "'?\n\n"
                + "Jobs that ran with it stay in the job list; they can no longer be synced until a profile with the same "
                + "settings exists again.")) {
            return;
        }
        try {
            registry.delete(p.id());
        } catch (ClusterException | RuntimeException e) {
            MessageDialog.openError(getShell(), DELETE_TITLE, NamdRunnerUi.message(e));
        }
        refresh(null);
    }

    private void exportSettings() {
        Path file = FILES.save(getShell(), SettingsTransfer.suggestedFileName());
        if (file == null) {
            return;
        }
        try {
            SettingsTransfer.Summary s = SettingsTransfer.exportTo(NamdRunnerUi.store(), file);
            transferOutcome.setText("Exported " + s.profiles() + " profile(s) and " + s.settings() + " setting(s) to " + file
                    + (s.skipped().isEmpty() ? "" : " (left out as secrets: " + String.join(", ", s.skipped()) + ")"));
        } catch (IOException | RuntimeException e) {
            transferOutcome.setText("Export failed: " + NamdRunnerUi.message(e));
        }
        transferOutcome.getParent().layout(true);
    }

    private void importSettings() {
        Path file = FILES.open(getShell());
        if (file == null) {
            return;
        }
        try {
            Set<String> presets = new HashSet<>();
            registry.presets().forEach(p -> presets.add(p.id()));
            SettingsTransfer.Summary s = SettingsTransfer.importFrom(NamdRunnerUi.store(), file, presets);
            transferOutcome.setText("Imported " + s.profiles() + " profile(s) and " + s.settings() + " setting(s) from " + file
                    + (s.skipped().isEmpty() ? "" : " (skipped: " + String.join(", ", s.skipped()) + ")")
                    + ". Other preference pages show the new values when opened again.");
            refresh(null);
        } catch (IOException | RuntimeException e) {
            transferOutcome.setText("Import failed, nothing was changed: " + NamdRunnerUi.message(e));
        }
        transferOutcome.getParent().layout(true);
    }


    // ---- for tests ----

    public TableViewer getViewer() {
        return viewer;
    }

    ClusterProfileRegistry getRegistry() {
        return registry;
    }

    public void select(String profileId) {
        refresh(profileId);
    }

    public Button getAddButton() {
        return addButton;
    }

    Button getEditButton() {
        return editButton;
    }

    Button getDuplicateButton() {
        return duplicateButton;
    }

    Button getDeleteButton() {
        return deleteButton;
    }

    Button getExportButton() {
        return exportButton;
    }

    Button getImportButton() {
        return importButton;
    }

    Label getInfo() {
        return info;
    }

    Label getTransferOutcome() {
        return transferOutcome;
    }
}

package org.namdrunner.ui.editors;

/** The Script tab: the job's generated Slurm script, read together with the configuration it names. */
final class ScriptTab extends DocumentTab {

    private final ConfigurationTab configuration;

    ScriptTab(JobEditor editor, ConfigurationTab configuration) {
        super(editor, JobEditor.Tab.SCRIPT, ReadOnlyDocumentViewer.Language.SLURM);
        this.configuration = configuration;
    }

    @Override
    void load(boolean again) {
        configuration.load(again);
    }
}

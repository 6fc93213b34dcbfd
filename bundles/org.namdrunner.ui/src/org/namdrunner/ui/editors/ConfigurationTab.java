package org.namdrunner.ui.editors;

import org.namdrunner.automation.JobDocuments;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.jobs.Engine;
import org.namdrunner.workflow.WorkflowNode;

/**
 * The Configuration tab: the job's rendered NAMD configuration, coloured like the template editor. The script names
 * the configuration file, so both are read together and this tab fills the {@link ScriptTab} too.
 */
final class ConfigurationTab extends DocumentTab {

    private final ScriptTab script;

    ConfigurationTab(JobEditor editor) {
        super(editor, JobEditor.Tab.CONFIGURATION, ReadOnlyDocumentViewer.Language.NAMD);
        this.script = new ScriptTab(editor, this);
    }

    /** The Script tab that this tab's reads fill. */
    ScriptTab script() {
        return script;
    }

    /** Reads the script and the configuration; {@code force}: from the cluster even when a good cached copy exists. */
    @Override
    void load(boolean force) {
        editor.loads().run("Reading the script and configuration", status(), (j, m) -> {
            String scriptPath = JobDocuments.scriptPath(j);
            RemoteText scriptText = null;
            String scriptError = null;
            try {
                scriptText = RemoteText.fetch(j, scriptPath, !force && j.state().isTerminal(), m);
            } catch (Exception e) {
                scriptError = NamdRunnerUi.message(e);
            }
            String name = scriptText == null ? null : JobDocuments.configName(scriptText.text()).orElse(null);
            if (name == null) {
                name = Engine.service().workflows().state().node(j.id()).map((WorkflowNode n) -> n.configFile).orElse(JobDocuments.DEFAULT_CONFIG);
            }
            RemoteText config = null;
            String configError = null;
            try {
                config = RemoteText.fetch(j, JobDocuments.configPath(j, name), !force && j.state().isTerminal(), m);
            } catch (Exception e) {
                configError = NamdRunnerUi.message(e);
            }
            return new Object[] { scriptText, scriptError, config, configError };
        }, r -> {
            script.show((RemoteText) r[0], "No job script: ", r[1]);
            show((RemoteText) r[2], "No configuration: ", r[3]);
        });
    }
}

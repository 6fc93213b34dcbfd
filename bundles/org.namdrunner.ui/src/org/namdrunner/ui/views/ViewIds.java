package org.namdrunner.ui.views;

/** Ids of the NAMDRunner views (see plugin.xml). */
public final class ViewIds {
    public static final String JOBS = "org.namdrunner.ui.views.jobs";
    public static final String TEMPLATES = "org.namdrunner.ui.views.templates";
    public static final String REMOTE_EXPLORER = "org.namdrunner.ui.views.remoteExplorer";
    public static final String AUTOMATIONS = "org.namdrunner.ui.views.automations";

    private ViewIds() {
    }
}

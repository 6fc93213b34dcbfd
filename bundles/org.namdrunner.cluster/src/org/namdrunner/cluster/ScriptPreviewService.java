package org.namdrunner.cluster;

/**
 * Offered by profile types that can show the job script of a job before anything is created or connected (the Create
 * Job wizard's Review page), through {@link ClusterProfileType#getService}.
 */
public interface ScriptPreviewService {
    /** The script the profile's scheduler would get for {@code spec}. */
    String preview(JobScriptSpec spec, ProfileConfig profile) throws ClusterException;
}

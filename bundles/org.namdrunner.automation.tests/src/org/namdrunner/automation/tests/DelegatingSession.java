package org.namdrunner.automation.tests;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.JobFiles;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StatusReport;

/** A session that forwards everything (tests override single methods to inject failures). */
class DelegatingSession implements ClusterSession {
    final ClusterSession d;

    DelegatingSession(ClusterSession d) {
        this.d = d;
    }

    @Override public ProfileConfig profile() { return d.profile(); }
    @Override public String user() { return d.user(); }
    @Override public String projectRoot() { return d.projectRoot(); }
    @Override public String scratchRoot() { return d.scratchRoot(); }
    @Override public JobFiles files() { return d.files(); }
    @Override public String generateScript(JobScriptSpec spec) throws ClusterException { return d.generateScript(spec); }
    @Override public String submit(JobScriptSpec spec, IProgressMonitor m) throws ClusterException { return d.submit(spec, m); }
    @Override public Optional<String> findBySubmitToken(String t, IProgressMonitor m) throws ClusterException { return d.findBySubmitToken(t, m); }
    @Override public StatusReport status(Collection<String> ids, boolean force, IProgressMonitor m) throws ClusterException { return d.status(ids, force, m); }
    @Override public void cancel(Collection<String> ids, IProgressMonitor m) throws ClusterException { d.cancel(ids, m); }
    @Override public DiscoveryResult discover(IProgressMonitor m) throws ClusterException { return d.discover(m); }
    @Override public List<RemoteDocument> findJobInfos(IProgressMonitor m) throws ClusterException { return d.findJobInfos(m); }
    @Override public long roundTrips() { return d.roundTrips(); }
    @Override public java.util.Optional<String> namdProblem(org.namdrunner.cluster.NamdModule m, org.eclipse.core.runtime.IProgressMonitor mon) throws org.namdrunner.cluster.ClusterException { return d.namdProblem(m, mon); }
    @Override public void close() { }
}

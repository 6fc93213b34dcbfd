package org.namdrunner.cluster;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Result of one status sync.
 *
 * @param statuses  status per scheduler id (only ids the scheduler still knows)
 * @param missing   requested ids the scheduler does not know (any more)
 * @param queriedAt when the cluster was asked
 * @param fromCache true when answered from the cache (no remote command ran)
 */
public record StatusReport(Map<String, JobStatus> statuses, Set<String> missing, Instant queriedAt, boolean fromCache) {
    public StatusReport {
        statuses = Map.copyOf(statuses);
        missing = Set.copyOf(missing);
    }
}

package org.namdrunner.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A configured cluster profile as stored locally. The settings are an opaque document owned by the profile type
 * (JSON by convention: host, port, user, partitions, modules, limits ...). Never put passwords or passphrases in
 * it: those live in Equinox secure storage.
 *
 * @param id       stable id
 * @param name     display name
 * @param typeId   id of the profile type (extension {@code org.namdrunner.cluster.clusterProfiles})
 * @param settings the type's settings document (JSON), never null
 * @param updated  time of the last saved change (null before the first save)
 */
public record ClusterProfileRecord(String id, String name, String typeId, String settings, Instant updated) {

    public ClusterProfileRecord {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A cluster profile needs an id");
        }
        Objects.requireNonNull(name, "A cluster profile needs a name");
        if (typeId == null || typeId.isBlank()) {
            throw new IllegalArgumentException("Cluster profile " + id + " needs a type id");
        }
        settings = settings == null ? "{}" : settings;
    }

    public ClusterProfileRecord withSettings(String newSettings) {
        return new ClusterProfileRecord(id, name, typeId, newSettings, updated);
    }
}

package org.namdrunner.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link ProfileRepository} in memory (tests, headless tools without a database). */
public class InMemoryProfileRepository implements ProfileRepository {
    private final Map<String, ProfileConfig> profiles = new LinkedHashMap<>();
    private String active;

    @Override
    public synchronized List<ProfileConfig> list() {
        return new ArrayList<>(profiles.values());
    }

    @Override
    public synchronized void save(ProfileConfig profile) {
        profiles.put(profile.id(), profile);
    }

    @Override
    public synchronized boolean delete(String id) {
        return profiles.remove(id) != null;
    }

    @Override
    public synchronized Optional<String> activeProfileId() {
        return Optional.ofNullable(active);
    }

    @Override
    public synchronized void setActiveProfileId(String id) {
        active = id;
    }
}

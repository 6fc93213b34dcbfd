package org.namdrunner.cluster;

import java.util.List;
import java.util.Optional;

/** Where user profiles (not presets) and the active-profile choice are kept (the database in the product). */
public interface ProfileRepository {
    List<ProfileConfig> list();

    void save(ProfileConfig profile);

    boolean delete(String id);

    Optional<String> activeProfileId();

    void setActiveProfileId(String id);
}

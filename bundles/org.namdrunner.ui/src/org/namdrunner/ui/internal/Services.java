package org.namdrunner.ui.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The workbench's own OSGi services, highest {@code service.ranking} first, each followed by one open tracker. */
final class Services {

    private static final Map<Class<?>, ServiceTracker<?, ?>> TRACKERS = new ConcurrentHashMap<>();

    private Services() {
    }

    /** The highest-ranked registered service of {@code type}, or {@code fallback} when none is (or outside OSGi). */
    static <T> T highest(Class<T> type, T fallback) {
        ServiceTracker<?, ?> tracker = TRACKERS.computeIfAbsent(type, k -> open(type));
        Object s = tracker == null ? null : tracker.getService();
        return s == null ? fallback : type.cast(s);
    }

    private static <T> ServiceTracker<T, T> open(Class<T> type) {
        Bundle b = FrameworkUtil.getBundle(Services.class);
        BundleContext context = b == null ? null : b.getBundleContext();
        if (context == null) {
            return null;
        }
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        return t;
    }
}

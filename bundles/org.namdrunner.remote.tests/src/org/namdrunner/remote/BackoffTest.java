package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delaysGrowExponentiallyUpToTheCap() {
        Backoff b = new Backoff(500, 2.0, 3000, 6, ms -> {
        });
        assertEquals(0, b.delayBefore(1));
        assertEquals(500, b.delayBefore(2));
        assertEquals(1000, b.delayBefore(3));
        assertEquals(2000, b.delayBefore(4));
        assertEquals(3000, b.delayBefore(5));
        assertEquals(3000, b.delayBefore(6));
    }

    @Test
    void waitingSleepsInSlicesAndHonoursCancellation() throws Exception {
        List<Long> slept = new ArrayList<>();
        NullProgressMonitor m = new NullProgressMonitor();
        Backoff b = new Backoff(250, 2.0, 10_000, 5, ms -> {
            slept.add(ms);
            if (slept.size() == 4) {
                m.setCanceled(true);
            }
        });
        b.awaitAttempt(2, m);
        assertEquals(List.of(100L, 100L, 50L), slept);
        RemoteException e = assertThrows(RemoteException.class, () -> b.awaitAttempt(3, m));
        assertEquals(RemoteErrorKind.CANCELLED, e.getKind());
        assertEquals(4, slept.size(), "stops sleeping as soon as cancelled");
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(-1, 2, 10, 1, Backoff.Sleeper.SYSTEM));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(1, 0.5, 10, 1, Backoff.Sleeper.SYSTEM));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(1, 2, 10, 0, Backoff.Sleeper.SYSTEM));
    }
}

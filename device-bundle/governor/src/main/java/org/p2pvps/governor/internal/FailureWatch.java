package org.p2pvps.governor.internal;

import java.time.Duration;
import java.time.Instant;

import org.p2pvps.governor.container.ContainerStatus;

/**
 * Tells whether the renter environment has been failing long enough to give up on it. The docker driver
 * reports FAILED whenever Docker does not answer, so a failure counts only once the driver itself has
 * reported it for a whole heartbeat interval by the clock: back-to-back checks (after a driver change or an
 * action) and the governor's own "no driver" status never add up to a wipe of the renter's files.
 */
final class FailureWatch {

    private Instant failingSince;

    /**
     * @param reported what the installed driver reported, or {@code null} when no driver is installed
     * @param now the time of this check
     * @param interval how long a failure must last
     * @return whether the driver has reported FAILED at every check for at least {@code interval}
     */
    boolean lasted(ContainerStatus reported, Instant now, Duration interval) {
        if (reported == null || reported.state() != ContainerStatus.State.FAILED) {
            failingSince = null;
            return false;
        }
        if (failingSince == null) {
            failingSince = now;
        }
        return Duration.between(failingSince, now).compareTo(interval) >= 0;
    }
}

package org.p2pvps.governor.internal;

import java.time.Instant;
import java.util.Objects;

import org.p2pvps.governor.container.ContainerStatus;
import org.p2pvps.governor.container.RenterEnvironment;

/**
 * Decides what the driver must do to turn what runs into what the server wants. Pure: no clock, no
 * I/O, so every case is a unit test.
 */
final class Reconciler {

    enum Action {
        /** Leave it as it is. */
        NOTHING,
        /** Destroy the environment and its data; start nothing. */
        RESET,
        /** Destroy whatever runs, then start a fresh environment for {@link Decision#environment()}. */
        RESET_AND_START
    }

    record Decision(Action action, RenterEnvironment environment, String reason) {
        static Decision nothing(String reason) {
            return new Decision(Action.NOTHING, null, reason);
        }
    }

    private Reconciler() {
    }

    /**
     * @param desired the server's last answer, {@code null} before the first one
     * @param actual what the driver reports now
     * @param failureLasted whether the driver has reported FAILED for a whole heartbeat interval
     *        ({@link FailureWatch}): a FAILED environment of the rental is wiped only then, so that a Docker
     *        daemon slow to answer once (which the docker driver reports as FAILED too) does not cost the
     *        renter their files
     * @param now the current time by the server's clock, to end a rental whose expiry passed while the server
     *        cannot be reached
     */
    static Decision decide(DesiredState desired, ContainerStatus actual, boolean failureLasted, Instant now) {
        if (desired == null) {
            return Decision.nothing("no desired state yet");
        }
        if (desired.state() == DesiredState.Kind.AVAILABLE || expired(desired, now)) {
            String why = desired.state() == DesiredState.Kind.AVAILABLE ? "not rented" : "rental " + desired.rentalId()
                    + " expired at " + desired.expiresAt();
            return actual.state() == ContainerStatus.State.NONE ? Decision.nothing(why)
                    : new Decision(Action.RESET, null, why + ": removing the renter environment");
        }
        boolean same = Objects.equals(desired.rentalId(), actual.rentalId());
        // a failure that names no rental (Docker not answering) may well be this rental's environment
        boolean mayHoldThisRentersData = same || actual.rentalId() == null;
        return switch (actual.state()) {
            case RUNNING, STARTING -> same ? Decision.nothing("rental " + desired.rentalId() + " applied")
                    : start(desired, "rental " + desired.rentalId() + " replaces " + describe(actual));
            case FAILED -> failureLasted || !mayHoldThisRentersData
                    ? start(desired, "environment for rental " + actual.rentalId() + " failed (" + actual.message()
                            + "), starting again")
                    : Decision.nothing("environment for rental " + desired.rentalId() + " reported failed ("
                            + actual.message() + "); wiping it only if it stays failed for a heartbeat interval");
            case NONE -> start(desired, "new rental " + desired.rentalId());
        };
    }

    /** The rental the device has applied and may acknowledge: only one that is up. */
    static String appliedRentalId(ContainerStatus actual) {
        return actual.state() == ContainerStatus.State.RUNNING ? actual.rentalId() : null;
    }

    private static boolean expired(DesiredState desired, Instant now) {
        return desired.expiresAt() != null && !now.isBefore(desired.expiresAt());
    }

    private static Decision start(DesiredState desired, String reason) {
        return new Decision(Action.RESET_AND_START, desired.environment(), reason);
    }

    private static String describe(ContainerStatus actual) {
        return actual.rentalId() == null ? "the idle environment" : "rental " + actual.rentalId();
    }
}

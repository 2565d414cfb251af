package org.p2pvps.governor.container;

/**
 * What a driver runs right now.
 *
 * @param state where it is
 * @param rentalId the rental whose environment it runs, {@code null} when none
 * @param message a human sentence about it (why it failed, say), may be {@code null}
 */
public record ContainerStatus(State state, String rentalId, String message) {

    /** The life of one environment. */
    public enum State {
        /** No renter environment exists: no renter data on the device. */
        NONE,
        /** Being created. */
        STARTING,
        /** Up; its SSH server accepts the renter. */
        RUNNING,
        /** Could not start or died; the governor resets and retries. */
        FAILED
    }

    public static ContainerStatus none() {
        return new ContainerStatus(State.NONE, null, null);
    }
}

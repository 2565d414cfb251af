package org.p2pvps.governor.container;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs at most one renter environment with an SSH server on a loopback port, which the device's
 * reverse tunnel forwards to. Implementations register as services with the property
 * {@value #DRIVER_PROPERTY} (e.g. {@code docker}, {@code local-sshd}); the governor picks one by its
 * {@code container.driver} setting. Calls come from one governor thread at a time.
 */
@ConsumerType
public interface ContainerDriver {

    /**
     * Service property naming the driver. Not the governor's setting {@code container.driver}: a driver
     * configured from the governor's pid (local-sshd) would have its name overridden by that setting.
     */
    String DRIVER_PROPERTY = "org.p2pvps.container.driver";

    /**
     * Replaces whatever runs now with a fresh environment for this renter: a new user with that
     * password hash and keys, empty storage. Returns once it accepts SSH connections.
     *
     * @throws ContainerException if it cannot be started; nothing of it is left running
     */
    void start(RenterEnvironment environment) throws ContainerException;

    /** Destroys the environment and all its data (container, volume, files). Harmless when none runs. */
    void reset() throws ContainerException;

    /** @return what runs now, checked against reality (a container that died is FAILED, not RUNNING) */
    ContainerStatus status();

    /** @return the loopback port the environment's SSH server listens on */
    int sshPort();
}

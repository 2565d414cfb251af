package org.p2pvps.shell.internal;

import org.apache.karaf.shell.support.CommandException;

/**
 * The registry's services as the commands get them: optional, because Karaf registers a bundle's commands only
 * while every required service of every one of them is there, so one missing service took them all away ("Command
 * not found", {@code p2pvps:status} too) exactly when an operator needed them to say what is wrong.
 */
final class Registry {

    static final String NOT_RUNNING = "The registry is not running (it starts with the store): p2pvps:status says "
            + "which part is missing, data/log/karaf.log why";

    private Registry() {
    }

    /** @throws CommandException naming what to do when any of the services is missing */
    static void require(Object... services) throws CommandException {
        for (Object service : services) {
            if (service == null) {
                throw new CommandException(NOT_RUNNING);
            }
        }
    }
}

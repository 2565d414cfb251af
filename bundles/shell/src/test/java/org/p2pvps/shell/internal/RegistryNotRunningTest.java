package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While the registry is not running (a store waiting for its database), Karaf injects none of its services: every
 * command is still there and says so in one sentence, and the completers offer nothing.
 */
class RegistryNotRunningTest {

    @RegisterExtension
    final Console console = new Console();

    @Test
    void everyRegistryCommandSaysTheRegistryIsNotRunning() {
        List<Action> commands = List.of(new DeviceListCommand(), withId(new DeviceShowCommand()), new OwnerListCommand(),
                new RentalListCommand(), withId(new RentalShowCommand()), withId(new RentalConfirmCommand()),
                withId(new RentalEndCommand()));
        for (Action command : commands) {
            console.assertRefused(command, Registry.NOT_RUNNING);
        }
    }

    @Test
    void completersOfferNothing() {
        assertThat(new DeviceIdCompleter().values()).isEmpty();
        assertThat(new RentalIdCompleter().values()).isEmpty();
    }

    private static DeviceShowCommand withId(DeviceShowCommand command) {
        command.id = "d1";
        return command;
    }

    private static <C extends RentalCommand> C withId(C command) {
        command.id = "r1";
        return command;
    }
}

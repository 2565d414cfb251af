package org.p2pvps.shell.internal;

import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.p2pvps.rental.RentalService;
import org.p2pvps.rental.RentalState;

@Command(scope = "p2pvps", name = "rental-list", description = "Lists the rentals, newest first.")
@Service
public final class RentalListCommand implements Action {

    @Reference(optional = true)
    RentalService rentals;

    @Option(name = "--state",
            description = "Only rentals in this state: PENDING_PAYMENT, ACTIVE, EXPIRED, ENDED or CANCELLED")
    @Completion(RentalStateCompleter.class)
    String state;

    @Option(name = "--device", description = "Only the rentals of the device with this id")
    @Completion(DeviceIdCompleter.class)
    String device;

    @Override
    public Object execute() throws CommandException {
        Registry.require(rentals);
        RentalState selected = null;
        if (state != null) {
            Optional<RentalState> parsed = RentalFilter.state(state);
            if (parsed.isEmpty()) {
                throw new CommandException("No rental state " + state + "; the states are " + RentalFilter.STATES);
            }
            selected = parsed.get();
        }
        RentalTable.of(new RentalFilter(selected, device).apply(Paging.all(rentals::list))).print(System.out);
        return null;
    }
}

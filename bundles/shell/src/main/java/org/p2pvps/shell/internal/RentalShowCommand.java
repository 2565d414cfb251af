package org.p2pvps.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "p2pvps", name = "rental-show",
        description = "Shows one rental: device, period, price, state, payment, renter's login, times.")
@Service
public final class RentalShowCommand extends RentalCommand {

    @Override
    public Object execute() throws CommandException {
        Field.table(RentalDetails.of(rental())).print(System.out);
        return null;
    }
}

package org.p2pvps.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "p2pvps", name = "rental-end",
        description = "Ends a rental now: ENDED if it was active, CANCELLED if pending. The device is for rent again.")
@Service
public final class RentalEndCommand extends RentalCommand {

    static final String DEFAULT_REASON = "ended by the operator";

    @Option(name = "--reason", description = "Why, for the log and the renter")
    String reason = DEFAULT_REASON;

    @Override
    public Object execute() throws CommandException {
        String why = reason == null || reason.isBlank() ? DEFAULT_REASON : reason.strip();
        System.out.println("Rental " + id + " is " + change("ended", () -> rentals.end(id, why)).state());
        return null;
    }
}

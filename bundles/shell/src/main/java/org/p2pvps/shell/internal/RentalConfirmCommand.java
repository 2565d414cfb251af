package org.p2pvps.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.p2pvps.rental.Rental;
import org.p2pvps.rental.RentalState;

@Command(scope = "p2pvps", name = "rental-confirm",
        description = "Confirms that a pending rental, or an active rental's renewal, was paid: the manual settlement.")
@Service
public final class RentalConfirmCommand extends RentalCommand {

    /** The payment provider an operator's confirmation is recorded as. */
    static final String PROVIDER = "manual";

    @Option(name = "--reference", description = "The payment's reference, e.g. the bank transfer's or invoice's number")
    String reference;

    @Override
    public Object execute() throws CommandException {
        Rental before = rental();
        // the service settles a renewal when the rental is already active, so tell the operator which one this was
        boolean renewal = before.state() == RentalState.ACTIVE && before.pendingRenewal() > 0;
        String given = reference == null || reference.isBlank() ? null : reference.strip();
        Rental after = change("confirmed", () -> rentals.paid(id, PROVIDER, given));
        System.out.println("Rental " + id + " is " + (renewal ? "renewed" : after.state().toString()) + " until "
                + Formats.time(after.expiresAt()));
        return null;
    }
}

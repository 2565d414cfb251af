package org.p2pvps.shell.internal;

import java.util.Optional;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
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
    public Object execute() {
        Optional<Rental> before = rental();
        if (before.isEmpty()) {
            return null;
        }
        // the service settles a renewal when the rental is already active, so tell the operator which one this was
        boolean renewal = before.get().state() == RentalState.ACTIVE && before.get().pendingRenewal() > 0;
        String given = reference == null || reference.isBlank() ? null : reference.strip();
        change("confirmed", () -> rentals.paid(id, PROVIDER, given)).ifPresent(after -> System.out.println(
                "Rental " + id + " is " + (renewal ? "renewed" : after.state().toString()) + " until "
                        + Formats.time(after.expiresAt())));
        return null;
    }
}

package org.p2pvps.shell.internal;

import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.p2pvps.rental.Rental;
import org.p2pvps.rental.RentalService;

/** A command about one rental, named by its id. Karaf injects and parses these fields in subclasses too. */
abstract class RentalCommand implements Action {

    @Reference
    RentalService rentals;

    @Argument(index = 0, name = "id", description = "The rental id", required = true)
    @Completion(RentalIdCompleter.class)
    String id;

    /** @return the rental; empty after saying on stderr that there is none */
    Optional<Rental> rental() {
        Optional<Rental> rental = rentals.find(id);
        if (rental.isEmpty()) {
            noSuchRental();
        }
        return rental;
    }

    /**
     * Runs a change of the rental and tells on stderr, as a sentence, why the service refused it.
     *
     * @param verb what the change does to the rental, for the message: "confirmed", "ended"
     * @return the rental after the change; empty when the service refused it
     */
    Optional<Rental> change(String verb, Supplier<Rental> change) {
        try {
            return Optional.of(change.get());
        } catch (NoSuchElementException e) {
            noSuchRental();
        } catch (IllegalStateException e) {
            // the service's message says why (e.g. "rental r1 is already EXPIRED"), and it knows the state now
            String why = e.getMessage() == null ? "" : ": " + e.getMessage();
            System.err.println("Rental " + id + " cannot be " + verb + why);
        }
        return Optional.empty();
    }

    private void noSuchRental() {
        // a message, not an exception: an unknown id is an operator's typo, not a failure worth a trace
        System.err.println("No rental with id " + id);
    }
}

package org.p2pvps.shell.internal;

import java.util.NoSuchElementException;
import java.util.function.Supplier;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.p2pvps.rental.Rental;
import org.p2pvps.rental.RentalService;

/**
 * A command about one rental, named by its id. Karaf injects and parses these fields in subclasses too.
 * Refusals are {@link CommandException}s: Karaf prints their message without a stack trace, on the console
 * and over {@code ssh host command} alike, and ends the latter with exit status 1.
 */
abstract class RentalCommand implements Action {

    @Reference(optional = true)
    RentalService rentals;

    @Argument(index = 0, name = "id", description = "The rental id", required = true)
    @Completion(RentalIdCompleter.class)
    String id;

    /** @return the rental */
    Rental rental() throws CommandException {
        Registry.require(rentals);
        return rentals.find(id).orElseThrow(this::noSuchRental);
    }

    /**
     * Runs a change of the rental; when the service refuses it, says why as a sentence.
     *
     * @param verb what the change does to the rental, for the message: "confirmed", "ended"
     * @return the rental after the change
     */
    Rental change(String verb, Supplier<Rental> change) throws CommandException {
        Registry.require(rentals);
        try {
            return change.get();
        } catch (NoSuchElementException e) {
            throw noSuchRental();
        } catch (IllegalStateException e) {
            // the service's message says why (e.g. "rental r1 is already EXPIRED"), and it knows the state now
            String why = e.getMessage() == null ? "" : ": " + e.getMessage();
            throw new CommandException("Rental " + id + " cannot be " + verb + why);
        }
    }

    private CommandException noSuchRental() {
        return new CommandException("No rental with id " + id);
    }
}

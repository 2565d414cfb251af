package org.p2pvps.shell.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.p2pvps.rental.Rental;
import org.p2pvps.rental.RentalState;

/**
 * The rentals an operator asked to see.
 *
 * @param state only rentals in this state; {@code null} for every state
 * @param deviceId only this device's rentals; {@code null} for every device's
 */
record RentalFilter(RentalState state, String deviceId) {

    /** The names of the states, in their life's order. */
    static final List<String> STATES = Arrays.stream(RentalState.values()).map(Enum::name).toList();

    /** @return the rentals selected, in their original order */
    List<Rental> apply(List<Rental> rentals) {
        return rentals.stream()
                .filter(rental -> state == null || state == rental.state())
                .filter(rental -> deviceId == null || deviceId.equals(rental.deviceId()))
                .toList();
    }

    /** @return the state so named, ignoring case and taking "-" for "_" ("pending-payment"); empty if none is */
    static Optional<RentalState> state(String name) {
        String normalized = name.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(RentalState.values()).filter(state -> state.name().equals(normalized)).findFirst();
    }
}

package org.p2pvps.sshgateway.internal;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.p2pvps.rental.RentalService;
import org.p2pvps.rental.RenterGrant;

/** {@link Renters} through whichever {@link RentalService} is there now; nobody while none is. */
final class RentalServiceRenters implements Renters {

    private final Supplier<RentalService> service;

    RentalServiceRenters(Supplier<RentalService> service) {
        this.service = service;
    }

    @Override
    public Optional<RenterGrant> byPassword(String login, String password) {
        return ask(rentals -> rentals.renterByPassword(login, password));
    }

    @Override
    public Optional<RenterGrant> byKey(String login, String openSshKey) {
        return ask(rentals -> rentals.renterByKey(login, openSshKey));
    }

    @Override
    public Optional<RenterGrant> active(String rentalId) {
        return ask(rentals -> rentals.activeGrant(rentalId));
    }

    private Optional<RenterGrant> ask(Function<RentalService, Optional<RenterGrant>> question) {
        RentalService rentals = service.get();
        return rentals == null ? Optional.empty() : question.apply(rentals);
    }
}

package org.p2pvps.sshgateway.internal;

import java.util.Optional;

import org.p2pvps.rental.RenterGrant;

/**
 * How the jump host checks renters: the registry's {@link org.p2pvps.rental.RentalService} while it is
 * there; without it no renter gets in (device tunnels are unaffected).
 */
interface Renters {

    Optional<RenterGrant> byPassword(String login, String password);

    Optional<RenterGrant> byKey(String login, String openSshKey);

    /** @return the grant while its rental is still active */
    Optional<RenterGrant> active(String rentalId);

    /** No rentals service: nobody is a renter. */
    Renters NONE = new Renters() {
        @Override
        public Optional<RenterGrant> byPassword(String login, String password) {
            return Optional.empty();
        }

        @Override
        public Optional<RenterGrant> byKey(String login, String openSshKey) {
            return Optional.empty();
        }

        @Override
        public Optional<RenterGrant> active(String rentalId) {
            return Optional.empty();
        }
    };
}

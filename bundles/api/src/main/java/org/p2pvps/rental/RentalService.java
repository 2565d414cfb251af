package org.p2pvps.rental;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The rentals the server knows, for operator tools and payment plugins. A payment plugin reports a
 * settled purchase with {@link #paid}; the operator's manual confirmation goes the same way.
 */
@ProviderType
public interface RentalService {

    /** @return the rental with that id, if it exists */
    Optional<Rental> find(String rentalId);

    /** @return a page of all rentals, newest first */
    List<Rental> list(int skip, int limit);

    /** @return how many rentals exist */
    long count();

    /**
     * Checks a renter's password, as the SSH gateway's jump host does.
     *
     * @return the grant of the active rental with that login, if the password is its renter's
     */
    Optional<RenterGrant> renterByPassword(String login, String password);

    /**
     * Checks a renter's public key, as the SSH gateway's jump host does.
     *
     * @param publicKey an OpenSSH public key line ({@code type base64 [comment]})
     * @return the grant of the active rental with that login, if the key is one its renter gave
     */
    Optional<RenterGrant> renterByKey(String login, String publicKey);

    /** @return the rental's grant while it is active, empty once it has ended */
    Optional<RenterGrant> activeGrant(String rentalId);

    /**
     * Records a payment: a pending rental becomes active, or an active rental's pending renewal is
     * added to its time.
     *
     * @param provider the name of the provider that settled it
     * @param reference the provider's reference for the payment (order id), may be {@code null}
     * @return the rental after the change
     * @throws java.util.NoSuchElementException if there is no such rental
     * @throws IllegalStateException if the rental has nothing waiting for payment
     */
    Rental paid(String rentalId, String provider, String reference);

    /**
     * Ends a rental early: an active one becomes {@link RentalState#ENDED}, a pending one
     * {@link RentalState#CANCELLED}; the device returns to the market.
     *
     * @param reason why, for the log and the renter
     * @return the rental after the change
     * @throws java.util.NoSuchElementException if there is no such rental
     * @throws IllegalStateException if the rental is already over
     */
    Rental end(String rentalId, String reason);
}

package org.p2pvps.shell.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.p2pvps.device.Device;
import org.p2pvps.device.DeviceService;
import org.p2pvps.listing.Listing;
import org.p2pvps.listing.ListingPage;
import org.p2pvps.listing.ListingQuery;
import org.p2pvps.listing.ListingService;
import org.p2pvps.owner.Owner;
import org.p2pvps.owner.OwnerService;
import org.p2pvps.rental.Rental;
import org.p2pvps.rental.RentalService;
import org.p2pvps.rental.RentalState;
import org.p2pvps.rental.RenterGrant;

/** The API services over plain lists, with the paging rules the registry applies. */
final class InMemoryServices {

    private InMemoryServices() {
    }

    static <T> List<T> page(List<T> all, int skip, int limit) {
        return all.subList(Math.min(skip, all.size()), Math.min(skip + limit, all.size()));
    }

    /** A collection looked up by id and read page by page, like each registry service. */
    abstract static class Collection<T> {

        private final List<T> all;
        private final Function<T, String> id;

        Collection(List<T> all, Function<T, String> id) {
            this.all = new ArrayList<>(all);
            this.id = id;
        }

        public Optional<T> find(String wanted) {
            return all.stream().filter(item -> id.apply(item).equals(wanted)).findFirst();
        }

        public List<T> list(int skip, int limit) {
            return List.copyOf(page(all, skip, limit));
        }

        public long count() {
            return all.size();
        }

        /** Puts a changed item where the one with its id was. */
        T replace(T changed) {
            all.replaceAll(item -> id.apply(item).equals(id.apply(changed)) ? changed : item);
            return changed;
        }
    }

    static final class Devices extends Collection<Device> implements DeviceService {

        Devices(List<Device> all) {
            super(all, Device::id);
        }
    }

    static final class Owners extends Collection<Owner> implements OwnerService {

        Owners(List<Owner> all) {
            super(all, Owner::id);
        }
    }

    /**
     * Rentals, newest first as given, changing the way the registry changes them at a fixed time; remembers
     * why each rental ended.
     */
    static final class Rentals extends Collection<Rental> implements RentalService {

        final Map<String, String> endReasons = new HashMap<>();
        private final Instant now;

        Rentals(List<Rental> newestFirst, Instant now) {
            super(newestFirst, Rental::id);
            this.now = now;
        }

        @Override
        public Rental paid(String rentalId, String provider, String reference) {
            Rental r = existing(rentalId);
            if (r.state() == RentalState.PENDING_PAYMENT) {
                return replace(new Rental(r.id(), r.deviceId(), r.ownerId(), r.period(), r.count(), r.price(),
                        RentalState.ACTIVE, r.selfRent(), r.contact(), provider, reference, "renter1", r.deviceReady(),
                        r.createdAt(), null, now, now.plus(r.period().length().multipliedBy(r.count())), 0));
            }
            if (r.state() == RentalState.ACTIVE && r.pendingRenewal() > 0) {
                Instant expiresAt = r.expiresAt().plus(r.period().length().multipliedBy(r.pendingRenewal()));
                return replace(new Rental(r.id(), r.deviceId(), r.ownerId(), r.period(), r.count() + r.pendingRenewal(),
                        r.price(), r.state(), r.selfRent(), r.contact(), provider, reference, r.login(),
                        r.deviceReady(), r.createdAt(), r.payBy(), r.activatedAt(), expiresAt, 0));
            }
            throw new IllegalStateException(
                    "rental " + rentalId + " is " + r.state() + " with nothing waiting for payment");
        }

        @Override
        public Rental end(String rentalId, String reason) {
            Rental r = existing(rentalId);
            RentalState next = r.state() == RentalState.PENDING_PAYMENT ? RentalState.CANCELLED : RentalState.ENDED;
            if (!r.state().canBecome(next)) {
                throw new IllegalStateException("rental " + rentalId + " is already " + r.state());
            }
            endReasons.put(rentalId, reason);
            return replace(new Rental(r.id(), r.deviceId(), r.ownerId(), r.period(), r.count(), r.price(), next,
                    r.selfRent(), r.contact(), r.paymentProvider(), r.paymentReference(), r.login(), r.deviceReady(),
                    r.createdAt(), r.payBy(), r.activatedAt(), r.expiresAt(), r.pendingRenewal()));
        }

        // the renter checks belong to the SSH gateway; no shell command calls them
        @Override
        public Optional<RenterGrant> renterByPassword(String login, String password) {
            throw new UnsupportedOperationException("not used by shell commands");
        }

        @Override
        public Optional<RenterGrant> renterByKey(String login, String publicKey) {
            throw new UnsupportedOperationException("not used by shell commands");
        }

        @Override
        public Optional<RenterGrant> activeGrant(String rentalId) {
            throw new UnsupportedOperationException("not used by shell commands");
        }

        private Rental existing(String rentalId) {
            return find(rentalId).orElseThrow(() -> new NoSuchElementException("no rental with id " + rentalId));
        }
    }

    /** Lists the registered devices; online are those whose ids it was given. */
    record Listings(List<Device> devices, Set<String> onlineIds) implements ListingService {

        @Override
        public ListingPage search(ListingQuery query) {
            // the registry's limit: a caller asking for more gets an error, not a silently short page
            if (query.size() < 1 || query.size() > 100) {
                throw new IllegalArgumentException("size must be 1-100");
            }
            List<Listing> matching = new ArrayList<>();
            for (Device device : devices) {
                boolean online = onlineIds.contains(device.id());
                if (device.registered() && (query.online() == null || query.online() == online)) {
                    matching.add(new Listing(device.id(), device.name(), device.description(), device.hardware(),
                            device.currency(), device.pricing(), online, device.lastSeen(), true, null));
                }
            }
            return new ListingPage(page(matching, query.page() * query.size(), query.size()), query.page(),
                    query.size(), matching.size());
        }
    }
}

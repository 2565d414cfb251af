package org.p2pvps.shell.internal;

import java.util.ArrayList;
import java.util.List;
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
            this.all = List.copyOf(all);
            this.id = id;
        }

        public Optional<T> find(String wanted) {
            return all.stream().filter(item -> id.apply(item).equals(wanted)).findFirst();
        }

        public List<T> list(int skip, int limit) {
            return page(all, skip, limit);
        }

        public long count() {
            return all.size();
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
                            device.currency(), device.pricing(), online, device.lastSeen()));
                }
            }
            return new ListingPage(page(matching, query.page() * query.size(), query.size()), query.page(),
                    query.size(), matching.size());
        }
    }
}

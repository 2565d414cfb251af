package org.p2pvps.registry.internal;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.p2pvps.device.Device;
import org.p2pvps.listing.Listing;
import org.p2pvps.listing.ListingPage;
import org.p2pvps.listing.ListingQuery;
import org.p2pvps.listing.ListingService;
import org.p2pvps.registry.internal.store.DeviceDocuments;
import org.p2pvps.registry.internal.store.DeviceFields;
import org.p2pvps.registry.internal.store.DeviceStore;
import org.p2pvps.registry.internal.store.OwnerStore;
import org.p2pvps.store.MongoStore;

import com.mongodb.client.model.Sorts;

/** Public search over registered devices. */
@Component(service = {ListingSearch.class, ListingService.class}, configurationPid = "org.p2pvps.registry")
public final class ListingSearch implements ListingService {

    public static final int MAX_PAGE_SIZE = 100;

    private final DeviceStore devices;
    private final RegistryOptions options;
    private final Clock clock;

    @Activate
    public ListingSearch(@Reference MongoStore store, RegistryConfig config) {
        this(store, RegistryOptions.from(config), Clock.systemUTC());
    }

    public ListingSearch(MongoStore store, RegistryOptions options, Clock clock) {
        this.devices = new DeviceStore(store.database());
        this.options = options;
        this.clock = clock;
    }

    @Override
    public ListingPage search(ListingQuery query) {
        if (query.page() < 0 || query.size() < 1 || query.size() > MAX_PAGE_SIZE) {
            throw ApiException.invalid("page must be 0 or more and size 1-" + MAX_PAGE_SIZE);
        }
        if ((long) query.page() * query.size() > Integer.MAX_VALUE) {
            // the skip would overflow and serve the first page under a far page number
            throw ApiException.invalid("page is too large: page * size must be at most " + Integer.MAX_VALUE);
        }
        if (query.period() == null && (query.maxPrice() != null || query.sort() == ListingQuery.Sort.PRICE)) {
            throw ApiException.invalid("maxPrice and sort=PRICE need a period (HOUR, DAY, WEEK or MONTH)");
        }
        Bson filter = filter(query);
        List<Listing> items = devices.search(filter, sort(query), query.page() * query.size(), query.size()).stream()
                .map(this::listing)
                .toList();
        return new ListingPage(items, query.page(), query.size(), devices.count(filter));
    }

    private Bson filter(ListingQuery query) {
        List<Bson> filters = new ArrayList<>();
        filters.add(exists(DeviceFields.PUBLIC_KEY, true));
        if (query.minCores() != null) {
            filters.add(gte(DeviceFields.HARDWARE + ".cores", query.minCores()));
        }
        if (query.minMemoryMb() != null) {
            filters.add(gte(DeviceFields.HARDWARE + ".memoryMb", query.minMemoryMb()));
        }
        if (query.minDiskMb() != null) {
            filters.add(gte(DeviceFields.HARDWARE + ".diskMb", query.minDiskMb()));
        }
        if (query.period() != null) {
            String price = DeviceFields.PRICING + "." + query.period().name();
            filters.add(query.maxPrice() != null ? lte(price, query.maxPrice()) : exists(price, true));
        }
        if (query.arch() != null) {
            filters.add(eq(DeviceFields.HARDWARE + ".arch", query.arch().toLowerCase(java.util.Locale.ROOT)));
        }
        if (query.online() != null) {
            Date since = Date.from(clock.instant().minus(options.onlineWindow()));
            filters.add(query.online() ? or(eq(DeviceFields.TUNNEL_CONNECTED, true), gte(DeviceFields.LAST_SEEN, since))
                    : and(ne(DeviceFields.TUNNEL_CONNECTED, true),
                            or(lt(DeviceFields.LAST_SEEN, since), exists(DeviceFields.LAST_SEEN, false))));
        }
        return and(filters);
    }

    private static Bson sort(ListingQuery query) {
        ListingQuery.Sort sort = query.sort() == null ? ListingQuery.Sort.NEWEST : query.sort();
        return switch (sort) {
            case NEWEST -> Sorts.descending(DeviceFields.REGISTERED_AT, "_id");
            case PRICE -> Sorts.ascending(DeviceFields.PRICING + "." + query.period().name(), "_id");
            case CORES -> Sorts.orderBy(Sorts.descending(DeviceFields.HARDWARE + ".cores"), Sorts.ascending("_id"));
            case MEMORY -> Sorts.orderBy(Sorts.descending(DeviceFields.HARDWARE + ".memoryMb"), Sorts.ascending("_id"));
        };
    }

    private Listing listing(Document document) {
        Device device = DeviceDocuments.device(document);
        return new Listing(device.id(), device.name(), device.description(), device.hardware(), device.currency(),
                device.pricing(), options.online(device.tunnelConnected(), device.lastSeen(), clock.instant()),
                device.lastSeen(), !document.containsKey(DeviceFields.RENTAL_ID),
                OwnerStore.instant(document, DeviceFields.RENTED_UNTIL), device.tunnelConnected());
    }
}

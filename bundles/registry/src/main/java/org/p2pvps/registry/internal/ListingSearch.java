package org.p2pvps.registry.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.p2pvps.device.Device;
import org.p2pvps.listing.Listing;
import org.p2pvps.listing.ListingPage;
import org.p2pvps.listing.ListingQuery;
import org.p2pvps.listing.ListingService;

/** Public search over registered devices, answered from the {@link ListingIndex}. */
@Component(service = {ListingSearch.class, ListingService.class})
public final class ListingSearch implements ListingService {

    public static final int MAX_PAGE_SIZE = 100;

    private final ListingIndex index;
    private final RegistryOptions options;
    private final Clock clock;

    @Activate
    public ListingSearch(@Reference ListingIndex index, @Reference RegistrySettings settings) {
        this(index, settings.registry(), Clock.systemUTC());
    }

    public ListingSearch(ListingIndex index, RegistryOptions options, Clock clock) {
        this.index = index;
        this.options = options;
        this.clock = clock;
    }

    @Override
    public ListingPage search(ListingQuery query) {
        if (query.page() < 0 || query.size() < 1 || query.size() > MAX_PAGE_SIZE) {
            throw ApiException.invalid("page must be 0 or more and size 1-" + MAX_PAGE_SIZE);
        }
        if ((long) query.page() * query.size() > Integer.MAX_VALUE - MAX_PAGE_SIZE) {
            // the skip would overflow and serve the first page under a far page number
            throw ApiException.invalid("page is too large: page * size must be at most " + Integer.MAX_VALUE);
        }
        if (query.period() == null && (query.maxPrice() != null || query.sort() == ListingQuery.Sort.PRICE)) {
            throw ApiException.invalid("maxPrice and sort=PRICE need a period (HOUR, DAY, WEEK or MONTH)");
        }
        Instant onlineSince = options.onlineSince(clock.instant());
        ListingIndex.Result result = index.search(query, onlineSince);
        List<Listing> items = result.page().stream().map(entry -> listing(entry, onlineSince)).toList();
        return new ListingPage(items, query.page(), query.size(), result.total());
    }

    private static Listing listing(ListingIndex.Entry entry, Instant onlineSince) {
        Device device = entry.device();
        boolean online = RegistryOptions.onlineGiven(device.tunnelConnected(), device.lastSeen(), onlineSince);
        return new Listing(device.id(), device.name(), device.description(), device.hardware(), device.currency(),
                device.pricing(), online, device.lastSeen(), entry.available(), entry.rentedUntil(),
                device.tunnelConnected());
    }
}

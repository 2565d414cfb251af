package org.p2pvps.registry.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.p2pvps.device.Device;
import org.p2pvps.device.Hardware;
import org.p2pvps.listing.Listing;
import org.p2pvps.listing.ListingPage;
import org.p2pvps.listing.ListingQuery;
import org.p2pvps.listing.ListingService;

/** Public search over registered devices, answered from the {@link ListingIndex}. */
@Component(service = {ListingSearch.class, ListingService.class}, configurationPid = "org.p2pvps.registry")
public final class ListingSearch implements ListingService {

    public static final int MAX_PAGE_SIZE = 100;

    private final ListingIndex index;
    private final RegistryOptions options;
    private final Clock clock;

    @Activate
    public ListingSearch(@Reference ListingIndex index, RegistryConfig config) {
        this(index, RegistryOptions.from(config), Clock.systemUTC());
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
        Instant now = clock.instant();
        ListingIndex.Result result = index.search(filter(query, now), order(query), query.page() * query.size(),
                query.size());
        List<Listing> items = result.page().stream().map(entry -> listing(entry, now)).toList();
        return new ListingPage(items, query.page(), query.size(), result.total());
    }

    private Predicate<ListingIndex.Entry> filter(ListingQuery query, Instant now) {
        String arch = query.arch() == null ? null : query.arch().toLowerCase(Locale.ROOT);
        return entry -> {
            Device device = entry.device();
            Hardware hardware = device.hardware();
            if (hardware == null) {
                return query.minCores() == null && query.minMemoryMb() == null && query.minDiskMb() == null
                        && arch == null && pricedRight(device, query) && onlineRight(device, query, now);
            }
            return (query.minCores() == null || hardware.cores() >= query.minCores())
                    && (query.minMemoryMb() == null || hardware.memoryMb() >= query.minMemoryMb())
                    && (query.minDiskMb() == null || hardware.diskMb() >= query.minDiskMb())
                    && (arch == null || arch.equals(hardware.arch()))
                    && pricedRight(device, query)
                    && onlineRight(device, query, now);
        };
    }

    private static boolean pricedRight(Device device, ListingQuery query) {
        if (query.period() == null) {
            return true;
        }
        Long price = device.pricing().get(query.period());
        return price != null && (query.maxPrice() == null || price <= query.maxPrice());
    }

    private boolean onlineRight(Device device, ListingQuery query, Instant now) {
        return query.online() == null || query.online() == online(device, now);
    }

    private boolean online(Device device, Instant now) {
        return options.online(device.tunnelConnected(), device.lastSeen(), now);
    }

    private static Comparator<ListingIndex.Entry> order(ListingQuery query) {
        Comparator<ListingIndex.Entry> byId = Comparator.comparing(entry -> entry.device().id());
        ListingQuery.Sort sort = query.sort() == null ? ListingQuery.Sort.NEWEST : query.sort();
        return switch (sort) {
            case NEWEST -> Comparator.comparing((ListingIndex.Entry entry) -> entry.device().registeredAt(),
                    Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(byId.reversed());
            case PRICE -> Comparator.comparing((ListingIndex.Entry entry) -> entry.device().pricing().get(query.period()),
                    Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(byId);
            case CORES -> Comparator.comparingInt((ListingIndex.Entry entry) -> -hardware(entry).cores()).thenComparing(byId);
            case MEMORY -> Comparator.comparingLong((ListingIndex.Entry entry) -> -hardware(entry).memoryMb())
                    .thenComparing(byId);
        };
    }

    private static Hardware hardware(ListingIndex.Entry entry) {
        Hardware hardware = entry.device().hardware();
        return hardware != null ? hardware : new Hardware(null, 0, 0, 0, null);
    }

    private Listing listing(ListingIndex.Entry entry, Instant now) {
        Device device = entry.device();
        return new Listing(device.id(), device.name(), device.description(), device.hardware(), device.currency(),
                device.pricing(), online(device, now), device.lastSeen(), entry.available(), entry.rentedUntil(),
                device.tunnelConnected());
    }
}

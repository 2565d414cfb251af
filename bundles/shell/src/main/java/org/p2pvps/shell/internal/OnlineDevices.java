package org.p2pvps.shell.internal;

import java.util.Set;
import java.util.stream.Collectors;

import org.p2pvps.listing.Listing;
import org.p2pvps.listing.ListingQuery;
import org.p2pvps.listing.ListingService;

/**
 * Which devices are online. Only the registry knows its configured online window, and DeviceService does
 * not say whether a device is online, so ask the listing search (which does) instead of guessing from lastSeen.
 * Unregistered devices are not listed, and cannot be online either: only a registered device sends heartbeats.
 */
final class OnlineDevices {

    private OnlineDevices() {
    }

    /** @return the ids of all devices online now */
    static Set<String> ids(ListingService listings) {
        return Paging.all((skip, limit) -> listings.search(onlineOnly(skip / limit, limit)).items()).stream()
                .map(Listing::deviceId)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static ListingQuery onlineOnly(int page, int size) {
        return new ListingQuery(null, null, null, null, null, null, Boolean.TRUE, ListingQuery.Sort.NEWEST, page, size);
    }
}

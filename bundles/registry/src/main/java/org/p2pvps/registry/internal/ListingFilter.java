package org.p2pvps.registry.internal;

import java.time.Instant;
import java.util.Locale;

import org.p2pvps.listing.ListingQuery;

/** A listing query's filters in primitive form, tested against {@link ListingSlot}s with no boxing. */
final class ListingFilter {

    /** Any hardware filter is set: a device without hardware fails it whatever its value. */
    private final boolean hardware;
    private final int minCores;
    private final long minMemoryMb;
    private final long minDiskMb;
    private final String arch;
    /** The period a device must be priced for, as an ordinal, or -1. */
    private final int period;
    private final long maxPrice;
    private final Boolean online;
    /** {@link ListingSlot#epochNanos} of the earliest last sign of life that counts as online now. */
    private final long onlineSince;

    /**
     * @param onlineSince the earliest last sign of life that counts as online now ({@link RegistryOptions#onlineSince})
     */
    ListingFilter(ListingQuery query, Instant onlineSince) {
        this.hardware = query.minCores() != null || query.minMemoryMb() != null || query.minDiskMb() != null
                || query.arch() != null;
        this.minCores = query.minCores() == null ? Integer.MIN_VALUE : query.minCores();
        this.minMemoryMb = query.minMemoryMb() == null ? Long.MIN_VALUE : query.minMemoryMb();
        this.minDiskMb = query.minDiskMb() == null ? Long.MIN_VALUE : query.minDiskMb();
        this.arch = query.arch() == null ? null : query.arch().toLowerCase(Locale.ROOT);
        this.period = query.period() == null ? -1 : query.period().ordinal();
        this.maxPrice = query.maxPrice() == null ? Long.MAX_VALUE : query.maxPrice();
        this.online = query.online();
        this.onlineSince = ListingSlot.epochNanos(onlineSince);
    }

    /**
     * @param pricedInOrder whether the order searched holds only slots priced for the query's period, up to
     *        its maximum price (the PRICE order, cut at maxPrice)
     * @return whether some slot of that order can fail this filter
     */
    boolean narrows(boolean pricedInOrder) {
        return hardware || online != null || period >= 0 && !pricedInOrder;
    }

    /**
     * The online test is {@link RegistryOptions#onlineGiven} on {@code onlineKey}.
     *
     * @param onlineKey {@link ListingSlot.State#onlineKey()} of the state the caller read from {@code slot}
     */
    boolean matches(ListingSlot slot, long onlineKey) {
        if (hardware && (!slot.hasHardware || slot.cores < minCores || slot.memoryMb < minMemoryMb
                || slot.diskMb < minDiskMb || arch != null && !arch.equals(slot.arch))) {
            return false;
        }
        if (period >= 0) {
            long price = slot.price(period);
            if (price == ListingSlot.NO_PRICE || price > maxPrice) {
                return false;
            }
        }
        if (online != null) {
            return online == (onlineKey != ListingSlot.NEVER_SEEN && onlineKey >= onlineSince);
        }
        return true;
    }
}

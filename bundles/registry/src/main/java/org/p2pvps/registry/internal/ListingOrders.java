package org.p2pvps.registry.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.p2pvps.device.Period;
import org.p2pvps.listing.ListingQuery;

/**
 * The listed devices presorted once per result order, in immutable arrays: a search walks the order it
 * needs and stops as soon as it has its page. A change of sort keys makes a new instance (copy on write,
 * two binary searches and one array copy per order), so readers never lock and never see a half-made order.
 * Every order ends on the device id, so it is total and the same on every server and every run.
 */
final class ListingOrders {

    /** Most recently registered first (devices without a registration time last), then the larger id. */
    static final Comparator<ListingSlot> NEWEST = Comparator
            .comparing((ListingSlot slot) -> slot.registeredAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing((ListingSlot slot) -> slot.id, Comparator.reverseOrder());
    /** Most cores first, then the smaller id. */
    static final Comparator<ListingSlot> CORES = Comparator.comparingInt((ListingSlot slot) -> -slot.cores)
            .thenComparing(slot -> slot.id);
    /** Most memory first, then the smaller id. */
    static final Comparator<ListingSlot> MEMORY = Comparator
            .comparing((ListingSlot slot) -> slot.memoryMb, Comparator.reverseOrder()).thenComparing(slot -> slot.id);
    private static final Period[] PERIODS = Period.values();

    static final ListingOrders EMPTY = of(List.of());

    private final ListingSlot[] newest;
    private final ListingSlot[] cores;
    private final ListingSlot[] memory;
    /** By {@link Period#ordinal()}: only the devices priced for that period, cheapest first, then the smaller id. */
    private final ListingSlot[][] cheapest;

    private ListingOrders(ListingSlot[] newest, ListingSlot[] cores, ListingSlot[] memory, ListingSlot[][] cheapest) {
        this.newest = newest;
        this.cores = cores;
        this.memory = memory;
        this.cheapest = cheapest;
    }

    static ListingOrders of(Collection<ListingSlot> slots) {
        ListingSlot[] all = slots.toArray(ListingSlot[]::new);
        ListingSlot[][] cheapest = new ListingSlot[PERIODS.length][];
        for (Period period : PERIODS) {
            int p = period.ordinal();
            cheapest[p] = sorted(Arrays.stream(all).filter(slot -> slot.price(p) != ListingSlot.NO_PRICE)
                    .toArray(ListingSlot[]::new), cheapest(p));
        }
        return new ListingOrders(sorted(all.clone(), NEWEST), sorted(all.clone(), CORES), sorted(all, MEMORY), cheapest);
    }

    /** Cheapest first for period {@code p} (an ordinal), then the smaller id; only for slots priced for it. */
    static Comparator<ListingSlot> cheapest(int p) {
        return Comparator.comparingLong((ListingSlot slot) -> slot.price(p)).thenComparing(slot -> slot.id);
    }

    /**
     * @param gone a slot to take out, or null
     * @param added a slot to put in, or null
     * @return these orders with the change
     */
    ListingOrders replace(ListingSlot gone, ListingSlot added) {
        ListingSlot[][] nextCheapest = new ListingSlot[PERIODS.length][];
        for (Period period : PERIODS) {
            int p = period.ordinal();
            nextCheapest[p] = replace(cheapest[p], priced(gone, p), priced(added, p), cheapest(p));
        }
        return new ListingOrders(replace(newest, gone, added, NEWEST), replace(cores, gone, added, CORES),
                replace(memory, gone, added, MEMORY), nextCheapest);
    }

    /**
     * @param sort the order; null means {@link ListingQuery.Sort#NEWEST}
     * @param period the period a {@link ListingQuery.Sort#PRICE} order prices by
     * @return the slots in that order; for PRICE only those priced for {@code period}
     */
    ListingSlot[] in(ListingQuery.Sort sort, Period period) {
        return switch (sort == null ? ListingQuery.Sort.NEWEST : sort) {
            case NEWEST -> newest;
            case PRICE -> cheapest[period.ordinal()];
            case CORES -> cores;
            case MEMORY -> memory;
        };
    }

    private static ListingSlot priced(ListingSlot slot, int p) {
        return slot != null && slot.price(p) != ListingSlot.NO_PRICE ? slot : null;
    }

    private static ListingSlot[] sorted(ListingSlot[] slots, Comparator<ListingSlot> order) {
        Arrays.sort(slots, order);
        return slots;
    }

    /** One copy of {@code order}, shifted between where {@code gone} was and where {@code added} goes. */
    private static ListingSlot[] replace(ListingSlot[] order, ListingSlot gone, ListingSlot added,
            Comparator<ListingSlot> comparator) {
        int from = -1;
        if (gone != null) {
            from = Arrays.binarySearch(order, gone, comparator);
            if (from < 0 || order[from] != gone) {
                throw new IllegalStateException("listing slot " + gone.id + " is not where its keys put it");
            }
        }
        if (added == null) {
            if (gone == null) {
                return order;
            }
            ListingSlot[] shorter = new ListingSlot[order.length - 1];
            System.arraycopy(order, 0, shorter, 0, from);
            System.arraycopy(order, from + 1, shorter, from, order.length - from - 1);
            return shorter;
        }
        int found = Arrays.binarySearch(order, added, comparator);
        if (found >= 0 && found != from) {
            throw new IllegalStateException("listing slot " + added.id + " is listed twice");
        }
        // where added goes once gone is out: equal keys (same id) take gone's place
        int to = found >= 0 ? from : -found - 1;
        if (from >= 0 && to > from) {
            to--;
        }
        if (from < 0) {
            ListingSlot[] longer = new ListingSlot[order.length + 1];
            System.arraycopy(order, 0, longer, 0, to);
            longer[to] = added;
            System.arraycopy(order, to, longer, to + 1, order.length - to);
            return longer;
        }
        ListingSlot[] same = new ListingSlot[order.length];
        int low = Math.min(from, to);
        int high = Math.max(from, to);
        System.arraycopy(order, 0, same, 0, low);
        System.arraycopy(order, high + 1, same, high + 1, order.length - high - 1);
        if (from < to) {
            System.arraycopy(order, from + 1, same, from, to - from);
        } else {
            System.arraycopy(order, to, same, to + 1, from - to);
        }
        same[to] = added;
        return same;
    }
}

package org.p2pvps.registry.internal;

import java.time.Instant;
import java.util.Objects;

import org.p2pvps.device.Device;
import org.p2pvps.device.Hardware;
import org.p2pvps.device.Period;

/**
 * One listed device inside the {@link ListingIndex}: what searches sort and filter on, in primitive final
 * fields (a filter pass reads no maps, boxes or records), plus the device's current {@link State}.
 * The sort keys never change for a slot; a write that changes them replaces the slot. A write that leaves
 * them alone (a heartbeat, a tunnel going up or down, a rental taking or returning the device) only swaps
 * the state, so it costs no re-sorting.
 */
final class ListingSlot {

    /** In {@link #prices}: the device has no price for that period. */
    static final long NO_PRICE = Long.MIN_VALUE;
    /** {@link State#onlineKey()} of a device never seen and without a tunnel. */
    static final long NEVER_SEEN = Long.MIN_VALUE;

    final String id;
    final Instant registeredAt;
    final boolean hasHardware;
    final int cores;
    final long memoryMb;
    final long diskMb;
    final String arch;
    /** By {@link Period#ordinal()}. */
    private final long[] prices;
    private volatile State state;

    /**
     * The device's current entry and its online key, published as one reference so that a search filters on
     * and returns the same write.
     *
     * @param onlineKey the entry's tunnel state and last sign of life as one number, so that the online filter
     *        reads no objects: {@link Long#MAX_VALUE} while the tunnel is up, else the last sign of life in
     *        {@link #epochNanos}, or {@link #NEVER_SEEN}; online means at least {@code epochNanos(onlineSince)}
     */
    record State(ListingIndex.Entry entry, long onlineKey) {

        State(ListingIndex.Entry entry) {
            this(entry, entry.device().tunnelConnected() ? Long.MAX_VALUE
                    : entry.device().lastSeen() == null ? NEVER_SEEN : epochNanos(entry.device().lastSeen()));
        }
    }

    ListingSlot(ListingIndex.Entry entry) {
        Device device = entry.device();
        Hardware hardware = device.hardware();
        this.id = device.id();
        this.registeredAt = device.registeredAt();
        this.hasHardware = hardware != null;
        this.cores = hardware == null ? 0 : hardware.cores();
        this.memoryMb = hardware == null ? 0 : hardware.memoryMb();
        this.diskMb = hardware == null ? 0 : hardware.diskMb();
        this.arch = hardware == null ? null : hardware.arch();
        this.prices = new long[Period.values().length];
        for (Period period : Period.values()) {
            Long price = device.pricing().get(period);
            prices[period.ordinal()] = price == null ? NO_PRICE : price;
        }
        entry(entry);
    }

    long price(int period) {
        return prices[period];
    }

    /** @return the current state: read it once per search step, so that its entry and key belong together */
    State state() {
        return state;
    }

    ListingIndex.Entry entry() {
        return state.entry();
    }

    /**
     * @return nanoseconds since the epoch; outside the years 1677-2262 clamped (order kept, ties possible),
     *         strictly between {@link #NEVER_SEEN} and {@link Long#MAX_VALUE}
     */
    static long epochNanos(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < -9_223_372_035L) {
            return Long.MIN_VALUE + 1;
        }
        if (seconds > 9_223_372_035L) {
            return Long.MAX_VALUE - 1;
        }
        return seconds * 1_000_000_000L + instant.getNano();
    }

    /** @return whether {@code next} keeps this slot's sort and filter keys, so it can simply take its place */
    boolean takes(ListingIndex.Entry next) {
        Device now = state.entry().device();
        Device then = next.device();
        return now.id().equals(then.id()) && Objects.equals(now.registeredAt(), then.registeredAt())
                && Objects.equals(now.hardware(), then.hardware()) && now.pricing().equals(then.pricing());
    }

    void entry(ListingIndex.Entry next) {
        this.state = new State(next);
    }
}

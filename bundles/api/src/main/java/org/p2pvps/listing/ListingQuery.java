package org.p2pvps.listing;

import org.p2pvps.device.Period;

/**
 * A search over listings. Every filter is optional ({@code null} = no filter).
 *
 * @param minCores at least this many cores
 * @param minMemoryMb at least this much memory
 * @param minDiskMb at least this much disk
 * @param maxPrice at most this price (minor units) for {@code period}; needs {@code period}
 * @param period only devices that offer this period; the period {@code maxPrice} and price sorting use
 * @param arch only this CPU architecture
 * @param online only devices that are (or are not) online
 * @param sort the order of the results
 * @param page zero-based page number
 * @param size page size
 */
public record ListingQuery(
        Integer minCores,
        Long minMemoryMb,
        Long minDiskMb,
        Long maxPrice,
        Period period,
        String arch,
        Boolean online,
        Sort sort,
        int page,
        int size) {

    /** Result orders. */
    public enum Sort {
        /** Most recently registered first. */
        NEWEST,
        /** Cheapest first for the query's period. */
        PRICE,
        /** Most cores first. */
        CORES,
        /** Most memory first. */
        MEMORY
    }
}

package org.p2pvps.listing;

import java.util.List;

/**
 * One page of listing results.
 *
 * @param items the listings on this page
 * @param page zero-based page number
 * @param size the requested page size
 * @param total how many listings match the query in all
 */
public record ListingPage(List<Listing> items, int page, int size, long total) {

    public ListingPage {
        items = List.copyOf(items);
    }
}

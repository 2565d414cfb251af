package org.p2pvps.listing;

import org.osgi.annotation.versioning.ProviderType;

/** Searches the public listings of registered devices. */
@ProviderType
public interface ListingService {

    /** @return the page of listings the query asks for */
    ListingPage search(ListingQuery query);
}

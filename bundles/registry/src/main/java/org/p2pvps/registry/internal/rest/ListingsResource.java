package org.p2pvps.registry.internal.rest;

import java.util.Locale;
import java.util.function.Function;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.p2pvps.listing.ListingPage;
import org.p2pvps.listing.ListingQuery;
import org.p2pvps.listing.ListingService;
import org.p2pvps.registry.internal.ApiException;
import org.p2pvps.registry.internal.Validation;

/** {@code GET /listings}: public search over registered devices. */
@Path("listings")
@Produces(MediaType.APPLICATION_JSON)
public final class ListingsResource {

    static final int DEFAULT_PAGE_SIZE = 20;

    private final ListingService listings;

    ListingsResource(ListingService listings) {
        this.listings = listings;
    }

    // Parameters arrive as strings: JAX-RS answers 404 to a query parameter it cannot convert, we say 400 and why.
    @GET
    public ListingPage search(@QueryParam("minCores") String minCores, @QueryParam("minMemoryMb") String minMemoryMb,
            @QueryParam("minDiskMb") String minDiskMb, @QueryParam("maxPrice") String maxPrice,
            @QueryParam("period") String period, @QueryParam("arch") String arch, @QueryParam("online") String online,
            @QueryParam("sort") String sort, @QueryParam("page") String page, @QueryParam("size") String size) {
        ListingQuery query = new ListingQuery(
                parse("minCores", minCores, Integer::valueOf),
                parse("minMemoryMb", minMemoryMb, Long::valueOf),
                parse("minDiskMb", minDiskMb, Long::valueOf),
                parse("maxPrice", maxPrice, Long::valueOf),
                period == null ? null : Validation.period("period", period),
                blankToNull(arch),
                online == null ? null : bool("online", online),
                sort == null ? null : sort(sort),
                page == null ? 0 : parse("page", page, Integer::valueOf),
                size == null ? DEFAULT_PAGE_SIZE : parse("size", size, Integer::valueOf));
        return listings.search(query);
    }

    private static <T> T parse(String name, String value, Function<String, T> parser) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static Boolean bool(String name, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.invalid(name + " must be true or false, not '" + value + "'");
        };
    }

    private static ListingQuery.Sort sort(String value) {
        try {
            return ListingQuery.Sort.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("sort must be one of NEWEST, PRICE, CORES, MEMORY, not '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

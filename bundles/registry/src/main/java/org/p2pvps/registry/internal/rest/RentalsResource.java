package org.p2pvps.registry.internal.rest;

import java.net.URI;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.p2pvps.registry.internal.rental.RentalRequest;
import org.p2pvps.registry.internal.rental.RentalTicket;
import org.p2pvps.registry.internal.rental.Rentals;

/**
 * {@code /rentals}: renters need no account. The rental token returned once by {@code POST} is
 * their key to the rental; the device's owner may use their session token instead.
 */
@Path("rentals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class RentalsResource {

    /** A renewal request. */
    public record RenewalRequest(Integer count) {
    }

    private final Rentals rentals;

    RentalsResource(Rentals rentals) {
        this.rentals = rentals;
    }

    @POST
    public Response rent(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, RentalRequest request) {
        RentalTicket ticket = rentals.rent(request, Bearer.token(authorization));
        return Response.created(URI.create("rentals/" + ticket.rental().id()))
                .entity(RentalJson.of(ticket.rental(), ticket.rentalToken(), ticket.payment(), null))
                .build();
    }

    @GET
    @Path("{id}")
    public RentalJson show(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        var view = rentals.view(id, Bearer.token(authorization));
        return RentalJson.of(view.rental(), null, null, view.access());
    }

    @POST
    @Path("{id}/renewal")
    public RentalJson renew(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
            RenewalRequest request) {
        RentalTicket ticket = rentals.renew(id, Bearer.token(authorization), request == null ? null : request.count());
        return RentalJson.of(ticket.rental(), null, ticket.payment(), null);
    }

    @DELETE
    @Path("{id}")
    public RentalJson end(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        return RentalJson.of(rentals.endByOwner(id, Bearer.token(authorization)), null, null, null);
    }
}

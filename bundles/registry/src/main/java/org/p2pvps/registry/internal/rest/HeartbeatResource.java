package org.p2pvps.registry.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import org.p2pvps.registry.internal.DesiredState;
import org.p2pvps.registry.internal.DeviceRegistry;
import org.p2pvps.registry.internal.rental.Rentals;
import org.p2pvps.registry.internal.HeartbeatReport;

/** {@code PUT /devices/{id}/heartbeat}: the device reports, the server answers with its desired state. */
@Path("devices/{id}/heartbeat")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class HeartbeatResource {

    private final DeviceRegistry registry;
    private final Rentals rentals;

    HeartbeatResource(DeviceRegistry registry, Rentals rentals) {
        this.registry = registry;
        this.rentals = rentals;
    }

    @PUT
    public DesiredState heartbeat(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id, HeartbeatReport report) {
        DesiredState idle = registry.heartbeat(id, Bearer.token(authorization), report);
        return rentals.desiredState(id, report == null ? null : report.appliedRentalId(), idle);
    }
}

package org.p2pvps.registry.internal.rest;

import java.util.Locale;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.p2pvps.store.MongoStore;

/** {@code GET /health}: is the server up, and does its store answer? */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    /** The health report; {@code store} is {@code embedded} or {@code external}. */
    public record Health(String status, String store, String api) {
    }

    private final MongoStore store;

    HealthResource(MongoStore store) {
        this.store = store;
    }

    @GET
    public Response health() {
        boolean up = store.reachable();
        Health health = new Health(up ? "UP" : "DOWN", store.mode().name().toLowerCase(Locale.ROOT), "v1");
        return Response.status(up ? 200 : 503).entity(health).build();
    }
}

package org.p2pvps.registry.internal.rest;

import java.util.Locale;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.p2pvps.registry.internal.GatewayInfo;
import org.p2pvps.store.MongoStore;

/** {@code GET /health}: is the server up, and does its store answer? */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    /**
     * The health report; {@code store} is {@code embedded} or {@code external}; {@code gateway} is
     * absent while no SSH gateway runs.
     */
    public record Health(String status, String store, String api, GatewayHealth gateway) {
    }

    /** The running SSH gateway: where it listens and its host key, for owners to check. */
    public record GatewayHealth(int port, String hostKeyFingerprint) {
    }

    private final MongoStore store;
    private final GatewayInfo gateway;

    HealthResource(MongoStore store, GatewayInfo gateway) {
        this.store = store;
        this.gateway = gateway;
    }

    @GET
    public Response health() {
        boolean up = store.reachable();
        GatewayHealth gatewayHealth = gateway.port()
                .flatMap(port -> gateway.hostKeyFingerprint().map(key -> new GatewayHealth(port, key)))
                .orElse(null);
        Health health = new Health(up ? "UP" : "DOWN", store.mode().name().toLowerCase(Locale.ROOT), "v1", gatewayHealth);
        return Response.status(up ? 200 : 503).entity(health).build();
    }
}

package org.p2pvps.registry.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.p2pvps.registry.internal.DeviceRegistry;
import org.p2pvps.registry.internal.Registration;
import org.p2pvps.registry.internal.RegistrationRequest;

/** {@code POST /devices/{id}/registration}: the device binds its key with its one-time token. */
@Path("devices/{id}/registration")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class RegistrationResource {

    private final DeviceRegistry registry;

    RegistrationResource(DeviceRegistry registry) {
        this.registry = registry;
    }

    @POST
    public Registration register(@PathParam("id") String id, RegistrationRequest request) {
        return registry.register(id, request);
    }
}

package org.p2pvps.registry.internal.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.p2pvps.device.Device;
import org.p2pvps.registry.internal.DeviceDraft;
import org.p2pvps.registry.internal.DeviceRegistry;
import org.p2pvps.registry.internal.OwnerAccounts;
import org.p2pvps.registry.internal.rental.Rentals;

/** {@code /devices}: an owner's devices. Someone else's device answers 404, as if it did not exist. */
@Path("devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class DevicesResource {

    /** The owner's devices. */
    public record DeviceList(List<DeviceJson> items, int total) {
    }

    private final OwnerAccounts accounts;
    private final DeviceRegistry registry;
    private final Rentals rentals;

    DevicesResource(OwnerAccounts accounts, DeviceRegistry registry, Rentals rentals) {
        this.accounts = accounts;
        this.registry = registry;
        this.rentals = rentals;
    }

    @POST
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, DeviceDraft draft) {
        String ownerId = accounts.authenticate(Bearer.token(authorization));
        DeviceRegistry.CreatedDevice created = registry.create(ownerId, draft);
        return Response.created(URI.create("devices/" + created.device().id()))
                .entity(json(created.device(), created.registrationToken()))
                .build();
    }

    @GET
    public DeviceList list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String ownerId = accounts.authenticate(Bearer.token(authorization));
        List<DeviceJson> devices = registry.ownedBy(ownerId).stream().map(d -> json(d, null)).toList();
        return new DeviceList(devices, devices.size());
    }

    @GET
    @Path("{id}")
    public DeviceJson get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        return json(registry.owned(accounts.authenticate(Bearer.token(authorization)), id), null);
    }

    @PATCH
    @Path("{id}")
    public DeviceJson change(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
            DeviceDraft patch) {
        return json(registry.change(accounts.authenticate(Bearer.token(authorization)), id, patch), null);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        registry.delete(accounts.authenticate(Bearer.token(authorization)), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/registration-token")
    public Map<String, String> newRegistrationToken(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id) {
        String token = registry.newRegistrationToken(accounts.authenticate(Bearer.token(authorization)), id);
        return Map.of("registrationToken", token);
    }

    private DeviceJson json(Device device, String registrationToken) {
        return DeviceJson.of(device, registry.online(device), rentals.holding(device.id()).orElse(null), registrationToken);
    }
}

package org.p2pvps.registry.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.p2pvps.owner.Owner;
import org.p2pvps.registry.internal.OwnerAccounts;
import org.p2pvps.registry.internal.Validation;

/** {@code POST /owners}: sign up. */
@Path("owners")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class OwnersResource {

    /** E-mail and password, for sign-up and login. */
    public record Credentials(String email, String password) {
    }

    private final OwnerAccounts accounts;

    OwnersResource(OwnerAccounts accounts) {
        this.accounts = accounts;
    }

    @POST
    public Response signUp(Credentials credentials) {
        Validation.required("body", credentials);
        Owner owner = accounts.signUp(credentials.email(), credentials.password());
        return Response.status(201).entity(owner).build();
    }
}

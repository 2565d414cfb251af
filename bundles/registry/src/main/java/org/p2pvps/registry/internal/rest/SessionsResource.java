package org.p2pvps.registry.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.p2pvps.registry.internal.OwnerAccounts;
import org.p2pvps.registry.internal.Validation;

/** {@code POST /sessions}: log in, get a bearer token. */
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SessionsResource {

    private final OwnerAccounts accounts;

    SessionsResource(OwnerAccounts accounts) {
        this.accounts = accounts;
    }

    @POST
    public OwnerAccounts.Session logIn(OwnersResource.Credentials credentials) {
        Validation.required("body", credentials);
        return accounts.logIn(credentials.email(), credentials.password());
    }
}

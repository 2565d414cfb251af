package org.p2pvps.registry.internal.rest;

import java.io.InputStream;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** {@code GET /openapi.json}: the API's OpenAPI 3 description, kept true to the resources by a test. */
@Path("openapi.json")
public final class OpenApiResource {

    static final String DOCUMENT = "openapi.json";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public InputStream document() {
        return OpenApiResource.class.getResourceAsStream(DOCUMENT);
    }
}

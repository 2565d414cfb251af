package org.p2pvps.registry.internal.rest;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** Builds the JSON error responses all mappers share. */
final class Responses {

    private Responses() {
    }

    static Response error(int status, String code, String message) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorJson(code, message));
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"p2pvps\"");
        }
        return response.build();
    }
}

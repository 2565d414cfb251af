package org.p2pvps.registry.internal.rest;

import java.util.Map;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/** What the JAX-RS runtime itself refuses (unknown path, wrong method or media type), as JSON. */
final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final Map<Integer, String[]> KNOWN = Map.of(
            400, new String[] {"invalid_request", "the request is malformed"},
            404, new String[] {"not_found", "there is no such resource; see /api/v1/openapi.json"},
            405, new String[] {"method_not_allowed", "this resource does not support that HTTP method"},
            406, new String[] {"not_acceptable", "this API only produces application/json"},
            413, new String[] {"payload_too_large", "the request body is too large"},
            415, new String[] {"unsupported_media_type", "send the request body as application/json"});

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String[] known = KNOWN.getOrDefault(status, new String[] {"http_" + status, "the request failed"});
        Response error = Responses.error(status, known[0], known[1]);
        String allow = e.getResponse().getHeaderString("Allow");
        return allow == null ? error : Response.fromResponse(error).header("Allow", allow).build();
    }
}

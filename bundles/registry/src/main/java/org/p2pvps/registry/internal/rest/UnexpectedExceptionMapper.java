package org.p2pvps.registry.internal.rest;

import java.io.IOException;
import java.util.UUID;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything else is our fault: log it in full with an id, answer 500 with that id and no stack trace. */
final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof IOException) {
            // the client went away mid-response: nothing is wrong with the server and nobody reads this answer
            LOG.debug("Client connection closed while answering: {}", e.toString());
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Request failed (incident {})", incident, e);
        return Responses.error(500, "internal_error",
                "the server failed to handle this request; the operator can find incident " + incident + " in the log");
    }
}

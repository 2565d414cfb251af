package org.p2pvps.registry.internal.rest;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.p2pvps.registry.internal.ApiException;

/** A refused request: its status, code and message as JSON. */
final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException e) {
        return Responses.error(e.status(), e.code(), e.getMessage());
    }
}

package org.p2pvps.registry.internal.rest;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/**
 * A database that does not answer (down, unreachable, electing a primary) is a 503 that a client may retry, and
 * one WARN line without a stack trace: it used to be a 500 "internal error" with a stack trace for every request
 * of the outage. Any other database failure is ours, as {@link UnexpectedExceptionMapper} says.
 */
final class StoreUnavailableMapper implements ExceptionMapper<MongoException> {

    /** Seconds a client should wait before trying again: about one of the driver's server selection timeouts. */
    static final int RETRY_AFTER_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(StoreUnavailableMapper.class);

    private final UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();

    @Override
    public Response toResponse(MongoException e) {
        if (!unavailable(e)) {
            return unexpected.toResponse(e);
        }
        LOG.warn("Request refused, the database does not answer: {}", e.getMessage());
        return Response.fromResponse(Responses.error(503, "store_unavailable",
                "the server's database does not answer right now; try again in a few seconds"))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    private static boolean unavailable(MongoException e) {
        return e instanceof MongoTimeoutException || e instanceof MongoSocketException
                || e instanceof MongoNotPrimaryException || e instanceof MongoNodeIsRecoveringException;
    }
}

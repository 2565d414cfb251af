package org.p2pvps.registry.internal.rest;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/**
 * A database that does not answer (down, unreachable, electing a primary) is a 503 that a client may retry, and a
 * WARN line at most every {@value #RETRY_AFTER_SECONDS} s: it used to be a 500 "internal error" with a stack trace
 * for every request of the outage. Any other database failure is ours, as {@link UnexpectedExceptionMapper} says.
 */
final class StoreUnavailableMapper implements ExceptionMapper<MongoException> {

    /** Seconds a client should wait before trying again: about one of the driver's server selection timeouts. */
    static final int RETRY_AFTER_SECONDS = 10;

    /**
     * Server error codes the driver itself retries on: the server is unreachable, shutting down or not (any more)
     * primary (its {@code CommandOperationHelper}); they also come inside write concern errors during a step-down.
     */
    private static final Set<Integer> UNAVAILABLE_CODES = Set.of(6, 7, 89, 91, 134, 189, 262, 9001, 10107, 11600,
            11602, 13435, 13436);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(RETRY_AFTER_SECONDS).toNanos();
    private static final Logger LOG = LoggerFactory.getLogger(StoreUnavailableMapper.class);

    private final UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();
    private final AtomicLong nextLog = new AtomicLong(System.nanoTime());
    private final AtomicLong refusedSinceLog = new AtomicLong();

    @Override
    public Response toResponse(MongoException e) {
        if (!unavailable(e)) {
            return unexpected.toResponse(e);
        }
        logAtMostEveryRetry(e);
        return Response.fromResponse(Responses.error(503, "store_unavailable",
                "the server's database does not answer right now; try again in a few seconds"))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    /** Whether the failure, or one it was caused by, says the database cannot be reached now. */
    static boolean unavailable(Throwable failure) {
        Throwable e = failure;
        for (int depth = 0; e != null && depth < 16; depth++, e = e.getCause()) { // a bound, should causes loop
            if (e instanceof MongoTimeoutException || e instanceof MongoSocketException
                    || e instanceof MongoNotPrimaryException || e instanceof MongoNodeIsRecoveringException
                    || e instanceof MongoConnectionPoolClearedException || e instanceof MongoServerUnavailableException
                    || e instanceof MongoException mongo && UNAVAILABLE_CODES.contains(mongo.getCode())) {
                return true;
            }
        }
        return false;
    }

    private void logAtMostEveryRetry(MongoException e) {
        long now = System.nanoTime();
        long due = nextLog.get();
        if (now - due < 0 || !nextLog.compareAndSet(due, now + LOG_EVERY_NANOS)) {
            refusedSinceLog.incrementAndGet();
            return;
        }
        long others = refusedSinceLog.getAndSet(0);
        LOG.warn("Requests refused with 503, the database does not answer: {}{}", reason(e),
                others == 0 ? "" : " (and " + others + " more refused since the last such line)");
    }

    /** The driver's timeout message ends in a dump of its whole cluster view: the first sentence says enough. */
    private static String reason(MongoException e) {
        String message = String.valueOf(e.getMessage());
        int dump = message.indexOf(". Client view of cluster state is");
        return e.getClass().getSimpleName() + ": " + (dump < 0 ? message : message.substring(0, dump));
    }
}

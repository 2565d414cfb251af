package org.p2pvps.registry.internal.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/**
 * Refuses request bodies over the limit with 413: at once when Content-Length says so, otherwise as
 * soon as a chunked body grows past it, before anything is parsed or stored.
 */
@PreMatching
final class BodySizeLimit implements ContainerRequestFilter {

    private final int maxBytes;

    BodySizeLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            request.abortWith(tooLarge(maxBytes));
            return;
        }
        request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
    }

    static Response tooLarge(int maxBytes) {
        return Responses.error(413, "payload_too_large", "the request body must be at most " + maxBytes + " bytes");
    }

    /** Thrown while reading a body that turned out too large. */
    static final class TooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        final int maxBytes;

        TooLargeException(int maxBytes) {
            super("request body over " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }
    }

    /** Maps {@link TooLargeException} to 413. */
    static final class TooLargeMapper implements ExceptionMapper<TooLargeException> {

        @Override
        public Response toResponse(TooLargeException e) {
            return tooLarge(e.maxBytes);
        }
    }

    private static final class Limited extends FilterInputStream {

        private final int maxBytes;
        private long read;

        Limited(InputStream in, int maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
        }
    }
}

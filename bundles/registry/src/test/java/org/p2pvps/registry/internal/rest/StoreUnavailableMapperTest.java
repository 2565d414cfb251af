package org.p2pvps.registry.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.stream.Stream;

import javax.ws.rs.core.Response;

import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ServerId;

/**
 * Which of the driver's failures mean "the database does not answer" (a 503 to retry) and which are a fault of
 * ours (a 500 with an incident id): the driver's own exceptions, as it throws them in an outage or a step-down.
 */
class StoreUnavailableMapperTest {

    private static final ServerAddress DB = new ServerAddress("127.0.0.1", 27017);

    static Stream<MongoException> outages() {
        return Stream.of(
                new MongoTimeoutException("Timed out while waiting for a server. Client view of cluster state is {}"),
                new MongoSocketReadException("Prematurely reached end of stream", DB),
                new MongoConnectionPoolClearedException(new ServerId(new ClusterId(), DB),
                        new MongoSocketOpenException("Exception opening socket", DB, new IOException("refused"))),
                new MongoServerUnavailableException("The server at 127.0.0.1:27017 is no longer available"),
                new MongoSecurityException(MongoCredential.createCredential("p2pvps", "admin", "x".toCharArray()),
                        "Exception authenticating", new MongoSocketReadException("reset", DB)),
                command(91, "ShutdownInProgress"),
                command(189, "PrimarySteppedDown"),
                command(10107, "NotWritablePrimary"));
    }

    static Stream<MongoException> faultsOfOurs() {
        return Stream.of(
                command(2, "BadValue"),
                new MongoSecurityException(MongoCredential.createCredential("p2pvps", "admin", "x".toCharArray()),
                        "Exception authenticating"),
                new MongoException("something else"));
    }

    @ParameterizedTest
    @MethodSource("outages")
    void anOutageIs503StoreUnavailableWithRetryAfter(MongoException outage) {
        Response response = new StoreUnavailableMapper().toResponse(outage);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((ErrorJson) response.getEntity()).error()).isEqualTo("store_unavailable");
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("10");
    }

    @ParameterizedTest
    @MethodSource("faultsOfOurs")
    void anyOtherDatabaseFailureIsA500Incident(MongoException fault) {
        Response response = new StoreUnavailableMapper().toResponse(fault);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(((ErrorJson) response.getEntity()).error()).isEqualTo("internal_error");
    }

    private static MongoCommandException command(int code, String name) {
        return new MongoCommandException(BsonDocument.parse(
                "{ok: 0, code: " + code + ", codeName: '" + name + "', errmsg: '" + name + "'}"), DB);
    }
}

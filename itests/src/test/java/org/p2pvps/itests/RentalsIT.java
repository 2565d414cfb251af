package org.p2pvps.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Date;
import java.util.UUID;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.bson.Document;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.p2pvps.rental.RentalService;
import org.p2pvps.store.MongoStore;

import com.fasterxml.jackson.databind.JsonNode;

/** Rentals end to end in the real server: self-rent to expiry, and a stranger's rental confirmed by the operator. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class RentalsIT {

    @Inject
    private SessionFactory shellSessions;

    @Inject
    private MongoStore store;

    // waits until the rentals component has started
    @Inject
    private RentalService rentalService;

    private Api api;
    private String ownerToken;
    private String deviceId;
    private String deviceToken;

    @Configuration
    public Option[] config() {
        return ServerDistribution.options();
    }

    @Before
    public void registeredDevice() throws Exception {
        api = new Api(Integer.getInteger(ServerDistribution.HTTP_PORT_PROPERTY));
        ownerToken = api.newOwnerSession("renting-" + UUID.randomUUID() + "@example.org");
        Api.Reply created = api.post("/devices", ownerToken,
                "{\"name\":\"rent-me\",\"currency\":\"EUR\",\"pricing\":{\"HOUR\":50}}");
        assertEquals(created.body(), 201, created.status());
        deviceId = created.json().get("id").asText();
        Api.Reply registered = api.post("/devices/" + deviceId + "/registration", null,
                "{\"registrationToken\":\"" + created.json().get("registrationToken").asText() + "\",\"publicKey\":\""
                        + DeviceKeys.newPublicKey() + "\",\"hardware\":{\"cpuModel\":\"x\",\"cores\":2,\"memoryMb\":2048,"
                        + "\"diskMb\":20000,\"arch\":\"amd64\"}}");
        assertEquals(registered.body(), 200, registered.status());
        deviceToken = registered.json().get("deviceToken").asText();
    }

    private String desiredState() {
        Api.Reply heartbeat = api.put("/devices/" + deviceId + "/heartbeat", deviceToken, "{}");
        assertEquals(heartbeat.body(), 200, heartbeat.status());
        return heartbeat.json().get("state").asText();
    }

    @Test
    public void aSelfRentIsRentedAtOnceAndAvailableAgainWhenItExpires() throws Exception {
        Api.Reply rented = api.post("/rentals", ownerToken, "{\"deviceId\":\"" + deviceId + "\",\"period\":\"HOUR\"}");
        assertEquals(rented.body(), 201, rented.status());
        assertEquals("ACTIVE", rented.json().get("state").asText());
        assertEquals("RENTED", desiredState());

        // an hour passes: the rental's end moves into the past, as the clock would move it
        store.database().getCollection("rentals").updateOne(new Document("_id", rented.json().get("id").asText()),
                new Document("$set", new Document("expiresAt", new Date(System.currentTimeMillis() - 1000))));
        Await.until("the sweeper to expire the rental", this::desiredState, "AVAILABLE"::equals);
        JsonNode rental = api.get("/rentals/" + rented.json().get("id").asText(),
                rented.json().get("rentalToken").asText()).json();
        assertEquals("EXPIRED", rental.get("state").asText());
    }

    @Test
    public void aStrangersRentalStaysPendingUntilTheOperatorConfirmsIt() throws Exception {
        Api.Reply rented = api.post("/rentals", null, "{\"deviceId\":\"" + deviceId + "\",\"period\":\"HOUR\",\"count\":2}");
        assertEquals(rented.body(), 201, rented.status());
        String rentalId = rented.json().get("id").asText();
        String rentalToken = rented.json().get("rentalToken").asText();
        assertEquals("PENDING_PAYMENT", rented.json().get("state").asText());
        assertEquals(100, rented.json().get("price").get("amount").asLong());
        assertEquals("AVAILABLE", desiredState());

        Shell shell = new Shell(shellSessions);
        String confirmed = shell.run("p2pvps:rental-confirm " + rentalId);
        assertTrue(confirmed, confirmed.contains("ACTIVE"));
        JsonNode active = api.get("/rentals/" + rentalId, rentalToken).json();
        assertEquals("ACTIVE", active.get("state").asText());
        assertTrue(active.toString(), active.get("access").get("password").asText().length() >= 20);
        assertEquals("RENTED", desiredState());

        String listed = shell.run("p2pvps:rental-list");
        assertTrue(listed, listed.contains(rentalId));
        String ended = shell.run("p2pvps:rental-end " + rentalId);
        assertTrue(ended, ended.contains("ENDED"));
        assertEquals("AVAILABLE", desiredState());
    }
}

package org.p2pvps.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;
import java.util.UUID;

import javax.inject.Inject;

import org.bson.Document;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.p2pvps.gateway.SshGateway;
import org.p2pvps.rental.RentalService;
import org.p2pvps.store.MongoStore;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The real device runtime (device-bundle/runtime's tar.gz, unpacked, {@code bin/p2pvps-device} run as a process)
 * against the real server, once per container driver: it registers, holds its tunnel through the gateway, applies
 * its owner's self-rent; a renter's OpenSSH client runs commands in the rental through the tunnel port and through
 * the gateway as a jump host; the gateway stops and starts again and the device's tunnel comes back by itself;
 * when the rental ends (by the owner, or by expiry) the device wipes the environment, so the next rental starts
 * fresh. Both drivers share one Karaf boot.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class DeviceRuntimeEndToEndIT {

    private static final String GATEWAY_BUNDLE = "p2pvps-ssh-gateway";

    @Inject
    private BundleContext context;

    @Inject
    private MongoStore store;

    // wait (Pax Exam's service timeout) until rentals and the gateway have started
    @Inject
    private RentalService rentalService;

    @Inject
    private SshGateway gateway;

    private DeviceRuntime runtime;
    private RenterSsh renter;
    private Api api;

    @Configuration
    public Option[] config() {
        return ServerDistribution.options();
    }

    @Before
    public void unpackTheDeviceRuntime() throws Exception {
        RenterSsh.requireTools();
        runtime = DeviceRuntime.unpack();
        renter = new RenterSsh(runtime.scratch(), runtime::logTail);
        api = new Api(Integer.getInteger(ServerDistribution.HTTP_PORT_PROPERTY));
    }

    @After
    public void stopTheDeviceRuntime() throws Exception {
        try {
            if (runtime != null) {
                runtime.close();
            }
        } finally {
            TestDocker.removeWhatTheDriverLeft();
        }
    }

    @Test
    public void aLocalSshdDeviceServesItsOwnersSelfRentThroughAGatewayRestartAndStartsFreshAfterItEnds() throws Exception {
        Device device = startDevice(DeviceRuntime.Driver.LOCAL_SSHD);
        assertEquals("the key the device made and registered", "ssh-ed25519",
                Files.readString(runtime.dataDir().resolve("device_ed25519.pub")).split(" ")[0]);

        Rental first = selfRent(device);
        assertEquals("the renter goes straight to the device's tunnel port", device.tunnelPort(),
                first.access().get("port").asInt());
        String out = renter.run(device.tunnelPort(), first.access(), "echo hi > f; cat f; pwd");
        Path scratch = runtime.dataDir().resolve("local-sshd/rentals/" + first.id());
        assertEquals("hi\n" + scratch.toRealPath() + "\n", out);
        assertEquals("the renter's file is in the local-sshd driver's scratch directory", "hi\n",
                Files.readString(scratch.resolve("f")));
        assertEquals("through the gateway as a jump host, by subdomain", "hi\n",
                renter.viaJumpHost(device.subdomain(), first.access(), "cat f"));
        awaitApplied(device, first);

        restartTheGateway(device);
        assertEquals("the rental survives the gateway's restart", "hi\n",
                renter.run(device.tunnelPort(), first.access(), "cat f"));

        // the owner ends it: the device resets, and says so in its heartbeat
        Api.Reply ended = api.delete("/rentals/" + first.id(), device.ownerToken());
        assertEquals(ended.body(), 200, ended.status());
        assertEquals("ENDED", ended.json().get("state").asText());
        awaitReset(device, first);
        assertEquals("ENDED", api.get("/rentals/" + first.id(), first.token()).json().get("state").asText());
        assertFalse("the scratch directory is wiped: " + scratch, Files.exists(scratch));

        // the next rental gets a fresh environment: the first renter's file is gone
        Rental second = selfRent(device);
        assertNotEquals(first.id(), second.id());
        assertEquals("gone\n", renter.run(device.tunnelPort(), second.access(), "test -e f && echo still there || echo gone"));
        endAndAwaitReset(device, second);
    }

    @Test
    public void aDockerDeviceRunsEachRentalInAFreshContainerThroughAGatewayRestartAndReplacesItWhenTheRentalExpires()
            throws Exception {
        TestDocker.require();
        Device device = startDevice(DeviceRuntime.Driver.DOCKER);

        Rental first = selfRent(device);
        String container = containerOf(first.id());
        String login = first.access().get("login").asText();
        assertEquals("inside the container (Docker's marker file), in the renter's home on the rental's volume",
                "container\n" + login + "\n/home/" + login + "\n",
                renter.run(device.tunnelPort(), first.access(),
                        "echo hi > f; test -e /.dockerenv && echo container; whoami; pwd"));
        assertEquals("the file is in the container, not on this machine", "hi\n",
                TestDocker.docker("exec", container, "cat", "/home/" + login + "/f") + "\n");
        assertFalse("no such user's home on this machine", Files.exists(Path.of("/home", login)));
        assertEquals("through the gateway as a jump host, by subdomain: the same container", "hi\n",
                renter.viaJumpHost(device.subdomain(), first.access(), "test -e /.dockerenv && cat f"));
        awaitApplied(device, first);

        restartTheGateway(device);
        assertEquals("the same container, its file kept, after the gateway's restart", "hi\n",
                renter.run(device.tunnelPort(), first.access(), "cat f"));
        assertEquals(container, containerOf(first.id()));

        // the rental's hour passes, as the clock would pass it: the sweeper expires it, the device removes it all
        store.database().getCollection("rentals").updateOne(new Document("_id", first.id()),
                new Document("$set", new Document("expiresAt", new Date(System.currentTimeMillis() - 1000))));
        awaitReset(device, first);
        assertEquals("EXPIRED", api.get("/rentals/" + first.id(), first.token()).json().get("state").asText());
        assertEquals("no container of the expired rental", "", TestDocker.containersOf(first.id()));
        assertEquals("no volume of the expired rental", "",
                TestDocker.docker("volume", "ls", "-q", "--filter", "label=org.p2pvps.rental=" + first.id()));

        // the next rental: a new container, the first renter's file gone
        Rental second = selfRent(device);
        assertNotEquals(container, containerOf(second.id()));
        assertEquals("container\ngone\n", renter.run(device.tunnelPort(), second.access(),
                "test -e /.dockerenv && echo container; test -e /home/" + login + "/f && echo still there || echo gone"));
        endAndAwaitReset(device, second);
        assertEquals("no container left once the device is idle", "", TestDocker.containersOf(second.id()));
    }

    private record Device(String id, String ownerToken, int tunnelPort, String subdomain) {
    }

    private record Rental(String id, String token, JsonNode access) {
    }

    /** A new owner creates a device; the runtime, configured with its id and token, registers and brings its tunnel up. */
    private Device startDevice(DeviceRuntime.Driver driver) throws Exception {
        String ownerToken = api.newOwnerSession("device-runtime-" + UUID.randomUUID() + "@example.org");
        Api.Reply created = api.post("/devices", ownerToken,
                "{\"name\":\"real-device\",\"currency\":\"EUR\",\"pricing\":{\"HOUR\":50}}");
        assertEquals(created.body(), 201, created.status());
        String deviceId = created.json().get("id").asText();
        runtime.configure(deviceId, created.json().get("registrationToken").asText(), driver);
        runtime.start();
        JsonNode json = runtime.await("the device to register and its tunnel to come up",
                () -> api.get("/devices/" + deviceId, ownerToken).json(),
                device -> device.get("registered").asBoolean() && device.get("tunnelConnected").asBoolean()
                        && device.get("online").asBoolean());
        runtime.await("`bin/p2pvps-device status` to show the tunnel up", runtime::status,
                status -> status.contains("registered:     yes") && status.contains("tunnel:         UP"));
        return new Device(deviceId, ownerToken, json.get("tunnelPort").asInt(), json.get("subdomain").asText());
    }

    /** The owner rents their own device (active at once); returns once the device has applied the rental. */
    private Rental selfRent(Device device) throws Exception {
        Api.Reply rented = api.post("/rentals", device.ownerToken(),
                "{\"deviceId\":\"" + device.id() + "\",\"period\":\"HOUR\"}");
        assertEquals(rented.body(), 201, rented.status());
        assertEquals("ACTIVE", rented.json().get("state").asText());
        assertTrue(rented.body(), rented.json().get("selfRent").asBoolean());
        String id = rented.json().get("id").asText();
        String token = rented.json().get("rentalToken").asText();
        JsonNode ready = runtime.await("the device to apply rental " + id, () -> api.get("/rentals/" + id, token).json(),
                json -> json.get("deviceReady").asBoolean());
        JsonNode access = ready.get("access");
        assertEquals(ready.toString(), "127.0.0.1", access.get("host").asText());
        return new Rental(id, token, access);
    }

    private void awaitApplied(Device device, Rental rental) throws InterruptedException {
        runtime.await("the heartbeat to report the rental applied", () -> reportedStatus(device.id()),
                status -> rental.id().equals(status.getString("appliedRentalId"))
                        && "RUNNING".equals(status.getString("container")) && "UP".equals(status.getString("tunnel")));
    }

    /** Waits until the device reports its environment gone, then checks what the server and the renter see. */
    private void awaitReset(Device device, Rental ended) throws Exception {
        runtime.await("the heartbeat to report the environment gone", () -> reportedStatus(device.id()),
                status -> status.getString("appliedRentalId") == null && "NONE".equals(status.getString("container")));
        JsonNode free = api.get("/devices/" + device.id(), device.ownerToken()).json();
        assertNull("no rental holds the device: " + free, free.get("rental"));
        assertTrue("still online with its tunnel: " + free,
                free.get("online").asBoolean() && free.get("tunnelConnected").asBoolean());
        assertTrue("listed as available again", listing(device.id()).get("available").asBoolean());
        Commands.Result refused = renter.attempt(device.tunnelPort(), ended.access(), "true");
        assertNotEquals("the ended rental's renter no longer gets in: " + refused, 0, refused.exit());
    }

    private void endAndAwaitReset(Device device, Rental rental) throws Exception {
        Api.Reply ended = api.delete("/rentals/" + rental.id(), device.ownerToken());
        assertEquals(ended.body(), 200, ended.status());
        runtime.await("the device to reset after rental " + rental.id(), () -> reportedStatus(device.id()),
                status -> "NONE".equals(status.getString("container")));
    }

    /**
     * Stops the gateway bundle (its sessions and tunnel ports go with it) and starts it again: the device must
     * notice, say so, and bring its tunnel back by itself, with its jittered backoff.
     */
    private void restartTheGateway(Device device) throws Exception {
        Bundle gatewayBundle = Arrays.stream(context.getBundles())
                .filter(bundle -> GATEWAY_BUNDLE.equals(bundle.getSymbolicName())).findFirst().orElse(null);
        assertNotNull(GATEWAY_BUNDLE + " installed", gatewayBundle);
        gatewayBundle.stop();
        try {
            runtime.await("the registry to show the tunnel down", () -> api.get("/devices/" + device.id(),
                    device.ownerToken()).json(), json -> !json.get("tunnelConnected").asBoolean());
            runtime.await("the device to see its tunnel down", runtime::status,
                    status -> status.contains("tunnel:") && !status.contains("tunnel:         UP"));
        } finally {
            gatewayBundle.start();
        }
        runtime.await("the device to bring its tunnel back", () -> api.get("/devices/" + device.id(),
                device.ownerToken()).json(), json -> json.get("tunnelConnected").asBoolean());
        runtime.await("`bin/p2pvps-device status` to show the tunnel up again", runtime::status,
                status -> status.contains("tunnel:         UP"));
    }

    /** @return the id of the one container the docker driver runs for this rental */
    private String containerOf(String rentalId) throws Exception {
        String ids = TestDocker.containersOf(rentalId);
        assertTrue("exactly one container for rental " + rentalId + ", found [" + ids + "]" + runtime.logTail(),
                !ids.isEmpty() && !ids.contains("\n"));
        return ids;
    }

    private JsonNode listing(String deviceId) {
        Api.Reply listings = api.get("/listings?size=100", null);
        assertEquals(listings.body(), 200, listings.status());
        for (JsonNode listing : listings.json().get("items")) {
            if (deviceId.equals(listing.get("deviceId").asText())) {
                return listing;
            }
        }
        throw new AssertionError("device " + deviceId + " not listed: " + listings.body());
    }

    /** What the device last reported in its heartbeat, as the registry keeps it. */
    private Document reportedStatus(String deviceId) {
        Document device = store.database().getCollection("devices").find(new Document("_id", deviceId)).first();
        Document status = device == null ? null : device.get("status", Document.class);
        return status == null ? new Document() : status;
    }
}

package org.p2pvps.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.p2pvps.device.DeviceService;
import org.p2pvps.store.MongoStore;

import com.fasterxml.jackson.databind.JsonNode;

/** The server distribution as an operator gets it: boots, serves /api/v1 end to end, and has its shell. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ServerSpineIT {

    @Inject
    private BundleContext context;

    @Inject
    private FeaturesService features;

    @Inject
    private SessionFactory shellSessions;

    // waits (Pax Exam's service timeout) until the registry and store have started
    @Inject
    private DeviceService devices;

    @Inject
    private MongoStore store;

    @Configuration
    public Option[] config() {
        return ServerDistribution.options();
    }

    private Api api() {
        return new Api(Integer.getInteger(ServerDistribution.HTTP_PORT_PROPERTY));
    }

    @Test
    public void everyP2pvpsBundleIsActive() {
        var ours = Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getSymbolicName().startsWith("p2pvps-"))
                .collect(Collectors.toMap(Bundle::getSymbolicName, Bundle::getState));
        assertTrue("p2pvps bundles installed: " + ours.keySet(), ours.keySet().containsAll(
                java.util.List.of("p2pvps-api", "p2pvps-store-mongo", "p2pvps-registry", "p2pvps-shell")));
        ours.forEach((name, state) -> assertEquals(name + " state", Bundle.ACTIVE, (int) state));
    }

    @Test
    public void healthReportsTheEmbeddedStore() {
        Api.Reply health = api().get("/health", null);
        assertEquals(health.body(), 200, health.status());
        assertEquals("UP", health.json().get("status").asText());
        assertEquals("embedded", health.json().get("store").asText());
        assertEquals(MongoStore.Mode.EMBEDDED, store.mode());
    }

    @Test
    public void ownerRegistersADeviceThatShowsUpInListingsAndTheShell() throws Exception {
        Api api = api();
        String email = "owner-" + UUID.randomUUID() + "@example.org";
        String credentials = api.signUp(email);
        Api.Reply session = api.post("/sessions", null, credentials);
        assertEquals(session.body(), 200, session.status());
        String ownerToken = session.json().get("token").asText();

        Api.Reply created = api.post("/devices", ownerToken, "{\"name\":\"itest-pi\",\"description\":\"a Raspberry Pi 4\","
                + "\"currency\":\"USD\",\"pricing\":{\"HOUR\":25,\"DAY\":400}}");
        assertEquals(created.body(), 201, created.status());
        String deviceId = created.json().get("id").asText();
        String registrationToken = created.json().get("registrationToken").asText();

        Api.Reply registered = api.post("/devices/" + deviceId + "/registration", null,
                "{\"registrationToken\":\"" + registrationToken + "\",\"publicKey\":\"" + DeviceKeys.newPublicKey() + "\","
                        + "\"hardware\":{\"cpuModel\":\"Cortex-A72\",\"cores\":4,\"memoryMb\":8192,\"diskMb\":64000,\"arch\":\"aarch64\"}}");
        assertEquals(registered.body(), 200, registered.status());
        int tunnelPort = registered.json().get("tunnelPort").asInt();
        assertTrue("tunnel port in the default range: " + tunnelPort, tunnelPort >= 6000 && tunnelPort <= 6999);
        String deviceToken = registered.json().get("deviceToken").asText();

        Api.Reply reused = api.post("/devices/" + deviceId + "/registration", null,
                "{\"registrationToken\":\"" + registrationToken + "\",\"publicKey\":\"" + DeviceKeys.newPublicKey() + "\","
                        + "\"hardware\":{\"cpuModel\":\"x\",\"cores\":1,\"memoryMb\":1,\"diskMb\":1,\"arch\":\"x\"}}");
        assertEquals("a registration token works once", 401, reused.status());

        Api.Reply heartbeat = api.put("/devices/" + deviceId + "/heartbeat", deviceToken, "{}");
        assertEquals(heartbeat.body(), 200, heartbeat.status());
        assertEquals("AVAILABLE", heartbeat.json().get("state").asText());

        Api.Reply listings = api.get("/listings?minCores=4&arch=aarch64&online=true&size=100", null);
        assertEquals(listings.body(), 200, listings.status());
        JsonNode listing = findListing(listings.json(), deviceId);
        assertNotNull("registered online device listed: " + listings.body(), listing);
        assertTrue(listing.get("online").asBoolean());
        assertFalse("listings never show owner e-mail", listings.body().contains(email));
        assertFalse("listings never show tokens", listings.body().contains(deviceToken));

        Shell shell = new Shell(shellSessions);
        String list = shell.run("p2pvps:device-list");
        assertTrue(list, list.contains(deviceId) && list.contains("itest-pi"));
        String shown = shell.run("p2pvps:device-show " + deviceId);
        assertTrue(shown, shown.contains(String.valueOf(tunnelPort)));
        assertFalse("the shell never prints tokens: " + shown, shown.contains(deviceToken));
        String owners = shell.run("p2pvps:owner-list");
        assertTrue(owners, owners.contains(email));
        String status = shell.run("p2pvps:status");
        assertTrue(status, status.contains("embedded, answers") && status.matches("(?s).*Devices +\\| [1-9].*"));
    }

    @Test
    public void badRegistryAndStoreSettingsAreRefusedWhileTheApiKeepsServing() throws Exception {
        Configurations configurations = new Configurations(context);
        Dictionary<String, Object> registry = configurations.current("org.p2pvps.registry");
        Dictionary<String, Object> storeSettings = configurations.current("org.p2pvps.store");
        Object storeId = context.getServiceReference(MongoStore.class).getProperty(Constants.SERVICE_ID);
        try {
            configurations.update("org.p2pvps.registry", Configurations.with(registry, "password.hash.cost", "99"));
            configurations.update("org.p2pvps.registry", Configurations.with(registry, "session.ttl.hours", "12h"));
            configurations.update("org.p2pvps.store", Configurations.with(storeSettings, "embedded.port", "99999"));

            Api.Reply health = api().get("/health", null);
            assertEquals(health.body(), 200, health.status());
            assertEquals("UP", health.json().get("status").asText());
            assertEquals("the store kept running", storeId,
                    context.getServiceReference(MongoStore.class).getProperty(Constants.SERVICE_ID));
            assertNotNull("the API serves owners", api().newOwnerSession("settings-" + UUID.randomUUID() + "@example.org"));

            // the changes above did arrive: valid ones take effect
            configurations.update("org.p2pvps.registry", Configurations.with(registry, "session.ttl.hours", "2"));
            String email = "ttl-" + UUID.randomUUID() + "@example.org";
            Api.Reply session = api().post("/sessions", null, api().signUp(email));
            Instant expiresAt = Instant.parse(session.json().get("expiresAt").asText());
            assertTrue("sessions last 2 hours now: " + expiresAt, expiresAt.isBefore(Instant.now().plus(Duration.ofHours(3))));
            configurations.update("org.p2pvps.store",
                    Configurations.with(storeSettings, "embedded.port", String.valueOf(ServerDistribution.freePort())));
            assertNotEquals("a valid change restarts the store", storeId,
                    context.getServiceReference(MongoStore.class).getProperty(Constants.SERVICE_ID));
        } finally {
            configurations.update("org.p2pvps.store", storeSettings);
            configurations.update("org.p2pvps.registry", registry);
            // the store and the registry restarted: the next test needs the API back
            Await.until("the API serving again", () -> api().get("/health", null).status(), status -> status == 200);
        }
    }

    /**
     * A server whose external MongoDB does not answer: the store waits for it, the registry does not run, and the
     * operator's commands are all still there to say so (Karaf takes away all of a bundle's commands while one of
     * them lacks a required service); the API's URLs answer 503. Once the database answers again (here: the embedded
     * store back), all serve.
     */
    @Test
    public void theShellSaysWhatIsMissingWhileTheStoreWaitsForItsDatabase() throws Exception {
        Configurations configurations = new Configurations(context);
        Dictionary<String, Object> storeSettings = configurations.current("org.p2pvps.store");
        Shell shell = new Shell(shellSessions);
        try {
            configurations.update("org.p2pvps.store", Configurations.with(storeSettings, "mongodb.uri",
                    "mongodb://127.0.0.1:" + ServerDistribution.freePort()));
            Await.until("the store stopped", () -> context.getServiceReference(MongoStore.class), store -> store == null);

            String status = shell.run("p2pvps:status");
            assertTrue(status, status.contains("not started: data/log/karaf.log says why")
                    && status.contains("Registry") && status.contains("not running (it starts with the store"));
            try {
                shell.run("p2pvps:device-list");
                throw new AssertionError("device-list ran without a registry");
            } catch (Exception e) {
                assertTrue(e.toString(), e.getMessage().startsWith("The registry is not running"));
            }
            // and the API's URLs say it too, rather than 404 (a device read that as "deleted")
            Api.Reply health = api().get("/health", null);
            assertEquals(health.body(), 503, health.status());
            assertEquals("DOWN", health.json().get("status").asText());
            Api.Reply heartbeat = api().put("/devices/some-device/heartbeat", "token", "{}");
            assertEquals(heartbeat.body(), 503, heartbeat.status());
            assertEquals("unavailable", heartbeat.json().get("error").asText());
        } finally {
            configurations.update("org.p2pvps.store", storeSettings);
            Await.until("the API serving again", () -> api().get("/health", null).status(), status -> status == 200);
        }
        assertTrue(shell.run("p2pvps:status"), shell.run("p2pvps:status").contains("embedded, answers"));
    }

    /**
     * A client that sent a short wrong token and then a valid one on the same keep-alive connection: the valid one
     * counts. Jetty 9.4's per-connection header cache matched header values without case, so the second
     * "Bearer X..." reached the API as "Bearer x..." (etc/jetty.xml turns that cache off).
     */
    @Test
    public void aValidTokenCountsOnAConnectionThatSentAShortWrongOneFirst() throws Exception {
        Api api = api();
        String credentials = api.signUp("keep-alive-" + UUID.randomUUID() + "@example.org");
        String token = api.post("/sessions", null, credentials).json().get("token").asText();
        while (!Character.isLetter(token.charAt(0))) { // a token starting with a letter has a first letter to flip
            token = api.post("/sessions", null, credentials).json().get("token").asText();
        }
        char first = token.charAt(0);
        String flipped = String.valueOf(Character.isUpperCase(first) ? Character.toLowerCase(first)
                : Character.toUpperCase(first));

        int port = Integer.getInteger(ServerDistribution.HTTP_PORT_PROPERTY);
        try (KeepAliveConnection connection = new KeepAliveConnection(port)) {
            assertEquals(401, connection.get("/devices", flipped));
            assertEquals(200, connection.get("/devices", token));
        }
    }

    @Test
    public void badInputGetsAJsonError() {
        Api.Reply malformed = api().post("/owners", null, "{\"email\":");
        assertEquals(400, malformed.status());
        assertNotNull(malformed.body(), malformed.json().get("error"));
        assertNotNull(malformed.json().get("message"));
        assertEquals(401, api().get("/devices", null).status());
    }

    @Test
    public void theRegistryFeatureReinstallsWhileTheStoreKeepsRunning() throws Exception {
        Api api = api();
        String credentials = api.signUp("reinstall-" + UUID.randomUUID() + "@example.org");
        Bundle storeBundle = bundle("p2pvps-store-mongo");
        Object storeServiceId = storeServiceId();

        // no refresh: this test's own probe bundle is wired to Jackson, which leaves with the registry
        var keepWiring = EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);
        features.uninstallFeature("p2pvps-registry", keepWiring);
        try {
            assertEquals("registry bundle gone", null, bundle("p2pvps-registry"));
            assertEquals(Bundle.ACTIVE, storeBundle.getState());
            assertEquals("web server up, API gone", 404, api.get("/health", null).status());
        } finally {
            features.installFeature("p2pvps-registry", keepWiring);
        }
        Await.until("the registry serving again", () -> api.get("/health", null).status(), status -> status == 200);
        assertEquals("the same store service all along", storeServiceId, storeServiceId());
        assertEquals("data kept across the reinstall", 200, api.post("/sessions", null, credentials).status());
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst().orElse(null);
    }

    private Object storeServiceId() {
        return context.getServiceReference(MongoStore.class).getProperty("service.id");
    }

    private static JsonNode findListing(JsonNode page, String deviceId) {
        for (JsonNode item : page.get("items")) {
            if (deviceId.equals(item.get("deviceId").asText())) {
                return item;
            }
        }
        return null;
    }
}

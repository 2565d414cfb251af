package org.p2pvps.registry.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.p2pvps.registry.internal.rest.ErrorReplies.assertError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.p2pvps.registry.internal.TestKeys;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /listings} over a fixed set of devices: every filter, every sort, paging, bad parameters,
 * and nothing secret in the public answer.
 */
class ListingsApiTest extends ApiTestSupport {

    private static String ownerEmail;
    private static String ownerId;
    private static final List<String> SECRETS = new ArrayList<>();

    // registered in this order, one second apart; "fresh" last, after the others went offline
    private static String small;
    private static String mid;
    private static String big;
    private static String fresh;

    @BeforeAll
    static void registerDevices() {
        ownerEmail = Steps.uniqueEmail();
        Http.Reply created = http.post("owners", Map.of("email", ownerEmail, "password", Steps.PASSWORD));
        ownerId = created.json().get("id").asText();
        String owner = steps.logIn(ownerEmail);
        SECRETS.add(owner);

        small = register(owner, device("small-arm", Map.of("HOUR", 50, "DAY", 1000)),
                Steps.hardware(2, 2048, 20_000, "arm64")).id();
        server.clock.advance(Duration.ofSeconds(1));
        Registered midDevice = register(owner, device("mid-amd", Map.of("HOUR", 120, "MONTH", 30_000)),
                Steps.hardware(4, 8192, 100_000, "amd64"));
        mid = midDevice.id();
        server.clock.advance(Duration.ofSeconds(1));
        big = register(owner, device("big-amd", Map.of("DAY", 5000, "WEEK", 30_000)),
                Steps.hardware(16, 65_536, 1_000_000, "amd64")).id();
        JsonNode pending = steps.createDevice(owner, device("never-registered", Map.of("HOUR", 1)));
        SECRETS.add(pending.get("registrationToken").asText());
        String deleted = register(owner, device("deleted", Map.of("HOUR", 1)),
                Steps.hardware(64, 1, 1, "amd64")).id();
        assertThat(http.delete("devices/" + deleted, owner).status()).isEqualTo(204);

        // past the 90 s online window for all but "mid", which sends a heartbeat now
        server.clock.advance(Duration.ofMinutes(2));
        assertThat(http.put("devices/" + mid + "/heartbeat", midDevice.deviceToken(), Map.of("tunnel", "UP"))
                .status()).isEqualTo(200);
        server.clock.advance(Duration.ofSeconds(1));
        fresh = register(owner, device("fresh-riscv", Map.of("HOUR", 10)),
                Steps.hardware(1, 1024, 8000, "riscv64")).id();
    }

    private record Registered(String id, String deviceToken) {
    }

    private static Map<String, Object> device(String name, Map<String, Integer> pricing) {
        Map<String, Object> draft = new LinkedHashMap<>(Steps.draft(name));
        draft.put("pricing", pricing);
        draft.put("currency", "EUR");
        return draft;
    }

    private static Registered register(String owner, Map<String, Object> draft,
            Map<String, Object> hardware) {
        JsonNode device = steps.createDevice(owner, draft);
        String id = device.get("id").asText();
        String key = TestKeys.ed25519();
        Http.Reply registered = http.post("devices/" + id + "/registration",
                Steps.registration(device.get("registrationToken").asText(), key, hardware));
        assertThat(registered.status()).isEqualTo(200);
        String deviceToken = registered.json().get("deviceToken").asText();
        SECRETS.add(device.get("registrationToken").asText());
        SECRETS.add(deviceToken);
        SECRETS.add(key.substring("ssh-ed25519 ".length()));
        SECRETS.add(http.get("devices/" + id, owner).json().get("keyFingerprint").asText());
        return new Registered(id, deviceToken);
    }

    private static JsonNode listings(String query) {
        Http.Reply reply = http.get("listings" + query);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json();
    }

    private static List<String> ids(String query) {
        return listings(query).get("items").findValuesAsText("deviceId");
    }

    @Test
    void everyRegisteredDeviceIsListedNewestFirstWithHardwarePricingAndOnlineFlag() {
        JsonNode page = listings("");

        assertThat(page.get("items").findValuesAsText("deviceId")).containsExactly(fresh, big, mid, small);
        assertThat(page.get("total").asLong()).isEqualTo(4);
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(20);
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("name").asText()).isEqualTo("fresh-riscv");
        assertThat(first.get("description").asText()).isEqualTo("a test box");
        assertThat(first.get("currency").asText()).isEqualTo("EUR");
        assertThat(first.get("pricing").toString()).isEqualTo("{\"HOUR\":10}");
        assertThat(first.get("hardware").get("cores").asInt()).isEqualTo(1);
        assertThat(first.get("hardware").get("memoryMb").asLong()).isEqualTo(1024);
        assertThat(first.get("hardware").get("diskMb").asLong()).isEqualTo(8000);
        assertThat(first.get("hardware").get("arch").asText()).isEqualTo("riscv64");
        assertThat(first.get("hardware").get("cpuModel").asText()).isEqualTo("Test CPU");
        assertThat(first.get("online").asBoolean()).isTrue();
        assertThat(first.get("lastSeen").asText()).isEqualTo(server.clock.instant().toString());
    }

    @Test
    void listingsArePublicAndIgnoreAnyAuthorization() {
        Http.Reply withGarbage = http.get("listings", "not-a-token");

        assertThat(withGarbage.status()).isEqualTo(200);
        assertThat(withGarbage.json().get("total").asLong()).isEqualTo(4);
    }

    @Test
    void noTokenKeyFingerprintOrOwnerDetailEverAppears() {
        String body = http.get("listings?size=100").body();

        assertThat(body).doesNotContainIgnoringCase("token")
                .doesNotContainIgnoringCase("publicKey")
                .doesNotContainIgnoringCase("fingerprint")
                .doesNotContain("SHA256:")
                .doesNotContain("ssh-ed25519")
                .doesNotContainIgnoringCase("hash")
                .doesNotContainIgnoringCase("owner")
                .doesNotContain(ownerId)
                .doesNotContain(ownerEmail)
                .doesNotContain("@");
        for (String secret : SECRETS) {
            assertThat(body).doesNotContain(secret);
        }
    }

    @Test
    void minCoresMinMemoryAndMinDiskAreInclusiveLowerBounds() {
        assertThat(ids("?minCores=4")).containsExactly(big, mid);
        assertThat(ids("?minCores=17")).isEmpty();
        assertThat(ids("?minMemoryMb=8192")).containsExactly(big, mid);
        assertThat(ids("?minMemoryMb=8193")).containsExactly(big);
        assertThat(ids("?minDiskMb=20000")).containsExactly(big, mid, small);
        assertThat(ids("?minDiskMb=100001")).containsExactly(big);
    }

    @Test
    void periodKeepsDevicesOfferingItAndMaxPriceCapsTheirPrice() {
        assertThat(ids("?period=HOUR")).containsExactly(fresh, mid, small);
        assertThat(ids("?period=week")).containsExactly(big);
        assertThat(ids("?period=HOUR&maxPrice=50")).containsExactly(fresh, small);
        assertThat(ids("?period=HOUR&maxPrice=9")).isEmpty();
        assertThat(ids("?period=MONTH&maxPrice=30000")).containsExactly(mid);
    }

    @Test
    void archMatchesWhateverTheCase() {
        assertThat(ids("?arch=amd64")).containsExactly(big, mid);
        assertThat(ids("?arch=ARM64")).containsExactly(small);
        assertThat(ids("?arch=mips")).isEmpty();
    }

    @Test
    void onlineSplitsSeenWithinTheWindowFromTheRest() {
        assertThat(ids("?online=true")).containsExactly(fresh, mid);
        assertThat(ids("?online=false")).containsExactly(big, small);
        JsonNode offline = listings("?online=false").get("items").get(0);
        assertThat(offline.get("online").asBoolean()).isFalse();
    }

    @Test
    void filtersCombine() {
        assertThat(ids("?minCores=2&arch=amd64&online=true")).containsExactly(mid);
        assertThat(ids("?minMemoryMb=1024&period=HOUR&maxPrice=100&online=true")).containsExactly(fresh);
        assertThat(listings("?minCores=2&arch=amd64").get("total").asLong()).isEqualTo(2);
    }

    @Test
    void sortOrders() {
        assertThat(ids("?sort=NEWEST")).containsExactly(fresh, big, mid, small);
        assertThat(ids("?sort=price&period=HOUR")).containsExactly(fresh, small, mid);
        assertThat(ids("?sort=CORES")).containsExactly(big, mid, small, fresh);
        assertThat(ids("?sort=MEMORY")).containsExactly(big, mid, small, fresh);
    }

    @Test
    void pagesSplitTheResultAndKeepTheTotal() {
        JsonNode first = listings("?size=3");
        JsonNode second = listings("?size=3&page=1");
        JsonNode beyond = listings("?size=3&page=2");

        assertThat(first.get("items").findValuesAsText("deviceId")).containsExactly(fresh, big, mid);
        assertThat(second.get("items").findValuesAsText("deviceId")).containsExactly(small);
        assertThat(beyond.get("items")).isEmpty();
        for (JsonNode page : List.of(first, second, beyond)) {
            assertThat(page.get("total").asLong()).isEqualTo(4);
            assertThat(page.get("size").asInt()).isEqualTo(3);
        }
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(ids("?size=100")).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"minCores=abc", "minCores=2.5", "minCores=99999999999", "minMemoryMb=", "minDiskMb=-x",
            "maxPrice=ten&period=HOUR", "maxPrice=100", "period=YEAR", "online=maybe", "sort=cheapest",
            "sort=PRICE", "page=-1", "page=one", "page=99999999999", "page=2147483647&size=100", "size=0",
            "size=101", "size=-5"})
    void badParametersAre400(String query) {
        Http.Reply reply = http.get("listings?" + query);

        assertError(reply, 400, "invalid_request");
    }
}

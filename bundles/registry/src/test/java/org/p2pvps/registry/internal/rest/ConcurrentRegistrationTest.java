package org.p2pvps.registry.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.p2pvps.registry.internal.TestKeys;

import com.fasterxml.jackson.databind.JsonNode;

/** Many clients at once against the real store: unique indexes, not luck, keep ports, subdomains and e-mails apart. */
class ConcurrentRegistrationTest extends ApiTestSupport {

    private static final int DEVICES = 30;

    @Test
    void thirtyDevicesRegisteringAtOnceGetDistinctPortsAndSubdomains() throws Exception {
        String owner = steps.newOwner();
        // one name for all, so that only the random suffix keeps the subdomains apart
        List<JsonNode> devices = Concurrently.run(DEVICES, i -> steps.createDevice(owner, "node"));

        List<Http.Reply> replies = Concurrently.run(DEVICES, i -> steps.tryRegister(devices.get(i).get("id").asText(),
                devices.get(i).get("registrationToken").asText(), TestKeys.ed25519()));

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as("%s", reply).isEqualTo(200));
        List<Integer> ports = replies.stream().map(r -> r.json().get("tunnelPort").asInt()).toList();
        List<String> subdomains = replies.stream().map(r -> r.json().get("subdomain").asText()).toList();
        assertThat(ports).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isBetween(6000, 6999));
        assertThat(subdomains).doesNotHaveDuplicates().allSatisfy(s -> assertThat(s).matches("node-[a-z0-9]{6}"));

        JsonNode stored = http.get("devices", owner).json();
        assertThat(stored.get("total").asInt()).isEqualTo(DEVICES);
        assertThat(stored.get("items").findValuesAsText("subdomain")).containsExactlyInAnyOrderElementsOf(subdomains);
        assertThat(stored.get("items").findValues("tunnelPort")).extracting(JsonNode::asInt)
                .containsExactlyInAnyOrderElementsOf(ports);
    }

    @Test
    void oneRegistrationTokenUsedConcurrentlyRegistersExactlyOnce() throws Exception {
        String owner = steps.newOwner();
        JsonNode device = steps.createDevice(owner, "raced");
        String id = device.get("id").asText();
        String token = device.get("registrationToken").asText();

        List<Http.Reply> replies = Concurrently.run(10, i -> steps.tryRegister(id, token, TestKeys.ed25519()));

        assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(replies).filteredOn(r -> r.status() != 200)
                .allSatisfy(r -> ErrorReplies.assertError(r, 401, "unauthorized"));
        String deviceToken = replies.stream().filter(r -> r.status() == 200).findFirst().orElseThrow()
                .json().get("deviceToken").asText();
        assertThat(http.put("devices/" + id + "/heartbeat", deviceToken, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void oneKeyOfferedByManyDevicesAtOnceIsBoundToExactlyOne() throws Exception {
        String owner = steps.newOwner();
        List<JsonNode> devices = Concurrently.run(8, i -> steps.createDevice(owner, "twin"));
        String key = TestKeys.ed25519();

        List<Http.Reply> replies = Concurrently.run(8, i -> steps.tryRegister(devices.get(i).get("id").asText(),
                devices.get(i).get("registrationToken").asText(), key));

        assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(replies).filteredOn(r -> r.status() != 200)
                .allSatisfy(r -> ErrorReplies.assertError(r, 409, "conflict"));
        assertThat(http.get("devices", owner).json().get("items").findValuesAsText("keyFingerprint")).hasSize(1);
    }

    @Test
    void concurrentSignUpsWithOneEmailCreateOneOwner() throws Exception {
        String email = Steps.uniqueEmail();
        long before = server.accounts.count();

        List<Http.Reply> replies = Concurrently.run(10,
                i -> http.post("owners", Map.of("email", email, "password", Steps.PASSWORD)));

        assertThat(replies).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(replies).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> ErrorReplies.assertError(r, 409, "conflict"));
        assertThat(server.accounts.count()).isEqualTo(before + 1);
    }
}

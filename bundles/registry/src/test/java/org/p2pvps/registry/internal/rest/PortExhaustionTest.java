package org.p2pvps.registry.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pvps.registry.internal.TestKeys;
import org.p2pvps.registry.internal.TestOptions;

import com.fasterxml.jackson.databind.JsonNode;

/** A tunnel port range of three ports and more devices than that, registering at once. */
class PortExhaustionTest {

    private static final int DEVICES = 8;

    @Test
    void theRangeFillsUpWithoutDuplicatesAndTheRestAreToldClearly(@TempDir Path dataDir) throws Exception {
        try (TestServer server = TestServer.start(dataDir, TestOptions.withPorts(7000, 7002))) {
            Http http = server.http;
            Steps steps = new Steps(http);
            String owner = steps.newOwner();
            List<JsonNode> devices = Concurrently.run(DEVICES, i -> steps.createDevice(owner, "crowd"));

            List<Http.Reply> replies = Concurrently.run(DEVICES, i -> steps.tryRegister(
                    devices.get(i).get("id").asText(), devices.get(i).get("registrationToken").asText(),
                    TestKeys.ed25519()));

            List<Http.Reply> registered = replies.stream().filter(r -> r.status() == 200).toList();
            assertThat(registered).extracting(r -> r.json().get("tunnelPort").asInt())
                    .containsExactlyInAnyOrder(7000, 7001, 7002);
            assertThat(replies).filteredOn(r -> r.status() != 200).hasSize(DEVICES - 3).allSatisfy(r -> {
                ErrorReplies.assertError(r, 503, "unavailable");
                assertThat(r.json().get("message").asText()).contains("port");
            });

            // the refused devices are untouched: unregistered, their tokens still good once a port is free
            assertThat(http.get("devices", owner).json().get("items").findValues("tunnelPort")).hasSize(3);
            int refused = replies.indexOf(replies.stream().filter(r -> r.status() != 200).findFirst().orElseThrow());
            int winner = replies.indexOf(registered.get(0));
            int freedPort = registered.get(0).json().get("tunnelPort").asInt();
            assertThat(http.delete("devices/" + devices.get(winner).get("id").asText(), owner).status())
                    .isEqualTo(204);

            Http.Reply late = steps.tryRegister(devices.get(refused).get("id").asText(),
                    devices.get(refused).get("registrationToken").asText(), TestKeys.ed25519());

            assertThat(late.status()).as("%s", late).isEqualTo(200);
            assertThat(late.json().get("tunnelPort").asInt()).isEqualTo(freedPort);
        }
    }
}

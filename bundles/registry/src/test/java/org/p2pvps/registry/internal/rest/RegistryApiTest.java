package org.p2pvps.registry.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.p2pvps.registry.internal.TestKeys;

import com.fasterxml.jackson.databind.JsonNode;

/** The REST contract of /api/v1 over real HTTP, on the real store: owners, sessions, devices, registration, heartbeat. */
class RegistryApiTest extends ApiTestSupport {

    @Test
    void healthReportsUpAndTheEmbeddedStore() {
        Http.Reply health = http.get("health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.header("Content-Type")).startsWith("application/json");
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().get("store").asText()).isEqualTo("embedded");
    }

    @Nested
    class Owners {

        @Test
        void signUpAnswers201WithIdAndNormalisedEmailButNoPassword() {
            String email = Steps.uniqueEmail();

            Http.Reply created = http.post("owners", Map.of("email", "  " + email.toUpperCase() + " ",
                    "password", Steps.PASSWORD));

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().get("id").asText()).isNotBlank();
            assertThat(created.json().get("email").asText()).isEqualTo(email);
            assertThat(created.body()).doesNotContain(Steps.PASSWORD).doesNotContainIgnoringCase("hash");
        }

        @Test
        void aTakenEmailAnswers409InAnyCaseAndStoresNothing() {
            String email = Steps.uniqueEmail();
            assertThat(http.post("owners", Map.of("email", email, "password", Steps.PASSWORD)).status())
                    .isEqualTo(201);
            long owners = server.accounts.count();

            Http.Reply again = http.post("owners", Map.of("email", email.toUpperCase(), "password", "another password"));

            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("error").asText()).isEqualTo("conflict");
            assertThat(server.accounts.count()).isEqualTo(owners);
        }

        @Test
        void anInvalidEmailAnswers400() {
            for (String email : new String[] {"not-an-email", "a@b", "two@@example.org", "spa ce@example.org", ""}) {
                Http.Reply refused = http.post("owners", Map.of("email", email, "password", Steps.PASSWORD));

                assertThat(refused.status()).as(email).isEqualTo(400);
                assertThat(refused.json().get("error").asText()).isEqualTo("invalid_request");
                assertThat(refused.json().get("message").asText()).contains("email");
            }
        }

        @Test
        void aPasswordShorterThan10CharactersAnswers400AndTenAreEnough() {
            Http.Reply refused = http.post("owners", Map.of("email", Steps.uniqueEmail(), "password", "123456789"));
            Http.Reply accepted = http.post("owners", Map.of("email", Steps.uniqueEmail(), "password", "1234567890"));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("message").asText()).contains("password").contains("10");
            assertThat(accepted.status()).isEqualTo(201);
        }

        @Test
        void missingFieldsAnswer400() {
            assertThat(http.post("owners", Map.of("email", Steps.uniqueEmail())).status()).isEqualTo(400);
            assertThat(http.post("owners", Map.of("password", Steps.PASSWORD)).status()).isEqualTo(400);
            assertThat(http.post("owners", "").status()).isEqualTo(400);
        }
    }

    @Nested
    class Sessions {

        @Test
        void rightCredentialsGiveATokenThatExpiresAfterTheSessionLifetime() {
            String email = Steps.uniqueEmail();
            http.post("owners", Map.of("email", email, "password", Steps.PASSWORD));

            Http.Reply session = http.post("sessions", Map.of("email", email.toUpperCase(), "password", Steps.PASSWORD));

            assertThat(session.status()).isEqualTo(200);
            assertThat(session.json().get("token").asText()).hasSize(43);
            assertThat(Instant.parse(session.json().get("expiresAt").asText()))
                    .isEqualTo(server.clock.instant().plus(Duration.ofHours(12)));
        }

        @Test
        void wrongPasswordUnknownEmailOrMissingFieldsAnswer401() {
            String email = Steps.uniqueEmail();
            http.post("owners", Map.of("email", email, "password", Steps.PASSWORD));

            for (Object credentials : new Object[] {
                    Map.of("email", email, "password", "wrong password"),
                    Map.of("email", Steps.uniqueEmail(), "password", Steps.PASSWORD),
                    Map.of("email", email),
                    Map.of("password", Steps.PASSWORD)}) {
                Http.Reply refused = http.post("sessions", credentials);

                assertThat(refused.status()).as("%s", credentials).isEqualTo(401);
                assertThat(refused.json().get("error").asText()).isEqualTo("unauthorized");
                assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
                assertThat(refused.body()).doesNotContain("token\"");
            }
        }

        @Test
        void anExpiredTokenAnswers401() {
            String token = steps.newOwner();
            assertThat(http.get("devices", token).status()).isEqualTo(200);

            server.clock.advance(Duration.ofHours(12).minusSeconds(1));
            assertThat(http.get("devices", token).status()).isEqualTo(200);
            server.clock.advance(Duration.ofSeconds(1));
            Http.Reply expired = http.get("devices", token);

            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.json().get("message").asText()).contains("expired");
        }

        @Test
        void ownerCallsWithoutOrWithAMalformedOrUnknownTokenAnswer401() {
            Http.Reply none = http.send(http.request("devices", null).GET());
            Http.Reply basic = http.send(http.request("devices", null).header("Authorization", "Basic dXNlcjpwYXNz").GET());
            Http.Reply unknown = http.get("devices", "not-a-session-token");

            for (Http.Reply refused : new Http.Reply[] {none, basic, unknown}) {
                assertThat(refused.status()).isEqualTo(401);
                assertThat(refused.json().get("error").asText()).isEqualTo("unauthorized");
            }
        }
    }

    @Nested
    class Devices {

        @Test
        void createAnswers201WithLocationDeviceJsonAndAOneTimeRegistrationToken() {
            String token = steps.newOwner();

            Http.Reply created = http.post("devices", token, Steps.draft("Living-room NUC"));

            assertThat(created.status()).isEqualTo(201);
            JsonNode device = created.json();
            String id = device.get("id").asText();
            assertThat(java.net.URI.create(created.header("Location")).getPath()).isEqualTo("/api/v1/devices/" + id);
            assertThat(device.get("name").asText()).isEqualTo("Living-room NUC");
            assertThat(device.get("currency").asText()).isEqualTo("USD");
            assertThat(device.get("pricing")).hasSize(2);
            assertThat(device.get("pricing").get("HOUR").asLong()).isEqualTo(100);
            assertThat(device.get("registered").asBoolean()).isFalse();
            assertThat(device.get("online").asBoolean()).isFalse();
            assertThat(device.has("tunnelPort")).isFalse();
            assertThat(device.get("registrationToken").asText()).hasSize(43);

            Http.Reply fetched = http.get("devices/" + id, token);
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.json().has("registrationToken")).isFalse();
            assertThat(fetched.body()).doesNotContain(device.get("registrationToken").asText());
        }

        @Test
        void listShowsOnlyTheCallersDevicesOldestFirst() {
            String alice = steps.newOwner();
            String bob = steps.newOwner();
            String first = steps.createDevice(alice, "alice-1").get("id").asText();
            String second = steps.createDevice(alice, "alice-2").get("id").asText();
            steps.createDevice(bob, "bob-1");

            Http.Reply list = http.get("devices", alice);

            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().get("total").asInt()).isEqualTo(2);
            assertThat(list.json().get("items").findValuesAsText("id")).containsExactly(first, second);
            assertThat(list.body()).doesNotContain("registrationToken").doesNotContain("bob-1");
        }

        @Test
        void someoneElsesDeviceIs404ForGetPatchDeleteAndReissue() {
            String alice = steps.newOwner();
            String bob = steps.newOwner();
            String id = steps.createDevice(alice, "alice-box").get("id").asText();

            assertThat(http.get("devices/" + id, bob).status()).isEqualTo(404);
            assertThat(http.patch("devices/" + id, bob, Map.of("name", "stolen")).status()).isEqualTo(404);
            assertThat(http.delete("devices/" + id, bob).status()).isEqualTo(404);
            assertThat(http.post("devices/" + id + "/registration-token", bob, null).status()).isEqualTo(404);

            JsonNode unchanged = http.get("devices/" + id, alice).json();
            assertThat(unchanged.get("name").asText()).isEqualTo("alice-box");
        }

        @Test
        void everyDeviceCallWithoutATokenIs401() {
            String alice = steps.newOwner();
            String id = steps.createDevice(alice, "box").get("id").asText();

            assertThat(http.post("devices", null, Steps.draft("x")).status()).isEqualTo(401);
            assertThat(http.get("devices/" + id).status()).isEqualTo(401);
            assertThat(http.patch("devices/" + id, null, Map.of("name", "y")).status()).isEqualTo(401);
            assertThat(http.delete("devices/" + id, null).status()).isEqualTo(401);
            assertThat(http.post("devices/" + id + "/registration-token", null, null).status()).isEqualTo(401);
            assertThat(http.get("devices/" + id, alice).json().get("name").asText()).isEqualTo("box");
        }

        @Test
        void patchChangesOnlyTheFieldsSent() {
            String token = steps.newOwner();
            String id = steps.createDevice(token, "before").get("id").asText();

            Http.Reply changed = http.patch("devices/" + id, token,
                    Map.of("name", "after", "pricing", Map.of("WEEK", 9000)));

            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.json().get("name").asText()).isEqualTo("after");
            assertThat(changed.json().get("description").asText()).isEqualTo("a test box");
            assertThat(changed.json().get("currency").asText()).isEqualTo("USD");
            assertThat(changed.json().get("pricing").toString()).isEqualTo("{\"WEEK\":9000}");
            assertThat(http.get("devices/" + id, token).json().get("name").asText()).isEqualTo("after");
        }

        @Test
        void anEmptyOrInvalidPatchIs400AndChangesNothing() {
            String token = steps.newOwner();
            String id = steps.createDevice(token, "keep").get("id").asText();

            assertThat(http.patch("devices/" + id, token, Map.of()).status()).isEqualTo(400);
            assertThat(http.patch("devices/" + id, token, Map.of("name", "ok", "currency", "dollars")).status())
                    .isEqualTo(400);
            assertThat(http.patch("devices/" + id, token, Map.of("pricing", Map.of())).status()).isEqualTo(400);

            JsonNode device = http.get("devices/" + id, token).json();
            assertThat(device.get("name").asText()).isEqualTo("keep");
            assertThat(device.get("currency").asText()).isEqualTo("USD");
        }

        @Test
        void deleteAnswers204AndTheDeviceIsGone() {
            String token = steps.newOwner();
            String id = steps.createDevice(token, "doomed").get("id").asText();

            Http.Reply deleted = http.delete("devices/" + id, token);

            assertThat(deleted.status()).isEqualTo(204);
            assertThat(http.get("devices/" + id, token).status()).isEqualTo(404);
            assertThat(http.delete("devices/" + id, token).status()).isEqualTo(404);
            assertThat(http.get("devices", token).json().get("total").asInt()).isZero();
        }

        @Test
        void unknownDeviceIdsAre404() {
            String token = steps.newOwner();

            Http.Reply missing = http.get("devices/000000000000000000000000", token);

            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().get("error").asText()).isEqualTo("not_found");
            assertThat(http.post("devices/nope/registration",
                    Steps.registration("t", TestKeys.ed25519(), Steps.hardware(1, 1, 1, "amd64"))).status())
                    .isEqualTo(404);
            // a token of real length: Jetty 9.4 caches header values per connection and matches them without
            // case, so after "Bearer t" a later "Bearer T..." on the same connection arrived as "Bearer t..."
            assertThat(http.put("devices/nope/heartbeat", "unknownDeviceTokenOfTheLengthOfARealOne0043", Map.of())
                    .status()).isEqualTo(404);
        }
    }

    @Nested
    class Registration {

        @Test
        void registrationAnswersDeviceTokenPortSubdomainAndGatewayAndConsumesTheToken() {
            String owner = steps.newOwner();
            JsonNode device = steps.createDevice(owner, "Café Zürich box");
            String id = device.get("id").asText();
            String key = TestKeys.ed25519();

            Http.Reply registered = http.post("devices/" + id + "/registration", Steps.registration(
                    device.get("registrationToken").asText(), key + " me@host", Steps.hardware(8, 16384, 500_000, "ARM64")));

            assertThat(registered.status()).as("%s", registered).isEqualTo(200);
            JsonNode answer = registered.json();
            assertThat(answer.get("deviceToken").asText()).hasSize(43);
            assertThat(answer.get("tunnelPort").asInt()).isBetween(6000, 6999);
            assertThat(answer.get("subdomain").asText()).matches("cafe-zurich-box-[a-z0-9]{6}");
            assertThat(answer.get("gateway").get("host").asText()).isEqualTo("gateway.example.org");
            assertThat(answer.get("gateway").get("port").asInt()).isEqualTo(2222);

            JsonNode seen = http.get("devices/" + id, owner).json();
            assertThat(seen.get("registered").asBoolean()).isTrue();
            assertThat(seen.get("tunnelPort").asInt()).isEqualTo(answer.get("tunnelPort").asInt());
            assertThat(seen.get("subdomain").asText()).isEqualTo(answer.get("subdomain").asText());
            assertThat(seen.get("online").asBoolean()).isTrue();
            assertThat(Instant.parse(seen.get("lastSeen").asText())).isEqualTo(server.clock.instant());
            assertThat(seen.get("hardware").get("arch").asText()).isEqualTo("arm64");
            assertThat(seen.get("keyFingerprint").asText()).startsWith("SHA256:");
            assertThat(seen.toString()).doesNotContain("deviceToken").doesNotContain(answer.get("deviceToken").asText());

            Http.Reply reused = steps.tryRegister(id, device.get("registrationToken").asText(), key);
            assertThat(reused.status()).isEqualTo(401);
            assertThat(reused.json().get("error").asText()).isEqualTo("unauthorized");
        }

        @Test
        void aWrongTokenAnswers401AndLeavesTheDeviceUnregistered() {
            String owner = steps.newOwner();
            JsonNode device = steps.createDevice(owner, "box");
            String id = device.get("id").asText();

            Http.Reply wrong = steps.tryRegister(id, "wrong-token", TestKeys.ed25519());

            assertThat(wrong.status()).isEqualTo(401);
            assertThat(http.get("devices/" + id, owner).json().get("registered").asBoolean()).isFalse();
            steps.register(id, device.get("registrationToken").asText(), Steps.hardware(2, 2048, 10_000, "amd64"));
        }

        @Test
        void aReissuedTokenReRegistersKeepingPortAndSubdomainAndReplacingTheDeviceToken() {
            String owner = steps.newOwner();
            JsonNode device = steps.createDevice(owner, "reinstalled");
            String id = device.get("id").asText();
            String oldToken = device.get("registrationToken").asText();
            JsonNode first = steps.register(id, oldToken, Steps.hardware(2, 2048, 10_000, "amd64"));

            Http.Reply reissued = http.post("devices/" + id + "/registration-token", owner, null);
            assertThat(reissued.status()).isEqualTo(200);
            String newToken = reissued.json().get("registrationToken").asText();
            assertThat(newToken).hasSize(43).isNotEqualTo(oldToken);
            assertThat(steps.tryRegister(id, oldToken, TestKeys.ed25519()).status()).isEqualTo(401);

            JsonNode second = steps.register(id, newToken, Steps.hardware(4, 4096, 20_000, "amd64"));

            assertThat(second.get("tunnelPort").asInt()).isEqualTo(first.get("tunnelPort").asInt());
            assertThat(second.get("subdomain").asText()).isEqualTo(first.get("subdomain").asText());
            assertThat(second.get("deviceToken").asText()).isNotEqualTo(first.get("deviceToken").asText());
            assertThat(http.put("devices/" + id + "/heartbeat", first.get("deviceToken").asText(), Map.of()).status())
                    .isEqualTo(401);
            assertThat(http.put("devices/" + id + "/heartbeat", second.get("deviceToken").asText(), Map.of()).status())
                    .isEqualTo(200);
            assertThat(http.get("devices/" + id, owner).json().get("hardware").get("cores").asInt()).isEqualTo(4);
        }

        @Test
        void onlyTheLatestReissuedTokenWorks() {
            String owner = steps.newOwner();
            String id = steps.createDevice(owner, "box").get("id").asText();
            String earlier = http.post("devices/" + id + "/registration-token", owner, null).json()
                    .get("registrationToken").asText();
            String latest = http.post("devices/" + id + "/registration-token", owner, null).json()
                    .get("registrationToken").asText();

            assertThat(steps.tryRegister(id, earlier, TestKeys.ed25519()).status()).isEqualTo(401);
            assertThat(steps.tryRegister(id, latest, TestKeys.ed25519()).status()).isEqualTo(200);
        }

        @Test
        void aKeyBoundToAnotherDeviceAnswers409AndLeavesTheSecondDeviceRegistrable() {
            String owner = steps.newOwner();
            JsonNode first = steps.createDevice(owner, "first");
            JsonNode second = steps.createDevice(owner, "second");
            String key = TestKeys.ed25519();
            assertThat(steps.tryRegister(first.get("id").asText(), first.get("registrationToken").asText(), key)
                    .status()).isEqualTo(200);

            Http.Reply clash = steps.tryRegister(second.get("id").asText(), second.get("registrationToken").asText(),
                    key + " other-comment");

            assertThat(clash.status()).isEqualTo(409);
            assertThat(clash.json().get("error").asText()).isEqualTo("conflict");
            assertThat(clash.json().get("message").asText()).contains("key");
            JsonNode untouched = http.get("devices/" + second.get("id").asText(), owner).json();
            assertThat(untouched.get("registered").asBoolean()).isFalse();
            assertThat(untouched.has("tunnelPort")).isFalse();
            assertThat(steps.tryRegister(second.get("id").asText(), second.get("registrationToken").asText(),
                    TestKeys.ed25519()).status()).isEqualTo(200);
        }

        @Test
        void aDeviceMayReRegisterWithItsOwnKey() {
            String owner = steps.newOwner();
            JsonNode device = steps.createDevice(owner, "same-key");
            String id = device.get("id").asText();
            String key = TestKeys.ed25519();
            assertThat(steps.tryRegister(id, device.get("registrationToken").asText(), key).status()).isEqualTo(200);
            String fresh = http.post("devices/" + id + "/registration-token", owner, null).json()
                    .get("registrationToken").asText();

            assertThat(steps.tryRegister(id, fresh, key).status()).isEqualTo(200);
        }

        @Test
        void badKeysAndHardwareAnswer400AndConsumeNothing() {
            String owner = steps.newOwner();
            JsonNode device = steps.createDevice(owner, "box");
            String id = device.get("id").asText();
            String token = device.get("registrationToken").asText();

            assertThat(steps.tryRegister(id, token, "ssh-ed25519 !!!notbase64").status()).isEqualTo(400);
            assertThat(steps.tryRegister(id, token, "ssh-dss AAAAB3NzaC1kc3M=").status()).isEqualTo(400);
            assertThat(steps.tryRegister(id, token, "hello").status()).isEqualTo(400);
            assertThat(http.post("devices/" + id + "/registration", Steps.registration(token, TestKeys.ed25519(),
                    Steps.hardware(0, 1024, 1024, "amd64"))).status()).isEqualTo(400);
            assertThat(http.post("devices/" + id + "/registration", Steps.registration(token, TestKeys.ed25519(),
                    Steps.hardware(2, 1024, 1024, "x86 64!"))).status()).isEqualTo(400);
            assertThat(http.post("devices/" + id + "/registration",
                    Map.of("registrationToken", token, "publicKey", TestKeys.ed25519())).status()).isEqualTo(400);

            steps.register(id, token, Steps.hardware(2, 2048, 10_000, "amd64"));
        }
    }

    @Nested
    class Heartbeat {

        /** A registered device of a new owner. */
        private record Registered(String owner, String id, String deviceToken) {
        }

        private Registered registered(String name) {
            String owner = steps.newOwner();
            JsonNode device = steps.createDevice(owner, name);
            String id = device.get("id").asText();
            return new Registered(owner, id, steps.register(id, device.get("registrationToken").asText(),
                    Steps.hardware(2, 2048, 10_000, "amd64")).get("deviceToken").asText());
        }

        @Test
        void aHeartbeatWithTheDeviceTokenAnswersTheDesiredStateAndRecordsLastSeen() {
            Registered device = registered("beating");
            String owner = device.owner();
            String id = device.id();
            String deviceToken = device.deviceToken();
            server.clock.advance(Duration.ofMinutes(5));
            assertThat(http.get("devices/" + id, owner).json().get("online").asBoolean()).isFalse();

            Http.Reply beat = http.put("devices/" + id + "/heartbeat", deviceToken,
                    Map.of("tunnel", "UP", "container", "NONE", "uptimeSeconds", 42, "message", "fine"));

            assertThat(beat.status()).as("%s", beat).isEqualTo(200);
            assertThat(beat.json().get("state").asText()).isEqualTo("AVAILABLE");
            assertThat(beat.json().get("heartbeatIntervalSeconds").asInt()).isEqualTo(30);
            assertThat(Instant.parse(beat.json().get("serverTime").asText())).isEqualTo(server.clock.instant());
            JsonNode seen = http.get("devices/" + id, owner).json();
            assertThat(seen.get("online").asBoolean()).isTrue();
            assertThat(Instant.parse(seen.get("lastSeen").asText())).isEqualTo(server.clock.instant());
        }

        @Test
        void aHeartbeatTellsWhereTheGatewayIsNowAndItsHostKeyWhileOneRuns() {
            Registered device = registered("following");
            String heartbeat = "devices/" + device.id() + "/heartbeat";

            JsonNode noGateway = http.put(heartbeat, device.deviceToken(), Map.of()).json().get("gateway");
            RecordingGateway gateway = new RecordingGateway();
            server.devices.gateway().bindGateway(gateway);
            JsonNode running;
            try {
                running = http.put(heartbeat, device.deviceToken(), Map.of()).json().get("gateway");
            } finally {
                server.devices.gateway().unbindGateway(gateway);
            }

            assertThat(noGateway.get("host").asText()).isEqualTo("gateway.example.org");
            assertThat(noGateway.get("port").asInt()).isEqualTo(2222);
            assertThat(noGateway.has("hostKeyFingerprint")).as("%s", noGateway).isFalse();
            assertThat(running.get("host").asText()).isEqualTo("gateway.example.org");
            assertThat(running.get("hostKeyFingerprint").asText()).isEqualTo(gateway.hostKeyFingerprint());
        }

        @Test
        void aHeartbeatWithAnEmptyJsonBodyIsAccepted() {
            Registered device = registered("quiet");

            Http.Reply beat = http.put("devices/" + device.id() + "/heartbeat", device.deviceToken(), "");

            assertThat(beat.status()).as("%s", beat).isEqualTo(200);
            assertThat(beat.json().get("state").asText()).isEqualTo("AVAILABLE");
        }

        @Test
        void aWrongMissingOrOwnerTokenAnswers401AndRecordsNothing() {
            String owner = steps.newOwner();
            JsonNode device = steps.createDevice(owner, "guarded");
            String id = device.get("id").asText();
            steps.register(id, device.get("registrationToken").asText(), Steps.hardware(2, 2048, 10_000, "amd64"));
            Instant registeredAt = server.clock.instant();
            server.clock.advance(Duration.ofMinutes(5));

            assertThat(http.put("devices/" + id + "/heartbeat", "wrong", Map.of()).status()).isEqualTo(401);
            assertThat(http.put("devices/" + id + "/heartbeat", null, Map.of()).status()).isEqualTo(401);
            assertThat(http.put("devices/" + id + "/heartbeat", owner, Map.of()).status()).isEqualTo(401);
            assertThat(http.put("devices/" + id + "/heartbeat", device.get("registrationToken").asText(), Map.of())
                    .status()).isEqualTo(401);

            JsonNode seen = http.get("devices/" + id, owner).json();
            assertThat(Instant.parse(seen.get("lastSeen").asText())).isEqualTo(registeredAt);
            assertThat(seen.get("online").asBoolean()).isFalse();
        }

        @Test
        void anUnregisteredDeviceCannotHeartbeat() {
            String owner = steps.newOwner();
            JsonNode device = steps.createDevice(owner, "new");

            assertThat(http.put("devices/" + device.get("id").asText() + "/heartbeat",
                    device.get("registrationToken").asText(), Map.of()).status()).isEqualTo(401);
        }
    }
}

package org.p2pvps.registry.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pvps.device.Device;
import org.p2pvps.registry.internal.TestKeys;
import org.p2pvps.registry.internal.rental.PaymentProvidersAccess;
import org.p2pvps.rental.Money;
import org.p2pvps.rental.PaymentProvider;
import org.p2pvps.rental.PaymentRequest;
import org.p2pvps.rental.Rental;
import org.p2pvps.registry.internal.TestOptions;

import com.fasterxml.jackson.databind.JsonNode;

/** Rentals over real HTTP against the real store: self-rent, payment, races, expiry, restarts. */
class RentalsApiTest {

    @TempDir
    Path dir;

    private TestServer server;
    private Http http;
    private Steps steps;
    private String ownerToken;
    private String deviceId;
    private String deviceToken;

    @BeforeEach
    void start() {
        server = TestServer.start(dir, TestOptions.defaults());
        http = server.http;
        steps = new Steps(http);
        ownerToken = steps.newOwner();
        JsonNode device = steps.createDevice(ownerToken, "rentable");
        deviceId = device.get("id").asText();
        deviceToken = steps.register(deviceId, device.get("registrationToken").asText(),
                Steps.hardware(4, 8192, 100_000, "amd64")).get("deviceToken").asText();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Http.Reply rent(String bearer, Map<String, Object> request) {
        return http.post("rentals", bearer, request);
    }

    private JsonNode heartbeat(String appliedRentalId) {
        Http.Reply reply = http.put("devices/" + deviceId + "/heartbeat", deviceToken,
                appliedRentalId == null ? Map.of() : Map.of("appliedRentalId", appliedRentalId));
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json();
    }

    @Test
    void ownerSelfRentsForFreeAndTheDeviceIsToldToApplyTheCredentials() {
        String renterKey = TestKeys.ed25519();
        Http.Reply rented = rent(ownerToken, Map.of("deviceId", deviceId, "period", "HOUR", "count", 3,
                "sshPublicKey", renterKey));
        assertThat(rented.status()).as("%s", rented).isEqualTo(201);
        JsonNode rental = rented.json();
        assertThat(rental.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(rental.get("price").get("amount").asLong()).isZero();
        assertThat(Instant.parse(rental.get("expiresAt").asText())).isEqualTo(server.clock.instant().plus(Duration.ofHours(3)));
        String rentalId = rental.get("id").asText();
        String rentalToken = rental.get("rentalToken").asText();

        JsonNode desired = heartbeat(null);
        assertThat(desired.get("state").asText()).isEqualTo("RENTED");
        assertThat(desired.get("rentalId").asText()).isEqualTo(rentalId);
        assertThat(desired.get("passwordHash").asText()).startsWith("$6$");
        String[] keyParts = renterKey.split(" ");
        assertThat(desired.get("authorizedKeys").get(0).asText()).startsWith(keyParts[0] + " " + keyParts[1]);
        assertThat(desired.toString()).doesNotContain(rentalToken);

        JsonNode shown = http.get("rentals/" + rentalId, rentalToken).json();
        assertThat(shown.get("deviceReady").asBoolean()).isFalse();
        JsonNode access = shown.get("access");
        String password = access.get("password").asText();
        assertThat(access.get("login").asText()).isEqualTo(desired.get("login").asText());
        assertThat(Sha2Crypt.sha512Crypt(password.getBytes(), desired.get("passwordHash").asText()))
                .as("the device's hash verifies the renter's password").isEqualTo(desired.get("passwordHash").asText());
        assertThat(access.get("ssh").get(0).asText()).isEqualTo("ssh -p " + access.get("port").asInt() + " "
                + access.get("login").asText() + "@gateway.example.org");

        heartbeat(rentalId);
        assertThat(http.get("rentals/" + rentalId, rentalToken).json().get("deviceReady").asBoolean()).isTrue();
        assertThat(http.get("rentals", null).status()).isIn(404, 405);

        JsonNode ended = http.delete("rentals/" + rentalId, ownerToken).json();
        assertThat(ended.get("state").asText()).isEqualTo("ENDED");
        assertThat(ended.get("deviceReady").asBoolean()).as("nothing is ready for an ended rental").isFalse();
    }

    @Test
    void theDeviceIsAskedToCheckInWhenARentalBeginsIsRenewedOrEnds() {
        RecordingGateway gateway = new RecordingGateway();
        server.devices.gateway().bindGateway(gateway);
        JsonNode own = rent(ownerToken, Map.of("deviceId", deviceId, "period", "HOUR")).json();
        assertThat(gateway.checkInRequests).as("began").containsExactly(deviceId);

        String id = own.get("id").asText();
        assertThat(http.post("rentals/" + id + "/renewal", own.get("rentalToken").asText(), Map.of("count", 1)).status())
                .isEqualTo(200);
        assertThat(gateway.checkInRequests).as("renewed").containsExactly(deviceId, deviceId);

        assertThat(http.delete("rentals/" + id, ownerToken).status()).isEqualTo(200);
        assertThat(gateway.checkInRequests).as("ended").containsExactly(deviceId, deviceId, deviceId);
    }

    @Test
    void aGatewayThatCannotAskTheDeviceFailsNoRentalChange() {
        RecordingGateway gateway = new RecordingGateway();
        gateway.failing = true;
        server.devices.gateway().bindGateway(gateway);
        Http.Reply rented = rent(ownerToken, Map.of("deviceId", deviceId, "period", "HOUR"));
        assertThat(rented.status()).as("%s", rented).isEqualTo(201);

        Http.Reply ended = http.delete("rentals/" + rented.json().get("id").asText(), ownerToken);

        assertThat(ended.status()).as("%s", ended).isEqualTo(200);
        assertThat(ended.json().get("state").asText()).isEqualTo("ENDED");
        assertThat(gateway.checkInRequests).containsExactly(deviceId, deviceId);
    }

    @Test
    void aStrangersRentalWaitsForPaymentAndHoldsTheDevice() {
        Http.Reply rented = rent(null, Map.of("deviceId", deviceId, "period", "DAY", "count", 2, "contact", "me@example.net"));
        assertThat(rented.status()).as("%s", rented).isEqualTo(201);
        JsonNode rental = rented.json();
        assertThat(rental.get("state").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(rental.get("price").get("amount").asLong()).isEqualTo(4000);
        assertThat(rental.get("price").get("currency").asText()).isEqualTo("USD");
        assertThat(rental.get("payment").get("instructions").asText()).contains(rental.get("id").asText());
        assertThat(rental.has("access")).isFalse();
        assertThat(heartbeat(null).get("state").asText()).as("pending is not rented yet").isEqualTo("AVAILABLE");

        Http.Reply second = rent(null, Map.of("deviceId", deviceId, "period", "HOUR"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("message").asText()).contains("already rented");
        JsonNode listing = listing();
        assertThat(listing.get("available").asBoolean()).isFalse();

        String id = rental.get("id").asText();
        server.rentals.paid(id, "manual", "cash");
        JsonNode active = http.get("rentals/" + id, rental.get("rentalToken").asText()).json();
        assertThat(active.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(active.get("access").get("password").asText()).hasSize(24);
        assertThat(heartbeat(null).get("state").asText()).isEqualTo("RENTED");
        assertThat(Instant.parse(listing().get("availableAt").asText())).isEqualTo(Instant.parse(active.get("expiresAt").asText()));
    }

    @Test
    void ofManyRacingRentersExactlyOneWins() throws Exception {
        int renters = 16;
        ExecutorService pool = Executors.newFixedThreadPool(renters);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < renters; i++) {
            Callable<Integer> renter = () -> {
                start.await();
                return rent(null, Map.of("deviceId", deviceId, "period", "HOUR")).status();
            };
            statuses.add(pool.submit(renter));
        }
        start.countDown();
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            results.add(status.get());
        }
        pool.shutdown();
        assertThat(results).containsOnly(201, 409);
        assertThat(results.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(server.rentals.count()).as("losers leave no rental behind").isEqualTo(1);
    }

    @Test
    void anActiveRentalExpiresAfterARestartAndTheDeviceReturnsToTheMarket() throws Exception {
        JsonNode rental = rent(ownerToken, Map.of("deviceId", deviceId, "period", "HOUR")).json();
        String id = rental.get("id").asText();
        server.close();

        server = TestServer.start(dir, TestOptions.defaults()); // a restart: same data, fresh components
        http = server.http;
        server.clock.advance(Duration.ofMinutes(59));
        server.rentals.sweep();
        assertThat(server.rentals.find(id).orElseThrow().state().name()).isEqualTo("ACTIVE");

        server.clock.advance(Duration.ofMinutes(2));
        server.rentals.sweep();
        assertThat(server.rentals.find(id).orElseThrow().state().name()).isEqualTo("EXPIRED");
        assertThat(listing().get("available").asBoolean()).isTrue();
        assertThat(http.get("rentals/" + id, rental.get("rentalToken").asText()).json().has("access")).isFalse();
    }

    @Test
    void anUnpaidRentalIsCancelledInTime() {
        JsonNode rental = rent(null, Map.of("deviceId", deviceId, "period", "HOUR")).json();
        String id = rental.get("id").asText();
        server.clock.advance(TestServer.RENTAL_OPTIONS.paymentTimeout().plusSeconds(1));
        server.rentals.sweep();
        assertThat(server.rentals.find(id).orElseThrow().state().name()).isEqualTo("CANCELLED");
        assertThat(listing().get("available").asBoolean()).isTrue();
    }

    @Test
    void renewalExtendsASelfRentAtOnceAndAPaidRentalOncePaid() {
        JsonNode own = rent(ownerToken, Map.of("deviceId", deviceId, "period", "HOUR")).json();
        Http.Reply renewed = http.post("rentals/" + own.get("id").asText() + "/renewal", own.get("rentalToken").asText(),
                Map.of("count", 2));
        assertThat(renewed.status()).as("%s", renewed).isEqualTo(200);
        assertThat(Instant.parse(renewed.json().get("expiresAt").asText()))
                .isEqualTo(server.clock.instant().plus(Duration.ofHours(3)));
        assertThat(renewed.json().get("count").asInt()).isEqualTo(3);

        Http.Reply ended = http.delete("rentals/" + own.get("id").asText(), ownerToken);
        assertThat(ended.json().get("state").asText()).isEqualTo("ENDED");

        JsonNode paid = rent(null, Map.of("deviceId", deviceId, "period", "HOUR")).json();
        String id = paid.get("id").asText();
        server.rentals.paid(id, "manual", null);
        Instant firstExpiry = server.rentals.find(id).orElseThrow().expiresAt();
        Http.Reply pending = http.post("rentals/" + id + "/renewal", paid.get("rentalToken").asText(), Map.of("count", 1));
        assertThat(pending.json().get("pendingRenewal").asInt()).isEqualTo(1);
        assertThat(http.post("rentals/" + id + "/renewal", paid.get("rentalToken").asText(), Map.of("count", 1)).status())
                .as("one renewal waits at a time").isEqualTo(409);
        var confirmed = server.rentals.paid(id, "manual", "cash");
        assertThat(confirmed.expiresAt()).isEqualTo(firstExpiry.plus(Duration.ofHours(1)));
        assertThat(confirmed.price().amount()).isEqualTo(200);
        assertThat(confirmed.pendingRenewal()).isZero();
    }

    /** A plugin's provider as the SPI sees it: records what the server asked of it. */
    private static class RecordingProvider implements PaymentProvider {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void offer(Device device, boolean available) {
            calls.add("offer " + device.id() + " " + available);
        }

        @Override
        public PaymentRequest purchaseStarted(Rental rental, Money amount) {
            calls.add("purchase " + rental.id() + " " + amount.amount() + " " + amount.currency());
            return new PaymentRequest("pay at the shop", "https://shop.example/order/42", "order-42");
        }

        @Override
        public void refund(Rental rental, Money amount, String reason) {
            calls.add("refund " + rental.id());
        }
    }

    @Test
    void aPluginProviderSettlesThroughTheSpi() {
        RecordingProvider provider = new RecordingProvider();
        PaymentProvidersAccess.add(server.payments, provider);
        JsonNode rental = rent(null, Map.of("deviceId", deviceId, "period", "HOUR", "count", 2, "paymentProvider", "recording"))
                .json();
        String id = rental.get("id").asText();
        assertThat(rental.get("payment").get("url").asText()).isEqualTo("https://shop.example/order/42");
        assertThat(server.rentals.find(id).orElseThrow().paymentReference()).isEqualTo("order-42");

        server.rentals.paid(id, "recording", "order-42");
        server.rentals.end(id, "test over");
        assertThat(provider.calls).containsExactly("offer " + deviceId + " false", "purchase " + id + " 200 USD",
                "offer " + deviceId + " true");
    }

    @Test
    void aFailingProviderLeavesNeitherAPendingRentalNorAPendingRenewal() {
        AtomicInteger purchasesBeforeFailing = new AtomicInteger(0);
        RecordingProvider flaky = new RecordingProvider() {
            @Override
            public PaymentRequest purchaseStarted(Rental rental, Money amount) {
                if (purchasesBeforeFailing.getAndDecrement() <= 0) {
                    throw new IllegalStateException("shop is down");
                }
                return super.purchaseStarted(rental, amount);
            }
        };
        PaymentProvidersAccess.add(server.payments, flaky);
        Map<String, Object> request = Map.of("deviceId", deviceId, "period", "HOUR", "paymentProvider", "recording");
        assertError(rent(null, request), 503, "failed");
        assertThat(listing().get("available").asBoolean()).as("the device is free again").isTrue();

        purchasesBeforeFailing.set(1);
        JsonNode rental = rent(null, request).json();
        String id = rental.get("id").asText();
        server.rentals.paid(id, "recording", "order-1");
        String token = rental.get("rentalToken").asText();
        assertError(http.post("rentals/" + id + "/renewal", token, Map.of("count", 1)), 503, "failed");
        assertThat(server.rentals.find(id).orElseThrow().pendingRenewal()).as("no renewal left waiting").isZero();
        assertError(http.post("rentals/" + id + "/renewal", token, Map.of("count", 1)), 503, "failed");
    }

    @Test
    void aRentedDeviceCannotBeDeletedUntilItsRentalEnds() {
        JsonNode rental = rent(null, Map.of("deviceId", deviceId, "period", "HOUR")).json();
        assertError(http.delete("devices/" + deviceId, ownerToken), 409, "end it first");
        JsonNode held = http.get("devices/" + deviceId, ownerToken).json().get("rental");
        assertThat(held.get("id").asText()).as("the owner sees which rental holds the device")
                .isEqualTo(rental.get("id").asText());
        assertThat(held.get("state").asText()).isEqualTo("PENDING_PAYMENT");

        server.rentals.end(rental.get("id").asText(), "test");
        assertThat(http.delete("devices/" + deviceId, ownerToken).status()).isBetween(200, 204);
        assertThat(http.get("devices/" + deviceId, ownerToken).status()).isEqualTo(404);
    }

    @Test
    void badRequestsAreRefusedWithClearErrors() {
        assertError(rent(null, Map.of("deviceId", deviceId, "period", "YEAR")), 400, "period");
        assertError(rent(null, Map.of("deviceId", deviceId, "period", "HOUR", "count", 0)), 400, "count");
        assertError(rent(null, Map.of("deviceId", deviceId, "period", "WEEK")), 409, "not offered by the WEEK");
        assertError(rent(null, Map.of("deviceId", "nope", "period", "HOUR")), 404, "no device");
        assertError(rent(null, Map.of("deviceId", deviceId, "period", "HOUR", "paymentProvider", "bitcoin")), 400,
                "unknown payment provider");
        assertError(rent(null, Map.of("deviceId", deviceId, "period", "HOUR", "sshPublicKey", "garbage")), 400, "sshPublicKey must be");
        assertError(rent("not-a-session", Map.of("deviceId", deviceId, "period", "HOUR")), 401, "session");
        server.clock.advance(Duration.ofMinutes(5));
        assertError(rent(null, Map.of("deviceId", deviceId, "period", "HOUR")), 409, "offline");
        assertThat(server.rentals.count()).as("no refused request left a rental").isZero();

        server.clock.advance(Duration.ofMinutes(-5));
        JsonNode rental = rent(null, Map.of("deviceId", deviceId, "period", "HOUR")).json();
        String id = rental.get("id").asText();
        assertError(http.get("rentals/" + id, null), 401, "Bearer");
        assertError(http.get("rentals/" + id, "wrong-token"), 404, "no rental");
        assertError(http.delete("rentals/" + id, steps.newOwner()), 404, "no rental");
    }

    private static void assertError(Http.Reply reply, int status, String messagePart) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        assertThat(reply.json().get("message").asText()).as("%s", reply).contains(messagePart);
    }

    private JsonNode listing() {
        for (JsonNode item : http.get("listings?size=100").json().get("items")) {
            if (deviceId.equals(item.get("deviceId").asText())) {
                return item;
            }
        }
        throw new AssertionError("device " + deviceId + " not listed");
    }
}

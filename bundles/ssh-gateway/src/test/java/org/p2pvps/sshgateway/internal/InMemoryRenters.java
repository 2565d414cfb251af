package org.p2pvps.sshgateway.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.p2pvps.rental.RenterGrant;

/** Active rentals as the registry would answer for them: login, password, renter key, device. */
final class InMemoryRenters implements Renters {

    private record Renter(RenterGrant grant, String password, String keyData) {
    }

    private final Map<String, Renter> byLogin = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> activeAnswers = new ConcurrentHashMap<>();

    RenterGrant rent(String rentalId, String deviceId, String login, String password, TestKey key) throws Exception {
        return rent(rentalId, deviceId, login, password, key, Instant.now().plusSeconds(3600));
    }

    RenterGrant rent(String rentalId, String deviceId, String login, String password, TestKey key, Instant expiresAt)
            throws Exception {
        RenterGrant grant = new RenterGrant(rentalId, deviceId, login, expiresAt);
        byLogin.put(login, new Renter(grant, password, key == null ? null : keyData(key.publicKey())));
        return grant;
    }

    void end(String rentalId) {
        byLogin.values().removeIf(renter -> renter.grant().rentalId().equals(rentalId));
    }

    @Override
    public Optional<RenterGrant> byPassword(String login, String password) {
        return Optional.ofNullable(byLogin.get(login)).filter(r -> r.password().equals(password)).map(Renter::grant);
    }

    @Override
    public Optional<RenterGrant> byKey(String login, String openSshKey) {
        return Optional.ofNullable(byLogin.get(login)).filter(r -> keyData(openSshKey).equals(r.keyData()))
                .map(Renter::grant);
    }

    @Override
    public Optional<RenterGrant> active(String rentalId) {
        Optional<RenterGrant> grant = byLogin.values().stream().map(Renter::grant)
                .filter(g -> g.rentalId().equals(rentalId)).findFirst();
        activeAnswers.computeIfAbsent(rentalId, id -> new AtomicInteger()).incrementAndGet();
        return grant;
    }

    /** @return how often {@link #active} has answered for the rental */
    int activeAnswers(String rentalId) {
        AtomicInteger answers = activeAnswers.get(rentalId);
        return answers == null ? 0 : answers.get();
    }

    private static String keyData(String line) {
        String[] parts = line.trim().split("\\s+");
        return parts[0] + " " + parts[1];
    }
}

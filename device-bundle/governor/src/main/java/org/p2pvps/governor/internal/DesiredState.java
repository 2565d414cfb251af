package org.p2pvps.governor.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.p2pvps.governor.container.RenterEnvironment;

/**
 * The server's answer to a heartbeat: what the device should be doing (the API's {@code DesiredState}).
 *
 * @param rentalId, login, passwordHash, authorizedKeys, expiresAt present when {@link Kind#RENTED}
 * @param gateway where to dial the SSH gateway now; {@code null} when the server does not say
 */
record DesiredState(Kind state, int heartbeatIntervalSeconds, Instant serverTime, String rentalId, String login,
        String passwordHash, List<String> authorizedKeys, Instant expiresAt, GatewayAddress gateway) {

    enum Kind {
        AVAILABLE, RENTED
    }

    DesiredState {
        authorizedKeys = authorizedKeys == null ? List.of() : List.copyOf(authorizedKeys);
    }

    static DesiredState available(int intervalSeconds, Instant serverTime, GatewayAddress gateway) {
        return new DesiredState(Kind.AVAILABLE, intervalSeconds, serverTime, null, null, null, List.of(), null, gateway);
    }

    /** The renter environment a {@link Kind#RENTED} state asks for. */
    RenterEnvironment environment() {
        return new RenterEnvironment(rentalId, login, passwordHash, authorizedKeys, expiresAt);
    }

    /**
     * @param gatewayProblem told why a gateway named in the answer cannot be read, or null when it can (or none is
     *        named): the caller says so once, not at every heartbeat
     * @throws IllegalArgumentException when the JSON is not a desired state
     */
    static DesiredState fromJson(Map<String, Object> json, Consumer<String> gatewayProblem) {
        Kind kind;
        try {
            kind = Kind.valueOf(String.valueOf(json.get("state")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown desired state " + json.get("state"), e);
        }
        int interval = json.get("heartbeatIntervalSeconds") instanceof BigDecimal n ? n.intValue() : 0;
        Instant serverTime = instant(json, "serverTime");
        GatewayAddress gateway = gateway(json, gatewayProblem);
        if (kind == Kind.AVAILABLE) {
            return available(interval, serverTime, gateway);
        }
        String rentalId = string(json, "rentalId");
        String login = string(json, "login");
        if (rentalId == null || login == null) {
            throw new IllegalArgumentException("a RENTED state needs rentalId and login");
        }
        List<String> keys = new ArrayList<>();
        if (json.get("authorizedKeys") instanceof List<?> list) {
            for (Object k : list) {
                if (k instanceof String s && !s.isBlank()) {
                    keys.add(s.trim());
                }
            }
        }
        return new DesiredState(kind, interval, serverTime, rentalId, login, string(json, "passwordHash"), keys,
                instant(json, "expiresAt"), gateway);
    }

    /** A gateway the governor cannot read costs the device its following of it, not what it is to run. */
    private static GatewayAddress gateway(Map<String, Object> json, Consumer<String> problem) {
        if (!json.containsKey("gateway")) {
            problem.accept(null);
            return null;
        }
        try {
            GatewayAddress gateway = GatewayAddress.fromJson(json.get("gateway"));
            problem.accept(null);
            return gateway;
        } catch (IllegalArgumentException e) {
            problem.accept(e.getMessage());
            return null;
        }
    }

    private static String string(Map<String, Object> json, String key) {
        return json.get(key) instanceof String s && !s.isEmpty() ? s : null;
    }

    private static Instant instant(Map<String, Object> json, String key) {
        String s = string(json, key);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " '" + s + "' is not an ISO-8601 instant", e);
        }
    }

    @Override
    public String toString() {
        return state == Kind.RENTED ? "RENTED[" + rentalId + " for " + login + " until " + expiresAt + "]" : "AVAILABLE";
    }
}

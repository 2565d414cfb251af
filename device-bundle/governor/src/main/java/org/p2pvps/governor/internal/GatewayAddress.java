package org.p2pvps.governor.internal;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Where the server says its SSH gateway is (the API's {@code Gateway}), in the registration answer and in every
 * heartbeat answer.
 *
 * @param hostKeyFingerprint the gateway's host key fingerprint ({@code SHA256:...}) when the server knows it, else
 *        {@code null}
 */
record GatewayAddress(String host, int port, String hostKeyFingerprint) {

    /** @throws IllegalArgumentException when the JSON is not a gateway */
    static GatewayAddress fromJson(Object json) {
        if (!(json instanceof Map<?, ?> gateway)) {
            throw new IllegalArgumentException("gateway is missing");
        }
        if (!(gateway.get("host") instanceof String host) || host.isBlank()) {
            throw new IllegalArgumentException("gateway.host is missing");
        }
        if (!(gateway.get("port") instanceof BigDecimal port) || port.intValue() < 1 || port.intValue() > 65535) {
            throw new IllegalArgumentException("gateway.port is not a port");
        }
        Object fingerprint = gateway.get("hostKeyFingerprint");
        return new GatewayAddress(host.trim(), port.intValue(),
                fingerprint instanceof String f && !f.isBlank() ? f.trim() : null);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}

package org.p2pvps.registry.internal.rest;

import java.time.Instant;
import java.util.Map;

import org.p2pvps.device.Device;
import org.p2pvps.device.Hardware;
import org.p2pvps.device.Period;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A device as its owner sees it; {@code registrationToken} appears only in the response that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceJson(
        String id,
        String name,
        String description,
        String currency,
        Map<Period, Long> pricing,
        boolean registered,
        Hardware hardware,
        String keyFingerprint,
        Integer tunnelPort,
        String subdomain,
        boolean online,
        boolean tunnelConnected,
        Instant lastSeen,
        Instant createdAt,
        Instant registeredAt,
        String registrationToken) {

    static DeviceJson of(Device device, boolean online, String registrationToken) {
        return new DeviceJson(device.id(), device.name(), device.description(), device.currency(), device.pricing(),
                device.registered(), device.hardware(), device.keyFingerprint(), device.tunnelPort(),
                device.subdomain(), online, device.tunnelConnected(), device.lastSeen(), device.createdAt(), device.registeredAt(),
                registrationToken);
    }
}

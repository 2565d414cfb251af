package org.p2pvps.registry.internal;

import org.p2pvps.device.Hardware;

/**
 * What a device sends to register.
 *
 * @param registrationToken the one-time token its owner got when creating the device
 * @param publicKey the device's SSH public key, OpenSSH format
 * @param hardware the device's hardware
 */
public record RegistrationRequest(String registrationToken, String publicKey, Hardware hardware) {
}

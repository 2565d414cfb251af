package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Optional;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.p2pvps.device.Device;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Devices log in with user name = device id and the key bound when they registered, looked up afresh on
 * every attempt (a deleted or re-keyed device is refused at once). Nothing else gets in.
 */
final class DeviceAuthenticator implements PublickeyAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceAuthenticator.class);
    /** Device ids are short tokens; anything longer or stranger is not one, and is not looked up. */
    private static final String DEVICE_ID = "[A-Za-z0-9_-]{1,64}";

    static final String REGISTRY_AWAY = "the p2pvps registry is not running or not answering; try again shortly";

    private final DeviceDirectory devices;

    DeviceAuthenticator(DeviceDirectory devices) {
        this.devices = devices;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        try {
            return authenticateDevice(username, key, session);
        } catch (RegistryCalls.RegistryAway e) {
            return tellRegistryAway(username, session);
        }
    }

    /**
     * @return whether {@code username} is a registered device with this key
     * @throws RegistryCalls.RegistryAway when the registry is not running or does not answer: the caller tells the
     *         client to try again
     */
    boolean authenticateDevice(String username, PublicKey key, ServerSession session) {
        Optional<PublicKey> bound = boundKey(username);
        if (bound.isEmpty() && !devices.available()) {
            throw new RegistryCalls.RegistryAway();
        }
        if (bound.isEmpty() || !KeyUtils.compareKeys(bound.get(), key)) {
            LOG.debug("Refused key {} for '{}' from {}", KeyUtils.getFingerPrint(key), username,
                    session.getClientAddress());
            return false;
        }
        // the probe ("would you accept this key?") and the signed attempt both land here; the session is only
        // authenticated after the signature checks out, which is when the gateway looks at this attribute
        new SessionDevice(username, KeyUtils.getFingerPrint(key)).attachTo(session);
        return true;
    }

    /**
     * Refused as if its key were wrong, a device would tell its owner so while the server is only starting or its
     * database does not answer: it is told to try again instead.
     *
     * @return false
     */
    static boolean tellRegistryAway(String username, ServerSession session) {
        LOG.info("'{}' from {} came while the registry is not running or not answering; told to try again", username,
                session.getClientAddress());
        try {
            session.disconnect(SshConstants.SSH2_DISCONNECT_SERVICE_NOT_AVAILABLE, REGISTRY_AWAY);
        } catch (IOException e) {
            LOG.debug("Could not tell {} the registry is away", session.getClientAddress(), e);
        }
        return false;
    }

    /**
     * @return the key the device registered, if {@code deviceId} names a registered device
     * @throws RegistryCalls.RegistryAway when the registry does not answer
     */
    Optional<PublicKey> boundKey(String deviceId) {
        if (deviceId == null || !deviceId.matches(DEVICE_ID)) {
            return Optional.empty();
        }
        return devices.find(deviceId).filter(Device::registered).flatMap(DeviceAuthenticator::parse);
    }

    private static Optional<PublicKey> parse(Device device) {
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(device.publicKey());
            return Optional.ofNullable(entry == null ? null
                    : entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
        } catch (Exception e) {
            LOG.warn("Device {} has a public key the gateway cannot read; it cannot log in", device.id(), e);
            return Optional.empty();
        }
    }
}

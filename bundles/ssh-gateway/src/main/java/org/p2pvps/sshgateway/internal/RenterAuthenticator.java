package org.p2pvps.sshgateway.internal;

import java.security.PublicKey;
import java.util.Optional;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.p2pvps.rental.RenterGrant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jump-host logins: a renter's rental login with its password or the key the renter gave. Devices are
 * tried first (by their id); anyone else must be the renter of an active rental.
 */
final class RenterAuthenticator implements PasswordAuthenticator, PublickeyAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(RenterAuthenticator.class);

    private final DeviceAuthenticator devices;
    private final Renters renters;

    RenterAuthenticator(DeviceAuthenticator devices, Renters renters) {
        this.devices = devices;
        this.renters = renters;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        try {
            return devices.authenticateDevice(username, key, session)
                    || admit(renters.byKey(username, PublicKeyEntry.toString(key)), username, session, "key "
                            + KeyUtils.getFingerPrint(key));
        } catch (RegistryCalls.RegistryAway e) {
            return DeviceAuthenticator.tellRegistryAway(username, session);
        }
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        try {
            return admit(renters.byPassword(username, password), username, session, "password");
        } catch (RegistryCalls.RegistryAway e) {
            return DeviceAuthenticator.tellRegistryAway(username, session);
        }
    }

    private static boolean admit(Optional<RenterGrant> grant, String username, ServerSession session, String how) {
        if (grant.isEmpty()) {
            LOG.debug("Refused renter '{}' ({}) from {}", username, how, session.getClientAddress());
            return false;
        }
        new SessionRenter(grant.get()).attachTo(session);
        LOG.info("Renter {} of rental {} logged in to the jump host ({}) from {}", username, grant.get().rentalId(),
                how, session.getClientAddress());
        return true;
    }
}

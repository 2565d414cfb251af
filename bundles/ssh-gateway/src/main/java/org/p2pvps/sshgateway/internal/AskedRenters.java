package org.p2pvps.sshgateway.internal;

import java.util.Optional;

import org.p2pvps.rental.RenterGrant;

/**
 * The registry's renters, asked through {@link RegistryCalls}: never on an SSH thread for longer than it allows.
 * Each method throws {@link RegistryCalls.RegistryAway} when the registry does not answer.
 */
final class AskedRenters implements Renters {

    private final Renters registry;
    private final RegistryCalls calls;

    AskedRenters(Renters registry, RegistryCalls calls) {
        this.registry = registry;
        this.calls = calls;
    }

    @Override
    public Optional<RenterGrant> byPassword(String login, String password) {
        return calls.ask(() -> registry.byPassword(login, password));
    }

    @Override
    public Optional<RenterGrant> byKey(String login, String openSshKey) {
        return calls.ask(() -> registry.byKey(login, openSshKey));
    }

    @Override
    public Optional<RenterGrant> active(String rentalId) {
        return calls.ask(() -> registry.active(rentalId));
    }
}

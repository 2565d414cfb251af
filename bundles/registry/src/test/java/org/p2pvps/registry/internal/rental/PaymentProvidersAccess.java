package org.p2pvps.registry.internal.rental;

import org.p2pvps.rental.PaymentProvider;

/** Lets tests outside this package bind providers the way Declarative Services does. */
public final class PaymentProvidersAccess {

    private PaymentProvidersAccess() {
    }

    public static void add(PaymentProviders providers, PaymentProvider provider) {
        providers.addProvider(provider);
    }
}

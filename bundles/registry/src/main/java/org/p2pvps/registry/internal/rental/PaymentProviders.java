package org.p2pvps.registry.internal.rental;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.p2pvps.device.Device;
import org.p2pvps.rental.PaymentProvider;
import org.p2pvps.rental.RentalState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment providers present right now, by name (whiteboard): a plugin's provider is usable the
 * moment its bundle starts and gone when it stops, with no restart.
 */
@Component(service = PaymentProviders.class)
public final class PaymentProviders {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentProviders.class);

    private final Map<String, PaymentProvider> byName = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(PaymentProvider provider) {
        if (byName.putIfAbsent(provider.name(), provider) != null) {
            LOG.warn("Two payment providers are called '{}'; renters get the first", provider.name());
        } else {
            LOG.info("Payment provider '{}' is available", provider.name());
        }
    }

    void removeProvider(PaymentProvider provider) {
        if (byName.remove(provider.name(), provider)) {
            LOG.info("Payment provider '{}' is gone; its {} rentals wait for it to return", provider.name(),
                    RentalState.PENDING_PAYMENT);
        }
    }

    /** Tells every provider that a device's availability changed; one failing provider does not stop the rest. */
    void offer(Device device, boolean available) {
        for (PaymentProvider provider : byName.values()) {
            try {
                provider.offer(device, available);
            } catch (RuntimeException e) {
                LOG.warn("Payment provider '{}' failed to update the offer of device {}", provider.name(), device.id(), e);
            }
        }
    }

    Optional<PaymentProvider> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }
}

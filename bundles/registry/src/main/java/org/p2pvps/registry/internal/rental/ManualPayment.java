package org.p2pvps.registry.internal.rental;

import org.osgi.service.component.annotations.Component;
import org.p2pvps.device.Device;
import org.p2pvps.rental.Money;
import org.p2pvps.rental.PaymentProvider;
import org.p2pvps.rental.PaymentRequest;
import org.p2pvps.rental.Rental;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in provider: payment is arranged outside the server (cash, bank transfer, a chat with
 * the owner) and the operator confirms it with {@code p2pvps:rental-confirm <id>}.
 */
@Component(service = PaymentProvider.class)
public final class ManualPayment implements PaymentProvider {

    public static final String NAME = "manual";

    private static final Logger LOG = LoggerFactory.getLogger(ManualPayment.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void offer(Device device, boolean available) {
        // nothing is published anywhere: the server's own listings are the offer
    }

    @Override
    public PaymentRequest purchaseStarted(Rental rental, Money amount) {
        LOG.info("Rental {} of device {} waits for a manual payment of {} {}; confirm with p2pvps:rental-confirm {}",
                rental.id(), rental.deviceId(), amount.amount(), amount.currency(), rental.id());
        return new PaymentRequest("Pay " + amount.amount() + " " + amount.currency()
                + " (minor units) as agreed with the server's operator, quoting rental " + rental.id()
                + "; access starts once the operator confirms the payment.", null, null);
    }

    @Override
    public void refund(Rental rental, Money amount, String reason) {
        LOG.info("Refund of {} {} for rental {} is due ({}); settle it by hand", amount.amount(), amount.currency(),
                rental.id(), reason);
    }
}

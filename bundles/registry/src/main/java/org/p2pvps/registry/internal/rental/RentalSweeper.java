package org.p2pvps.registry.internal.rental;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.p2pvps.registry.internal.RegistrySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends due rentals on a timer of its own. The timer only looks at the store, so rentals that fell
 * due while the server was down end at the first sweep after it starts.
 */
@Component
public final class RentalSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(RentalSweeper.class);

    private final Rentals rentals;
    private final ScheduledExecutorService timer;

    @Activate
    public RentalSweeper(@Reference Rentals rentals, @Reference RegistrySettings settings) {
        this.rentals = rentals;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "p2pvps-rental-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.rentals().sweepInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sweep, 0, interval, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            rentals.sweep();
        } catch (RuntimeException e) {
            if (timer.isShutdown()) { // stopped mid-sweep (the registry or the server stops): nothing failed
                LOG.debug("Rental sweep interrupted by the stop: {}", e.toString());
                return;
            }
            // a failed sweep (store briefly unreachable) is retried by the next one; the timer must live on
            LOG.warn("Rental sweep failed; retrying in the next one: {}", e.toString());
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
    }
}

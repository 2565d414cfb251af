package org.p2pvps.registry.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.p2pvps.device.DeviceEvent;
import org.p2pvps.device.DeviceEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers device events to every {@link DeviceEventListener} service, in order, on one thread of
 * its own, so a slow or failing listener never holds up a request.
 */
@Component(service = DeviceEvents.class)
public final class DeviceEvents {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceEvents.class);

    private final List<DeviceEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "p2pvps-device-events");
        thread.setDaemon(true);
        return thread;
    });

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(DeviceEventListener listener) {
        listeners.add(listener);
    }

    void removeListener(DeviceEventListener listener) {
        listeners.remove(listener);
    }

    public void publish(DeviceEvent event) {
        LOG.debug("Device event {}", event);
        dispatcher.execute(() -> {
            for (DeviceEventListener listener : listeners) {
                try {
                    listener.deviceEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("Device event listener {} failed on {}", listener, event, e);
                }
            }
        });
    }

    @Deactivate
    void stop() throws InterruptedException {
        dispatcher.shutdown();
        if (!dispatcher.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("Device events still undelivered after 5 s; dropping them");
            dispatcher.shutdownNow();
        }
    }
}

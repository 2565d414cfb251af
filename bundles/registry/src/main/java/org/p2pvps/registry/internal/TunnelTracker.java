package org.p2pvps.registry.internal;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.p2pvps.device.DeviceEvent;
import org.p2pvps.device.TunnelStatus;
import org.p2pvps.registry.internal.store.DeviceStore;
import org.p2pvps.store.MongoStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the devices' {@code tunnelConnected} flag and last-seen as the SSH gateway reports them. */
@Component(service = TunnelStatus.class)
public final class TunnelTracker implements TunnelStatus {

    private static final Logger LOG = LoggerFactory.getLogger(TunnelTracker.class);

    private final DeviceStore devices;
    private final DeviceEvents events;
    private final Clock clock;

    @Activate
    public TunnelTracker(@Reference MongoStore store, @Reference DeviceEvents events,
            @Reference ListingIndex listings) {
        this(store, events, listings, Clock.systemUTC());
    }

    public TunnelTracker(MongoStore store, DeviceEvents events, ListingIndex listings, Clock clock) {
        this.devices = new DeviceStore(store.database(), listings);
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void tunnelConnected(String deviceId, InetSocketAddress remote) {
        record(deviceId, true, DeviceEvent.Type.CONNECTED);
    }

    @Override
    public void tunnelDisconnected(String deviceId) {
        record(deviceId, false, DeviceEvent.Type.DISCONNECTED);
    }

    @Override
    public void noTunnels() {
        devices.clearTunnels();
    }

    private void record(String deviceId, boolean connected, DeviceEvent.Type type) {
        Instant now = clock.instant();
        if (devices.recordTunnel(deviceId, connected, now)) {
            events.publish(new DeviceEvent(type, deviceId, now));
        } else {
            LOG.debug("Tunnel of unknown device {} went {}", deviceId, connected ? "up" : "down");
        }
    }
}

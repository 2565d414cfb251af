package org.p2pvps.sshgateway.internal;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.apache.sshd.common.future.CloseFuture;
import org.apache.sshd.server.session.ServerSession;
import org.p2pvps.device.TunnelStatus;
import org.p2pvps.gateway.Tunnel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's live state: which sessions each device holds, and which one holds its tunnel. Tunnels
 * going up and down are reported to {@link TunnelStatus} on the given executor, in order, so a slow store
 * never holds up an SSH I/O thread.
 */
final class Tunnels {

    private static final Logger LOG = LoggerFactory.getLogger(Tunnels.class);
    /** How long a new session waits for the session it replaces to let go of the tunnel port. */
    private static final Duration REPLACE_WAIT = Duration.ofSeconds(10);

    /** A tunnel held by one session; the counters are the session forwarder's. */
    record Entry(String deviceId, ServerSession session, int port, String bindAddress, InetSocketAddress remote,
            Instant since, LongAdder bytesIn, LongAdder bytesOut) {

        Tunnel snapshot() {
            return new Tunnel(deviceId, port, bindAddress, remote, since, bytesIn.sum(), bytesOut.sum());
        }
    }

    private final Map<String, List<ServerSession>> sessions = new ConcurrentHashMap<>();
    private final Map<String, Entry> tunnels = new ConcurrentHashMap<>();
    private final Supplier<Optional<TunnelStatus>> status;
    private final Executor reports;
    private final Clock clock;

    Tunnels(Supplier<Optional<TunnelStatus>> status, Executor reports, Clock clock) {
        this.status = status;
        this.reports = reports;
        this.clock = clock;
    }

    /**
     * A device session authenticated. Beyond {@code maxPerDevice}, the oldest sessions of the device are
     * closed: a reconnecting device replaces the session it lost track of.
     */
    void authenticated(String deviceId, ServerSession session, int maxPerDevice) {
        List<ServerSession> replaced = new ArrayList<>();
        sessions.compute(deviceId, (id, held) -> {
            List<ServerSession> list = held == null ? new CopyOnWriteArrayList<>() : held;
            list.add(session);
            while (list.size() > maxPerDevice) {
                replaced.add(list.remove(0));
            }
            return list;
        });
        for (ServerSession old : replaced) {
            LOG.info("Device {} connected again from {}; closing its older session from {}", deviceId,
                    session.getClientAddress(), old.getClientAddress());
            forget(deviceId, old);
            old.close(true);
        }
    }

    /** The session closed: its tunnel, if it held one, is down. */
    void closed(ServerSession session) {
        SessionDevice device = SessionDevice.of(session);
        if (device == null) {
            return;
        }
        sessions.computeIfPresent(device.deviceId(), (id, list) -> {
            list.remove(session);
            return list.isEmpty() ? null : list;
        });
        down(device.deviceId(), session);
    }

    /**
     * Before a session binds the device's tunnel port: any other session of the device that still holds the
     * tunnel (a connection the device lost and the gateway has not noticed yet) is closed, and the port
     * released, so the new bind never meets "address in use".
     */
    void makeRoomFor(String deviceId, ServerSession session) {
        Entry held = tunnels.get(deviceId);
        if (held == null || held.session() == session) {
            return;
        }
        LOG.info("Device {} binds its tunnel again from {}; closing the old session from {}", deviceId,
                session.getClientAddress(), held.remote());
        forget(deviceId, held.session());
        CloseFuture closed = held.session().close(true);
        try {
            if (!closed.await(REPLACE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Old session of device {} still closing after {}; binding anyway", deviceId, REPLACE_WAIT);
            }
        } catch (java.io.IOException e) {
            LOG.warn("Waiting for the old session of device {} to close failed", deviceId, e);
        }
    }

    /** @return whether this session already holds a tunnel */
    boolean holdsTunnel(ServerSession session) {
        SessionDevice device = SessionDevice.of(session);
        Entry entry = device == null ? null : tunnels.get(device.deviceId());
        return entry != null && entry.session() == session;
    }

    void up(Entry entry) {
        Entry previous = tunnels.put(entry.deviceId(), entry);
        if (previous != null && previous.session() != entry.session()) {
            previous.session().close(true);
        }
        LOG.info("Tunnel up: device {} on {}:{} from {}", entry.deviceId(), entry.bindAddress(), entry.port(),
                entry.remote());
        report(s -> s.tunnelConnected(entry.deviceId(), entry.remote()));
    }

    /** The session's tunnel is down (cancelled or closed); another session's tunnel is left alone. */
    void down(String deviceId, ServerSession session) {
        Entry entry = tunnels.get(deviceId);
        if (entry != null && entry.session() == session && tunnels.remove(deviceId, entry)) {
            LOG.info("Tunnel down: device {} on port {} ({} bytes in, {} bytes out)", deviceId, entry.port(),
                    entry.bytesIn().sum(), entry.bytesOut().sum());
            report(s -> s.tunnelDisconnected(deviceId));
        }
    }

    /** Drops the session from the books before closing it, so its closing does not report its tunnel down. */
    private void forget(String deviceId, ServerSession session) {
        Entry entry = tunnels.get(deviceId);
        if (entry != null && entry.session() == session) {
            tunnels.remove(deviceId, entry);
        }
        sessions.computeIfPresent(deviceId, (id, list) -> {
            list.remove(session);
            return list.isEmpty() ? null : list;
        });
    }

    List<Tunnel> list() {
        return tunnels.values().stream().map(Entry::snapshot).sorted(Comparator.comparing(Tunnel::deviceId)).toList();
    }

    Optional<Tunnel> find(String deviceId) {
        return Optional.ofNullable(tunnels.get(deviceId)).map(Entry::snapshot);
    }

    /** @return the device's sessions, oldest first */
    List<ServerSession> sessionsOf(String deviceId) {
        List<ServerSession> list = sessions.get(deviceId);
        return list == null ? List.of() : List.copyOf(list);
    }

    /** The registry (re)appeared: tell it about every tunnel up now. */
    void reportAll() {
        report(TunnelStatus::noTunnels);
        for (Entry entry : tunnels.values()) {
            report(s -> s.tunnelConnected(entry.deviceId(), entry.remote()));
        }
    }

    Instant now() {
        return clock.instant();
    }

    private void report(java.util.function.Consumer<TunnelStatus> call) {
        reports.execute(() -> status.get().ifPresent(s -> {
            try {
                call.accept(s);
            } catch (RuntimeException e) {
                LOG.warn("Could not record a tunnel state change in the registry", e);
            }
        }));
    }
}

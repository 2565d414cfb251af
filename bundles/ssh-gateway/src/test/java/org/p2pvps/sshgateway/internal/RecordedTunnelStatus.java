package org.p2pvps.sshgateway.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.p2pvps.device.TunnelStatus;

/** The registry's side of tunnel state, as a list of what the gateway reported. */
final class RecordedTunnelStatus implements TunnelStatus {

    private final List<String> reports = new CopyOnWriteArrayList<>();

    @Override
    public void tunnelConnected(String deviceId, InetSocketAddress remote) {
        reports.add("connected " + deviceId);
    }

    @Override
    public void tunnelDisconnected(String deviceId) {
        reports.add("disconnected " + deviceId);
    }

    @Override
    public void noTunnels() {
        reports.add("none");
    }

    /** @return the reports about this device, in order */
    List<String> of(String deviceId) {
        return reports.stream().filter(r -> r.endsWith(" " + deviceId)).toList();
    }
}

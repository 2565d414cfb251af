package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;

import org.apache.sshd.common.Factory;
import org.apache.sshd.common.forward.DefaultForwarder;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.session.ServerSession;

/**
 * Apache SSHD's forwarder with two changes for device tunnels: the tunnel port is bound on the gateway's
 * renter bind address whatever address the device asked for (the forwarded-tcpip channels still name the
 * address it asked for, as OpenSSH's client requires), and the bytes through the tunnel are counted.
 * {@link DevicePolicy} has allowed the bind before {@link #doBind} runs.
 */
final class TunnelForwarder extends DefaultForwarder {

    private final Tunnels tunnels;
    private final String bindAddress;
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    TunnelForwarder(ConnectionService service, Tunnels tunnels, String bindAddress) {
        super(service);
        this.tunnels = tunnels;
        this.bindAddress = bindAddress;
    }

    @Override
    protected InetSocketAddress doBind(SshdSocketAddress address, IoAcceptor acceptor) throws IOException {
        ServerSession session = (ServerSession) getSession();
        SessionDevice device = SessionDevice.of(session);
        if (device == null) {
            throw new IOException("Only devices bind tunnels");
        }
        tunnels.makeRoomFor(device.deviceId(), session);
        InetSocketAddress bound = super.doBind(new SshdSocketAddress(bindAddress, address.getPort()), acceptor);
        tunnels.up(new Tunnels.Entry(device.deviceId(), session, bound.getPort(), bound.getAddress().getHostAddress(),
                (InetSocketAddress) session.getClientAddress(), tunnels.now(), bytesIn, bytesOut));
        return bound;
    }

    @Override
    public synchronized void localPortForwardingCancelled(SshdSocketAddress local) throws IOException {
        super.localPortForwardingCancelled(local);
        SessionDevice device = SessionDevice.of(getSession());
        if (device != null) {
            tunnels.down(device.deviceId(), (ServerSession) getSession());
        }
    }

    @Override
    protected IoAcceptor createIoAcceptor(Factory<? extends IoHandler> handlerFactory) {
        return super.createIoAcceptor(
                () -> new CountingIoHandler(handlerFactory.create(), getSession().getIoSession(), bytesIn, bytesOut));
    }
}

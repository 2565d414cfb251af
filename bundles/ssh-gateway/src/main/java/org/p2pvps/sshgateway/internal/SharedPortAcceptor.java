package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.sshd.common.Closeable;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.util.closeable.AbstractInnerCloseable;

/**
 * One listening port served by several event loops: each loop's acceptor binds the same address with
 * {@code SO_REUSEPORT} and the kernel hands each new connection to one of them. The first acceptor binds what it is
 * asked to (port 0 too); the others then bind the address it got.
 */
final class SharedPortAcceptor extends AbstractInnerCloseable implements IoAcceptor {

    private final List<EventLoops.LoopAcceptor> perLoop;
    private IoServiceEventListener eventListener;

    SharedPortAcceptor(List<EventLoops.LoopAcceptor> perLoop) {
        this.perLoop = perLoop;
    }

    /** All or none: a failure unbinds the addresses bound before it. */
    @Override
    public void bind(Collection<? extends SocketAddress> addresses) throws IOException {
        Set<SocketAddress> before = new HashSet<>(getBoundAddresses());
        try {
            for (SocketAddress address : addresses) {
                bind(address);
            }
        } catch (IOException | RuntimeException e) {
            Set<SocketAddress> bound = new HashSet<>(getBoundAddresses());
            bound.removeAll(before);
            unbind(bound);
            throw e;
        }
    }

    @Override
    public void bind(SocketAddress address) throws IOException {
        EventLoops.LoopAcceptor first = perLoop.get(0);
        Set<SocketAddress> before = new HashSet<>(first.getBoundAddresses());
        first.bind(address);
        Set<SocketAddress> bound = new HashSet<>(first.getBoundAddresses());
        bound.removeAll(before);
        try {
            for (EventLoops.LoopAcceptor other : perLoop.subList(1, perLoop.size())) {
                other.bind(bound);
            }
        } catch (IOException | RuntimeException e) {
            unbind(bound);
            throw e;
        }
    }

    @Override
    public void unbind(Collection<? extends SocketAddress> addresses) {
        perLoop.forEach(acceptor -> acceptor.unbind(addresses));
    }

    @Override
    public void unbind(SocketAddress address) {
        perLoop.forEach(acceptor -> acceptor.unbind(address));
    }

    @Override
    public void unbind() {
        perLoop.forEach(EventLoops.LoopAcceptor::unbind);
    }

    @Override
    public Set<SocketAddress> getBoundAddresses() {
        return perLoop.get(0).getBoundAddresses();
    }

    @Override
    public Map<Long, IoSession> getManagedSessions() {
        Map<Long, IoSession> sessions = new HashMap<>();
        perLoop.forEach(acceptor -> sessions.putAll(acceptor.getManagedSessions()));
        return sessions;
    }

    @Override
    public IoServiceEventListener getIoServiceEventListener() {
        return eventListener;
    }

    @Override
    public void setIoServiceEventListener(IoServiceEventListener listener) {
        eventListener = listener;
        perLoop.forEach(acceptor -> acceptor.setIoServiceEventListener(listener));
    }

    @Override
    protected Closeable getInnerCloseable() {
        return builder().parallel(toString(), perLoop).build();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + getBoundAddresses() + " on " + perLoop.size() + " event loops";
    }
}

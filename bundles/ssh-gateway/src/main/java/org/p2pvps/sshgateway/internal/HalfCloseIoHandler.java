package org.p2pvps.sshgateway.internal;

import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoSession;

/**
 * A handler for connections that stay open for writing after their peer shut down its sending side (a TCP
 * half-close). Connections with any other handler are closed on the peer's end of stream, as Apache SSHD does.
 * {@link #messageReceived} is given a {@link org.apache.sshd.common.session.helpers.PacketBuffer} over the
 * connection's read buffer, with room around the data for an SSH_MSG_CHANNEL_DATA packet's header, padding and
 * MAC: its bytes stay as they are until the handler returns, or, if it suspended reading, until it resumes
 * reading; until then the handler may build and encrypt a packet in it.
 */
interface HalfCloseIoHandler extends IoHandler {

    /** The peer sent its end of stream: nothing more will be read, but the connection is still writable. */
    void inputShutdown(IoSession session) throws Exception;

    /** @return the SSH connection that carries these connections' bytes: its event loop serves them too */
    IoSession carrier();
}

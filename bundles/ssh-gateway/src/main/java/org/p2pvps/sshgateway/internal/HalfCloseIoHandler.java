package org.p2pvps.sshgateway.internal;

import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoSession;

/**
 * A handler for connections that stay open for writing after their peer shut down its sending side (a TCP
 * half-close). Connections with any other handler are closed on the peer's end of stream, as Apache SSHD does.
 */
interface HalfCloseIoHandler extends IoHandler {

    /** The peer sent its end of stream: nothing more will be read, but the connection is still writable. */
    void inputShutdown(IoSession session) throws Exception;
}

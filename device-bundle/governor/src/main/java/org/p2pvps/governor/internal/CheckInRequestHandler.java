package org.p2pvps.governor.internal;

import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.helpers.AbstractConnectionServiceRequestHandler;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * The gateway's nudge ({@value #NAME}, an SSH global request on the tunnel's session): what the server wants of
 * this device changed (a rental began, was renewed or ended), so the governor heartbeats now instead of at its
 * next interval. It carries nothing to act on: the heartbeat's answer, over HTTPS, stays the only source.
 */
final class CheckInRequestHandler extends AbstractConnectionServiceRequestHandler {

    static final String NAME = "check-in@p2pvps.org";

    private final Runnable checkIn;

    CheckInRequestHandler(Runnable checkIn) {
        this.checkIn = checkIn;
    }

    @Override
    public Result process(ConnectionService service, String request, boolean wantReply, Buffer buffer) {
        if (!NAME.equals(request)) {
            return Result.Unsupported;
        }
        checkIn.run();
        return Result.ReplySuccess;
    }
}

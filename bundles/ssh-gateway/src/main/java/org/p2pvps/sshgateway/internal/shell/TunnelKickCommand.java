package org.p2pvps.sshgateway.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.p2pvps.gateway.SshGateway;

@Command(scope = "p2pvps", name = "tunnel-kick",
        description = "Disconnects a device from the SSH gateway; its tunnel port is released until it reconnects.")
@Service
public final class TunnelKickCommand implements Action {

    @Reference
    SshGateway gateway;

    @Argument(name = "device", description = "The device id", required = true)
    @Completion(TunnelDeviceCompleter.class)
    String deviceId;

    @Override
    public Object execute() throws CommandException {
        if (!gateway.kick(deviceId)) {
            // Karaf prints a CommandException's message without a trace, also over `ssh host command` (exit 1)
            throw new CommandException("Device " + deviceId + " is not connected");
        }
        System.out.println("Disconnected device " + deviceId);
        return null;
    }
}

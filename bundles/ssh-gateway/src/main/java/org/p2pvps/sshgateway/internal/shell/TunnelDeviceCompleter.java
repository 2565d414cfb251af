package org.p2pvps.sshgateway.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.p2pvps.gateway.SshGateway;
import org.p2pvps.gateway.Tunnel;

/** Completes the ids of devices whose tunnel is up. */
@Service
public final class TunnelDeviceCompleter implements Completer {

    @Reference
    SshGateway gateway;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<String> ids = gateway.tunnels().stream().map(Tunnel::deviceId).toList();
        return new StringsCompleter(ids).complete(session, commandLine, candidates);
    }
}

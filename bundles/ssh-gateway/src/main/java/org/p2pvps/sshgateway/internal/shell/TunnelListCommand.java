package org.p2pvps.sshgateway.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.p2pvps.gateway.SshGateway;

@Command(scope = "p2pvps", name = "tunnel-list", description = "Lists the devices' reverse tunnels up at the SSH gateway.")
@Service
public final class TunnelListCommand implements Action {

    @Reference
    SshGateway gateway;

    @Override
    public Object execute() {
        TunnelTable.of(gateway.tunnels()).print(System.out);
        return null;
    }
}

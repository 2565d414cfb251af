package org.p2pvps.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.p2pvps.gateway.SshGateway;
import org.p2pvps.rental.RentalService;
import org.p2pvps.store.MongoStore;

/** Every service optional, as all in this bundle: the status is most wanted when a part is not running. */
@Command(scope = "p2pvps", name = "status",
        description = "Shows whether the store answers, the registry runs and the SSH gateway listens, and what they hold.")
@Service
public final class StatusCommand extends DeviceCommand {

    @Reference(optional = true)
    MongoStore store;

    @Reference(optional = true)
    RentalService rentals;

    @Reference(optional = true)
    SshGateway gateway;

    @Override
    public Object execute() {
        Field.table(new ServerStatus(store, devices, owners, listings, rentals, gateway).fields()).print(System.out);
        return null;
    }
}

package org.p2pvps.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.p2pvps.device.DeviceService;
import org.p2pvps.owner.OwnerService;

@Command(scope = "p2pvps", name = "owner-list", description = "Lists the owner accounts and how many devices each has.")
@Service
public final class OwnerListCommand implements Action {

    @Reference(optional = true)
    OwnerService owners;

    @Reference(optional = true)
    DeviceService devices;

    @Override
    public Object execute() throws CommandException {
        Registry.require(owners, devices);
        OwnerTable.of(Paging.all(owners::list), Paging.all(devices::list)).print(System.out);
        return null;
    }
}

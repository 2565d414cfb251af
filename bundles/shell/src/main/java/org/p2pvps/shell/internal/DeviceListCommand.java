package org.p2pvps.shell.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.p2pvps.device.Device;
import org.p2pvps.owner.Owner;

@Command(scope = "p2pvps", name = "device-list", description = "Lists the devices of all owners.")
@Service
public final class DeviceListCommand extends DeviceCommand {

    @Option(name = "--online", description = "Only devices online now")
    boolean onlineOnly;

    @Option(name = "--owner", description = "Only the devices of the owner with this id or e-mail address")
    String owner;

    @Override
    public Object execute() throws CommandException {
        Registry.require(devices, owners, listings);
        Owners allOwners = new Owners(Paging.all(owners::list));
        String ownerId = null;
        if (owner != null) {
            Optional<Owner> selected = allOwners.find(owner);
            if (selected.isEmpty()) {
                throw new CommandException("No owner with id or e-mail " + owner);
            }
            ownerId = selected.get().id();
        }
        Set<String> onlineIds = OnlineDevices.ids(listings);
        List<Device> shown = new DeviceFilter(onlineOnly, ownerId).apply(Paging.all(devices::list), onlineIds);
        DeviceTable.of(shown, allOwners, onlineIds).print(System.out);
        return null;
    }
}

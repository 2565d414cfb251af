package org.p2pvps.shell.internal;

import java.util.Optional;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.p2pvps.device.Device;

@Command(scope = "p2pvps", name = "device-show",
        description = "Shows one device: owner, prices, registration, tunnel, hardware. Never its secrets.")
@Service
public final class DeviceShowCommand extends DeviceCommand {

    @Argument(index = 0, name = "id", description = "The device id", required = true)
    @Completion(DeviceIdCompleter.class)
    String id;

    @Override
    public Object execute() throws CommandException {
        Registry.require(devices, owners, listings);
        Optional<Device> device = devices.find(id);
        if (device.isEmpty()) {
            throw new CommandException("No device with id " + id);
        }
        boolean online = OnlineDevices.ids(listings).contains(id);
        Field.table(DeviceDetails.of(device.get(), owners.find(device.get().ownerId()), online))
                .print(System.out);
        return null;
    }
}

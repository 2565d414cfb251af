package org.p2pvps.shell.internal;

import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.support.table.ShellTable;
import org.p2pvps.device.Device;

/** The table of p2pvps:device-list: one row per device. */
final class DeviceTable {

    private DeviceTable() {
    }

    static ShellTable of(List<Device> devices, Owners owners, Set<String> onlineIds) {
        ShellTable table = new ShellTable().emptyTableText("No devices");
        List.of("ID", "Name", "Owner", "Registered", "Online", "Tunnel port", "Subdomain", "Last seen")
                .forEach(table::column);
        for (Device device : devices) {
            table.addRow().addContent(
                    device.id(),
                    Formats.text(device.name()),
                    Formats.text(owners.label(device.ownerId())),
                    Formats.time(device.registeredAt()),
                    Formats.yesNo(onlineIds.contains(device.id())),
                    Formats.text(device.tunnelPort()),
                    Formats.text(device.subdomain()),
                    Formats.time(device.lastSeen()));
        }
        return table;
    }
}

package org.p2pvps.shell.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.karaf.shell.support.table.ShellTable;
import org.p2pvps.device.Device;
import org.p2pvps.owner.Owner;

/** The table of p2pvps:owner-list: one row per owner, with how many devices each has. */
final class OwnerTable {

    private OwnerTable() {
    }

    static ShellTable of(List<Owner> owners, List<Device> devices) {
        Map<String, Long> deviceCounts = devices.stream()
                .collect(Collectors.groupingBy(Device::ownerId, Collectors.counting()));
        ShellTable table = new ShellTable().emptyTableText("No owners");
        List.of("ID", "E-mail", "Created", "Devices").forEach(table::column);
        for (Owner owner : owners) {
            table.addRow().addContent(
                    owner.id(),
                    Formats.text(owner.email()),
                    Formats.time(owner.createdAt()),
                    deviceCounts.getOrDefault(owner.id(), 0L));
        }
        return table;
    }
}

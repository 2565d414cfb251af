package org.p2pvps.shell.internal;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.p2pvps.device.Device;
import org.p2pvps.device.Hardware;
import org.p2pvps.device.Period;
import org.p2pvps.owner.Owner;

/**
 * What p2pvps:device-show tells about one device. Deliberately a list of named fields rather than the
 * whole record: the public key stays out (its fingerprint identifies it), and so would any secret the
 * record gains later.
 */
final class DeviceDetails {

    private DeviceDetails() {
    }

    static List<Field> of(Device device, Optional<Owner> owner, boolean online) {
        Optional<Hardware> hardware = Optional.ofNullable(device.hardware());
        return List.of(
                new Field("ID", device.id()),
                new Field("Name", Formats.text(device.name())),
                new Field("Description", Formats.text(device.description())),
                new Field("Owner", Formats.text(owner.map(Owner::email).orElse(null))),
                new Field("Owner ID", Formats.text(device.ownerId())),
                new Field("Prices", prices(device)),
                new Field("Created", Formats.time(device.createdAt())),
                new Field("Registered", Formats.time(device.registeredAt())),
                new Field("Online", Formats.yesNo(online)),
                new Field("Last seen", Formats.time(device.lastSeen())),
                new Field("Tunnel port", Formats.text(device.tunnelPort())),
                new Field("Subdomain", Formats.text(device.subdomain())),
                new Field("Key fingerprint", Formats.text(device.keyFingerprint())),
                new Field("CPU", hardwareField(hardware, Hardware::cpuModel)),
                new Field("Cores", hardwareField(hardware, Hardware::cores)),
                new Field("Memory", hardwareField(hardware, h -> h.memoryMb() + " MiB")),
                new Field("Disk", hardwareField(hardware, h -> h.diskMb() + " MiB")),
                new Field("Arch", hardwareField(hardware, Hardware::arch)));
    }

    /** @return e.g. "HOUR 150, DAY 3000 (USD minor units)", shortest period first, or "-" */
    static String prices(Device device) {
        if (device.pricing().isEmpty()) {
            return Formats.ABSENT;
        }
        // Period's declaration order runs from the shortest to the longest period
        String prices = new TreeMap<Period, Long>(device.pricing()).entrySet().stream()
                .map(price -> price.getKey() + " " + price.getValue())
                .collect(Collectors.joining(", "));
        return prices + " (" + Formats.text(device.currency()) + " minor units)";
    }

    private static String hardwareField(Optional<Hardware> hardware, Function<Hardware, Object> field) {
        return Formats.text(hardware.map(field).orElse(null));
    }
}

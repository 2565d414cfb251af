package org.p2pvps.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.apache.karaf.shell.support.table.ShellTable;
import org.p2pvps.device.Device;
import org.p2pvps.device.Hardware;
import org.p2pvps.device.Period;
import org.p2pvps.owner.Owner;

/** Devices and owners as the registry would hand them out. */
final class TestData {

    static final Instant CREATED = Instant.parse("2024-03-01T08:00:00.123456789Z");
    static final Instant REGISTERED = Instant.parse("2024-03-02T09:30:15.5Z");
    static final Instant LAST_SEEN = Instant.parse("2024-03-05T10:15:30.000001Z");

    private TestData() {
    }

    static Owner owner(String id, String email) {
        return new Owner(id, email, CREATED);
    }

    /** A device its owner created but that never registered: everything the device reports is absent. */
    static Device created(String id, String ownerId) {
        return new Device(id, ownerId, "box-" + id, "", "USD", Map.of(Period.HOUR, 150L), null, null, null, null,
                null, CREATED, null, null);
    }

    static Device registered(String id, String ownerId, int tunnelPort) {
        return new Device(id, ownerId, "box-" + id, "A Raspberry Pi in a cupboard", "USD",
                Map.of(Period.DAY, 3000L, Period.HOUR, 150L),
                new Hardware("Cortex-A72", 4, 3906, 28000, "arm64"),
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAISECRETKEYMATERIAL device", "SHA256:abcdefFINGERPRINT",
                tunnelPort, "sub-" + id, CREATED, REGISTERED, LAST_SEEN);
    }

    static String printed(ShellTable table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), StandardCharsets.UTF_8, true);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

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
import org.p2pvps.rental.Money;
import org.p2pvps.rental.Rental;
import org.p2pvps.rental.RentalState;

/** Devices, owners and rentals as the registry would hand them out. */
final class TestData {

    static final Instant CREATED = Instant.parse("2024-03-01T08:00:00.123456789Z");
    static final Instant REGISTERED = Instant.parse("2024-03-02T09:30:15.5Z");
    static final Instant LAST_SEEN = Instant.parse("2024-03-05T10:15:30.000001Z");
    /** When the in-memory rental service changes rentals. */
    static final Instant NOW = Instant.parse("2024-03-06T12:00:00.25Z");
    static final Instant RENTED = Instant.parse("2024-03-06T11:50:00.5Z");
    static final Instant PAY_BY = Instant.parse("2024-03-06T12:20:00.5Z");
    static final Instant ACTIVATED = Instant.parse("2024-03-06T11:55:00.75Z");
    static final Instant EXPIRES = Instant.parse("2024-03-09T11:55:00.75Z");

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

    /** A stranger's rental of three days at 30.00 USD each, waiting for payment. */
    static Rental pending(String id, String deviceId) {
        return new Rental(id, deviceId, "o1", Period.DAY, 3, new Money(9000, "USD"), RentalState.PENDING_PAYMENT,
                false, "renter@example.org", "manual", null, null, false, RENTED, PAY_BY, null, null, 0);
    }

    /** A stranger's paid rental, applied by the device, with {@code pendingRenewal} more days asked for. */
    static Rental active(String id, String deviceId, int pendingRenewal) {
        return new Rental(id, deviceId, "o1", Period.DAY, 3, new Money(9000, "USD"), RentalState.ACTIVE, false,
                "renter@example.org", "manual", "bank-42", "renter1", true, RENTED, null, ACTIVATED, EXPIRES,
                pendingRenewal);
    }

    /** The owner's own rental of two hours, active at once and free. */
    static Rental selfRent(String id, String deviceId) {
        return new Rental(id, deviceId, "o1", Period.HOUR, 2, new Money(0, "USD"), RentalState.ACTIVE, true, null,
                "self", null, "owner1", false, RENTED, null, RENTED, RENTED.plusSeconds(7200), 0);
    }

    static Rental expired(String id, String deviceId) {
        return new Rental(id, deviceId, "o1", Period.WEEK, 1, new Money(50000, "EUR"), RentalState.EXPIRED, false,
                null, "manual", null, "renter2", true, CREATED, null, CREATED, CREATED.plusSeconds(7 * 86400), 0);
    }

    static String printed(ShellTable table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), StandardCharsets.UTF_8, true);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

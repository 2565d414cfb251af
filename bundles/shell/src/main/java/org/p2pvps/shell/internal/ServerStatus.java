package org.p2pvps.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.p2pvps.device.Device;
import org.p2pvps.device.DeviceService;
import org.p2pvps.gateway.SshGateway;
import org.p2pvps.listing.ListingService;
import org.p2pvps.owner.OwnerService;
import org.p2pvps.rental.Rental;
import org.p2pvps.rental.RentalService;
import org.p2pvps.rental.RentalState;
import org.p2pvps.store.MongoStore;

/**
 * The server at a glance, for {@code p2pvps:status}: whether the store answers, the registry runs, and the SSH
 * gateway listens, with what they hold. Each part may be missing (its service is not there): then it says so and
 * where to look, rather than the command being absent as one with a required service would be.
 *
 * @param store the store, or null while it is not started
 * @param devices the registry's device service, or null while the registry does not run
 * @param gateway the SSH gateway, or null while it does not run
 */
record ServerStatus(MongoStore store, DeviceService devices, OwnerService owners, ListingService listings,
        RentalService rentals, SshGateway gateway) {

    static final String LOG = "data/log/karaf.log";

    /** @return the lines of the status, in the order an operator checks them */
    List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        boolean storeAnswers = store != null && answers(store);
        fields.add(new Field("Store", store == null
                ? "not started: " + LOG + " says why (a refused setting, a port in use, a database that does not answer)"
                : store.mode().name().toLowerCase(Locale.ROOT) + (storeAnswers ? ", answers" : ", DOES NOT ANSWER")));
        if (devices == null || owners == null || listings == null || rentals == null) {
            fields.add(new Field("Registry", "not running (it starts with the store; " + LOG + ")"));
        } else if (!storeAnswers) {
            fields.add(new Field("Registry", "running; its data cannot be read while the store does not answer"));
        } else {
            fields.add(new Field("Devices", read(this::deviceCounts)));
            fields.add(new Field("Owners", read(() -> String.valueOf(owners.count()))));
            fields.add(new Field("Rentals", read(this::rentalCounts)));
        }
        fields.add(new Field("SSH gateway", gateway == null
                ? "not running (feature:install p2pvps-ssh-gateway; " + LOG + " if it is installed)"
                : read(() -> "port " + gateway.port() + ", " + tunnelsUp(gateway.tunnels().size()) + ", host key "
                        + gateway.hostKeyFingerprint())));
        return fields;
    }

    /** A store stopped while the command ran (its client closed) does not answer either. */
    private static boolean answers(MongoStore store) {
        try {
            return store.reachable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String tunnelsUp(int count) {
        return count + (count == 1 ? " tunnel up" : " tunnels up");
    }

    private String deviceCounts() {
        List<Device> all = Paging.all(devices::list);
        long registered = all.stream().filter(device -> device.registeredAt() != null).count();
        Set<String> online = OnlineDevices.ids(listings);
        return all.size() + " (" + registered + " registered, " + online.size() + " online)";
    }

    private String rentalCounts() {
        Map<RentalState, Long> byState = Paging.all(rentals::list).stream()
                .collect(Collectors.groupingBy(Rental::state, Collectors.counting()));
        return byState.getOrDefault(RentalState.ACTIVE, 0L) + " active, "
                + byState.getOrDefault(RentalState.PENDING_PAYMENT, 0L) + " waiting for payment, "
                + byState.values().stream().mapToLong(Long::longValue).sum() + " in all";
    }

    /**
     * A part that fails while it is read (the store stopped answering, the gateway restarting) is one line of the
     * status, not its end.
     */
    private static String read(Supplier<String> value) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            return "could not be read: " + firstSentence(e);
        }
    }

    /** The driver's timeout message runs on with a dump of its cluster view: a table cell takes its first sentence. */
    private static String firstSentence(RuntimeException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int end = message.indexOf(". ");
        return (end < 0 ? message : message.substring(0, end)).lines().findFirst().orElse(message);
    }
}

package org.p2pvps.shell.internal;

import java.util.List;

import org.apache.karaf.shell.support.table.ShellTable;
import org.p2pvps.rental.Rental;

/** The table of p2pvps:rental-list: one row per rental; and how a rental's period and price read. */
final class RentalTable {

    private RentalTable() {
    }

    static ShellTable of(List<Rental> rentals) {
        ShellTable table = new ShellTable().emptyTableText("No rentals");
        List.of("ID", "Device", "State", "Period", "Price", "Provider", "Created", "Expires", "Device ready")
                .forEach(table::column);
        for (Rental rental : rentals) {
            table.addRow().addContent(
                    rental.id(),
                    Formats.text(rental.deviceId()),
                    Formats.text(rental.state()),
                    periods(rental, rental.count()),
                    price(rental),
                    Formats.text(rental.paymentProvider()),
                    Formats.time(rental.createdAt()),
                    Formats.time(rental.expiresAt()),
                    Formats.yesNo(rental.deviceReady()));
        }
        return table;
    }

    /** @return e.g. "DAY x 3": that many of the rental's period, or "-" for none */
    static String periods(Rental rental, int count) {
        return count <= 0 ? Formats.ABSENT : Formats.text(rental.period()) + " x " + count;
    }

    /** @return e.g. "9000 USD" (minor units), "self" for a self-rent, which costs nothing, or "-" */
    static String price(Rental rental) {
        if (rental.selfRent()) {
            return "self";
        }
        return rental.price() == null ? Formats.ABSENT
                : rental.price().amount() + " " + Formats.text(rental.price().currency());
    }
}

package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.p2pvps.rental.Rental;

class RentalDetailsTest {

    @Test
    void activeRentalShowsEveryField() {
        List<Field> fields = RentalDetails.of(TestData.active("r1", "d1", 2));

        // one line per component of the record, so a field the record gains is noticed here
        assertThat(fields).hasSize(Rental.class.getRecordComponents().length - 1); // the price shows in one line
        assertThat(byLabel(fields)).containsEntry("ID", "r1")
                .containsEntry("Device", "d1")
                .containsEntry("Owner ID", "o1")
                .containsEntry("State", "ACTIVE")
                .containsEntry("Period", "DAY x 3")
                .containsEntry("Price", "9000 USD (minor units)")
                .containsEntry("Self-rent", "no")
                .containsEntry("Contact", "renter@example.org")
                .containsEntry("Provider", "manual")
                .containsEntry("Reference", "bank-42")
                .containsEntry("Login", "renter1")
                .containsEntry("Device ready", "yes")
                .containsEntry("Created", "2024-03-06T11:50:00Z")
                .containsEntry("Pay by", "-")
                .containsEntry("Activated", "2024-03-06T11:55:00Z")
                .containsEntry("Expires", "2024-03-09T11:55:00Z")
                .containsEntry("Pending renewal", "DAY x 2");
    }

    @Test
    void pendingRentalShowsDashesForWhatItHasNotYet() {
        Map<String, String> fields = byLabel(RentalDetails.of(TestData.pending("r1", "d1")));

        assertThat(fields).containsEntry("State", "PENDING_PAYMENT")
                .containsEntry("Pay by", "2024-03-06T12:20:00Z")
                .containsEntry("Device ready", "no");
        List.of("Reference", "Login", "Activated", "Expires", "Pending renewal")
                .forEach(label -> assertThat(fields).containsEntry(label, "-"));
    }

    @Test
    void selfRentIsFree() {
        Map<String, String> fields = byLabel(RentalDetails.of(TestData.selfRent("r1", "d1")));

        assertThat(fields).containsEntry("Price", "self")
                .containsEntry("Self-rent", "yes")
                .containsEntry("Provider", "self")
                .containsEntry("Contact", "-");
    }

    private static Map<String, String> byLabel(List<Field> fields) {
        return fields.stream().collect(Collectors.toMap(Field::label, Field::value));
    }
}

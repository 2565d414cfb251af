package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RentalTableTest {

    @Test
    void showsOneRowPerRentalWithPeriodPriceAndIsoTimes() {
        String out = TestData.printed(RentalTable.of(List.of(TestData.active("r1", "d1", 0),
                TestData.pending("r2", "d2"), TestData.selfRent("r3", "d1"))));

        assertThat(out.lines().toList()).hasSize(5); // header, rule, three rows
        assertThat(out).contains("ID", "Device", "State", "Period", "Price", "Provider", "Created", "Expires",
                "Device ready");
        assertThat(row(out, "r1")).contains("d1", "ACTIVE", "DAY x 3", "9000 USD", "manual", "2024-03-06T11:50:00Z",
                "2024-03-09T11:55:00Z", "yes");
        assertThat(row(out, "r2")).contains("d2", "PENDING_PAYMENT", "DAY x 3", "9000 USD", "manual")
                .containsPattern(" - +. no$");
        assertThat(row(out, "r3")).contains("HOUR x 2", " self ", "2024-03-06T13:50:00Z").doesNotContain("USD");
    }

    @Test
    void saysSoWhenThereAreNoRentals() {
        assertThat(TestData.printed(RentalTable.of(List.of()))).contains("No rentals");
    }

    @Test
    void periodsAndPrice() {
        assertThat(RentalTable.periods(TestData.pending("r1", "d1"), 3)).isEqualTo("DAY x 3");
        assertThat(RentalTable.periods(TestData.pending("r1", "d1"), 0)).isEqualTo("-");
        assertThat(RentalTable.price(TestData.expired("r1", "d1"))).isEqualTo("50000 EUR");
        assertThat(RentalTable.price(TestData.selfRent("r1", "d1"))).isEqualTo("self");
    }

    private static String row(String out, String id) {
        return out.lines().filter(line -> line.startsWith(id)).findFirst().orElseThrow().strip();
    }
}

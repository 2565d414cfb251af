package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.p2pvps.rental.Rental;
import org.p2pvps.rental.RentalState;

/** The rental commands wired to an in-memory rental service, the way Karaf injects it. */
class RentalCommandsTest {

    private final InMemoryServices.Rentals rentalService = new InMemoryServices.Rentals(List.of(
            TestData.pending("r4", "d2"), TestData.active("r3", "d1", 2), TestData.selfRent("r2", "d2"),
            TestData.expired("r1", "d1")), TestData.NOW);

    @RegisterExtension
    final Console console = new Console();

    @Test
    void rentalListShowsAllNewestFirst() throws Exception {
        Console.run(rentalList(null, null));

        assertThat(console.out().lines().map(String::strip).filter(line -> line.startsWith("r")))
                .extracting(line -> line.substring(0, 2)).containsExactly("r4", "r3", "r2", "r1");
        assertThat(console.out()).containsPattern("r2 +. d2 +. ACTIVE +. HOUR x 2 +. self +. self ");
        assertThat(console.err()).isEmpty();
    }

    @Test
    void rentalListFiltersByStateIgnoringCaseAndByDevice() throws Exception {
        Console.run(rentalList("active", "d2"));

        assertThat(console.out()).contains("r2").doesNotContain("r1", "r3", "r4");
    }

    @Test
    void rentalListNamesAnUnknownState() throws Exception {
        console.assertRefused(rentalList("PAID", null),
                "No rental state PAID; the states are [PENDING_PAYMENT, ACTIVE, EXPIRED, ENDED, CANCELLED]");
    }

    @Test
    void rentalListSaysSoWhenNothingMatches() throws Exception {
        Console.run(rentalList("CANCELLED", null));

        assertThat(console.out()).contains("No rentals");
    }

    @Test
    void rentalShowPrintsEveryField() throws Exception {
        Console.run(wired(new RentalShowCommand(), "r3"));

        assertThat(console.out()).containsPattern("Device +. d1")
                .containsPattern("Price +. 9000 USD \\(minor units\\)")
                .containsPattern("Reference +. bank-42")
                .containsPattern("Expires +. 2024-03-09T11:55:00Z")
                .containsPattern("Pending renewal +. DAY x 2");
    }

    @Test
    void rentalConfirmActivatesAPendingRentalAsAManualPayment() throws Exception {
        Console.run(rentalConfirm("r4", " wire 7 "));

        // three days from NOW, to the second
        assertThat(console.out()).isEqualTo("Rental r4 is ACTIVE until 2024-03-09T12:00:00Z");
        Rental paid = rentalService.find("r4").orElseThrow();
        assertThat(paid.paymentProvider()).isEqualTo("manual");
        assertThat(paid.paymentReference()).isEqualTo("wire 7");
        assertThat(console.err()).isEmpty();
    }

    @Test
    void rentalConfirmWithoutReferencePassesNone() throws Exception {
        Console.run(rentalConfirm("r4", null));

        assertThat(rentalService.find("r4").orElseThrow().paymentReference()).isNull();
    }

    @Test
    void rentalConfirmSaysWhenItRenewed() throws Exception {
        Console.run(rentalConfirm("r3", null));

        // two more days after the three it had
        assertThat(console.out()).isEqualTo("Rental r3 is renewed until 2024-03-11T11:55:00Z");
    }

    @Test
    void rentalConfirmSaysWhenNothingWaitsForPayment() throws Exception {
        console.assertRefused(rentalConfirm("r2", null), "Rental r2 cannot be confirmed: rental r2 is ACTIVE with nothing waiting for payment");
        assertThat(rentalService.find("r2")).contains(TestData.selfRent("r2", "d2"));
    }

    @Test
    void rentalEndEndsAnActiveRentalForTheOperatorsReason() throws Exception {
        Console.run(rentalEnd("r3", "device reported broken"));

        assertThat(console.out()).isEqualTo("Rental r3 is ENDED");
        assertThat(rentalService.endReasons).containsEntry("r3", "device reported broken");
        assertThat(rentalService.find("r3").orElseThrow().state()).isEqualTo(RentalState.ENDED);
    }

    @Test
    void rentalEndCancelsAPendingRentalWithTheDefaultReason() throws Exception {
        // as Karaf leaves the field when --reason is not given
        Console.run(wired(new RentalEndCommand(), "r4"));

        assertThat(console.out()).isEqualTo("Rental r4 is CANCELLED");
        assertThat(rentalService.endReasons).containsEntry("r4", "ended by the operator");
    }

    @Test
    void rentalEndTakesABlankReasonForNone() throws Exception {
        Console.run(rentalEnd("r4", "  "));

        assertThat(rentalService.endReasons).containsEntry("r4", "ended by the operator");
    }

    @Test
    void rentalEndSaysWhenTheRentalIsAlreadyOver() throws Exception {
        console.assertRefused(rentalEnd("r1", null), "Rental r1 cannot be ended: rental r1 is already EXPIRED");
        assertThat(rentalService.endReasons).isEmpty();
    }

    @Test
    void everyCommandOnOneRentalNamesAnUnknownRental() throws Exception {
        for (RentalCommand command : List.of(new RentalShowCommand(), rentalConfirm("nope", "wire 7"),
                rentalEnd("nope", "broken"))) {
            console.assertRefused(wired(command, "nope"), "No rental with id nope");
        }

        assertThat(rentalService.endReasons).isEmpty();
    }

    @Test
    void completersOfferRentalIdsNewestFirstAndEveryState() {
        RentalIdCompleter ids = new RentalIdCompleter();
        ids.rentals = rentalService;

        assertThat(ids.values()).containsExactly("r4", "r3", "r2", "r1");
        assertThat(new RentalStateCompleter().values()).containsExactly("PENDING_PAYMENT", "ACTIVE", "EXPIRED",
                "ENDED", "CANCELLED");
    }

    private RentalListCommand rentalList(String state, String device) {
        RentalListCommand command = new RentalListCommand();
        command.rentals = rentalService;
        command.state = state;
        command.device = device;
        return command;
    }

    private RentalConfirmCommand rentalConfirm(String id, String reference) {
        RentalConfirmCommand command = wired(new RentalConfirmCommand(), id);
        command.reference = reference;
        return command;
    }

    private RentalEndCommand rentalEnd(String id, String reason) {
        RentalEndCommand command = wired(new RentalEndCommand(), id);
        command.reason = reason;
        return command;
    }

    /** @return the command for that rental id, with the service Karaf would inject */
    private <C extends RentalCommand> C wired(C command, String id) {
        command.rentals = rentalService;
        command.id = id;
        return command;
    }
}

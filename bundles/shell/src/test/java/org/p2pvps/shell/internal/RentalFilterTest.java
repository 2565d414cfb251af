package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.p2pvps.rental.Rental;
import org.p2pvps.rental.RentalState;

class RentalFilterTest {

    private final Rental pendingOnD1 = TestData.pending("r1", "d1");
    private final Rental activeOnD2 = TestData.active("r2", "d2", 0);
    private final Rental expiredOnD1 = TestData.expired("r3", "d1");
    private final List<Rental> all = List.of(pendingOnD1, activeOnD2, expiredOnD1);

    @Test
    void noFilterKeepsAllInOrder() {
        assertThat(new RentalFilter(null, null).apply(all)).containsExactlyElementsOf(all);
    }

    @Test
    void oneState() {
        assertThat(new RentalFilter(RentalState.ACTIVE, null).apply(all)).containsExactly(activeOnD2);
    }

    @Test
    void oneDevice() {
        assertThat(new RentalFilter(null, "d1").apply(all)).containsExactly(pendingOnD1, expiredOnD1);
    }

    @Test
    void filtersCombine() {
        assertThat(new RentalFilter(RentalState.EXPIRED, "d2").apply(all)).isEmpty();
    }

    @Test
    void statesParseIgnoringCaseWithDashesForUnderscores() {
        assertThat(RentalFilter.state("active")).contains(RentalState.ACTIVE);
        assertThat(RentalFilter.state(" Pending-Payment ")).contains(RentalState.PENDING_PAYMENT);
        assertThat(RentalFilter.state("PENDING_PAYMENT")).contains(RentalState.PENDING_PAYMENT);
        assertThat(RentalFilter.state("paid")).isEmpty();
        assertThat(RentalFilter.STATES).containsExactly("PENDING_PAYMENT", "ACTIVE", "EXPIRED", "ENDED", "CANCELLED");
    }
}

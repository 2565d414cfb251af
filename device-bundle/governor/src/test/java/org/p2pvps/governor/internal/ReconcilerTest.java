package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.p2pvps.governor.container.ContainerStatus;
import org.p2pvps.governor.container.ContainerStatus.State;
import org.p2pvps.governor.internal.Reconciler.Action;
import org.p2pvps.governor.internal.Reconciler.Decision;

class ReconcilerTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final DesiredState AVAILABLE = DesiredState.available(30, NOW, null);

    private static DesiredState rented(String rentalId, Instant expiresAt) {
        return new DesiredState(DesiredState.Kind.RENTED, 30, NOW, rentalId, "renter", "$6$salt$hash",
                List.of("ssh-ed25519 AAAA renter"), expiresAt, null);
    }

    private static ContainerStatus status(State state, String rentalId) {
        return new ContainerStatus(state, rentalId, null);
    }

    @Test
    void nothingBeforeTheFirstAnswer() {
        assertThat(Reconciler.decide(null, status(State.RUNNING, "r1"), false, NOW).action()).isEqualTo(Action.NOTHING);
    }

    @Test
    void availableKeepsNoRenterEnvironment() {
        assertThat(Reconciler.decide(AVAILABLE, ContainerStatus.none(), false, NOW).action()).isEqualTo(Action.NOTHING);
        for (State s : new State[] {State.RUNNING, State.STARTING, State.FAILED}) {
            assertThat(Reconciler.decide(AVAILABLE, status(s, "r1"), false, NOW).action()).as(s.name()).isEqualTo(Action.RESET);
        }
    }

    @Test
    void aNewRentalResetsThenStartsWithItsCredentials() {
        DesiredState r2 = rented("r2", NOW.plusSeconds(3600));
        for (ContainerStatus actual : List.of(ContainerStatus.none(), status(State.RUNNING, "r1"),
                status(State.STARTING, "r1"), status(State.RUNNING, null))) {
            Decision d = Reconciler.decide(r2, actual, false, NOW);
            assertThat(d.action()).as(actual.toString()).isEqualTo(Action.RESET_AND_START);
            assertThat(d.environment().rentalId()).isEqualTo("r2");
            assertThat(d.environment().login()).isEqualTo("renter");
            assertThat(d.environment().passwordHash()).isEqualTo("$6$salt$hash");
            assertThat(d.environment().authorizedKeys()).containsExactly("ssh-ed25519 AAAA renter");
        }
    }

    @Test
    void theAppliedRentalIsLeftAlone() {
        DesiredState r1 = rented("r1", NOW.plusSeconds(3600));
        assertThat(Reconciler.decide(r1, status(State.RUNNING, "r1"), false, NOW).action()).isEqualTo(Action.NOTHING);
        assertThat(Reconciler.decide(r1, status(State.STARTING, "r1"), false, NOW).action()).isEqualTo(Action.NOTHING);
    }

    @Test
    void aFailedEnvironmentIsResetAndStartedAgainOnlyWhenItStaysFailed() {
        DesiredState r1 = rented("r1", NOW.plusSeconds(3600));
        for (ContainerStatus failed : List.of(status(State.FAILED, "r1"), status(State.FAILED, null))) {
            assertThat(Reconciler.decide(r1, failed, false, NOW).action()).as("first seen: " + failed)
                    .isEqualTo(Action.NOTHING);
            assertThat(Reconciler.decide(r1, failed, true, NOW).action()).as("seen again: " + failed)
                    .isEqualTo(Action.RESET_AND_START);
        }
    }

    @Test
    void anotherRentalsFailedEnvironmentHoldsNothingOfThisRenterAndIsReplacedAtOnce() {
        Decision d = Reconciler.decide(rented("r2", NOW.plusSeconds(3600)), status(State.FAILED, "r1"), false, NOW);
        assertThat(d.action()).isEqualTo(Action.RESET_AND_START);
        assertThat(d.environment().rentalId()).isEqualTo("r2");
    }

    @Test
    void anExpiredRentalIsRemovedEvenWhenTheServerCannotSayItYet() {
        DesiredState r1 = rented("r1", NOW);
        assertThat(Reconciler.decide(r1, status(State.RUNNING, "r1"), false, NOW).action()).isEqualTo(Action.RESET);
        assertThat(Reconciler.decide(r1, ContainerStatus.none(), false, NOW.plusSeconds(1)).action()).isEqualTo(Action.NOTHING);
        assertThat(Reconciler.decide(rented("r1", null), status(State.RUNNING, "r1"), false, NOW).action())
                .as("no expiry known").isEqualTo(Action.NOTHING);
    }

    @Test
    void onlyARunningEnvironmentIsReportedAsApplied() {
        assertThat(Reconciler.appliedRentalId(status(State.RUNNING, "r1"))).isEqualTo("r1");
        assertThat(Reconciler.appliedRentalId(status(State.STARTING, "r1"))).isNull();
        assertThat(Reconciler.appliedRentalId(status(State.FAILED, "r1"))).isNull();
        assertThat(Reconciler.appliedRentalId(ContainerStatus.none())).isNull();
    }
}

package org.p2pvps.rental;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RentalStateTest {

    private static final Map<RentalState, Set<RentalState>> LEGAL = Map.of(
            RentalState.PENDING_PAYMENT, EnumSet.of(RentalState.ACTIVE, RentalState.CANCELLED),
            RentalState.ACTIVE, EnumSet.of(RentalState.EXPIRED, RentalState.ENDED),
            RentalState.EXPIRED, EnumSet.noneOf(RentalState.class),
            RentalState.ENDED, EnumSet.noneOf(RentalState.class),
            RentalState.CANCELLED, EnumSet.noneOf(RentalState.class));

    @Test
    void everyTransitionOutsideTheLifeCycleIsRefused() {
        for (RentalState from : RentalState.values()) {
            for (RentalState to : RentalState.values()) {
                assertThat(from.canBecome(to)).as("%s -> %s", from, to).isEqualTo(LEGAL.get(from).contains(to));
            }
        }
    }

    @Test
    void onlyPendingAndActiveRentalsHoldTheirDevice() {
        assertThat(EnumSet.allOf(RentalState.class).stream().filter(RentalState::holdsDevice))
                .containsExactlyInAnyOrder(RentalState.PENDING_PAYMENT, RentalState.ACTIVE);
    }
}

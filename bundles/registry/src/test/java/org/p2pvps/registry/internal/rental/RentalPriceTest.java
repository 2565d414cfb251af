package org.p2pvps.registry.internal.rental;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.p2pvps.device.Device;
import org.p2pvps.device.Period;
import org.p2pvps.registry.internal.ApiException;
import org.p2pvps.rental.Money;

class RentalPriceTest {

    private static final Device DEVICE = new Device("d1", "o1", "pi", "", "EUR",
            Map.of(Period.HOUR, 25L, Period.DAY, 400L, Period.WEEK, 2500L, Period.MONTH, 9000L),
            null, null, null, null, null, Instant.EPOCH, null, null, false);

    @ParameterizedTest
    @CsvSource({"HOUR,1,25", "HOUR,7,175", "DAY,1,400", "DAY,3,1200", "WEEK,2,5000", "MONTH,1,9000", "MONTH,12,108000"})
    void pricePerPeriodTimesCount(Period period, int count, long expected) {
        assertThat(RentalPrice.of(DEVICE, period, count)).isEqualTo(new Money(expected, "EUR"));
    }

    @Test
    void aPeriodTheOwnerDoesNotOfferIsAConflict() {
        Device hourly = new Device("d2", "o1", "pi", "", "EUR", Map.of(Period.HOUR, 25L),
                null, null, null, null, null, Instant.EPOCH, null, null, false);
        assertThatThrownBy(() -> RentalPrice.of(hourly, Period.DAY, 1))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("not offered by the DAY");
    }

    @Test
    void anOverflowingPriceIsRefusedNotWrapped() {
        Device dear = new Device("d3", "o1", "pi", "", "EUR", Map.of(Period.HOUR, Long.MAX_VALUE / 2),
                null, null, null, null, null, Instant.EPOCH, null, null, false);
        assertThatThrownBy(() -> RentalPrice.of(dear, Period.HOUR, 3))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}

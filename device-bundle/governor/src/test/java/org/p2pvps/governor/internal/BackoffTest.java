package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCapWithTheLowestJitter() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.0);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            delays.add(backoff.nextDelay().toMillis());
        }
        assertThat(delays).containsExactly(50L, 100L, 200L, 400L, 500L, 500L, 500L);
    }

    @Test
    void highestJitterReachesTheFullStepAndNeverMore() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.999999);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            delays.add(backoff.nextDelay().toMillis());
        }
        assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
    }

    @Test
    void delaysStayWithinHalfStepAndStepForAnyRandomness() {
        Random random = new Random(42);
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), random::nextDouble);
        long step = 1000;
        for (int i = 0; i < 200; i++) {
            long d = backoff.nextDelay().toMillis();
            assertThat(d).isBetween(step / 2, step);
            step = Math.min(step * 2, 60_000);
        }
    }

    @Test
    void resetStartsOverAndSurvivesManyFailuresWithoutOverflow() {
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofDays(1), () -> 0.0);
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.nextDelay()).isPositive().isLessThanOrEqualTo(Duration.ofDays(1));
        }
        backoff.reset();
        assertThat(backoff.failures()).isZero();
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.p2pvps.governor.container.ContainerStatus;

class FailureWatchTest {

    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final ContainerStatus FAILED = new ContainerStatus(ContainerStatus.State.FAILED, null,
            "Docker does not answer");
    private static final ContainerStatus RUNNING = new ContainerStatus(ContainerStatus.State.RUNNING, "r1", "up");

    private final FailureWatch watch = new FailureWatch();

    @Test
    void aFailureLastsOnlyOnceReportedForAWholeInterval() {
        assertThat(watch.lasted(FAILED, T0, INTERVAL)).isFalse();
        assertThat(watch.lasted(FAILED, T0.plusMillis(5), INTERVAL)).as("back-to-back check").isFalse();
        assertThat(watch.lasted(FAILED, T0.plus(INTERVAL).minusMillis(1), INTERVAL)).isFalse();
        assertThat(watch.lasted(FAILED, T0.plus(INTERVAL), INTERVAL)).isTrue();
    }

    @Test
    void anyOtherStateStartsTheCountAgain() {
        watch.lasted(FAILED, T0, INTERVAL);
        watch.lasted(RUNNING, T0.plusSeconds(10), INTERVAL);
        assertThat(watch.lasted(FAILED, T0.plus(INTERVAL), INTERVAL)).isFalse();
        assertThat(watch.lasted(FAILED, T0.plus(INTERVAL.multipliedBy(2)), INTERVAL)).isTrue();
    }

    @Test
    void noDriverIsNoFailureOfTheEnvironment() {
        // start-up: no driver yet, then the driver's first answer is a FAILED (Docker slow to start)
        assertThat(watch.lasted(null, T0, INTERVAL)).isFalse();
        assertThat(watch.lasted(null, T0.plus(INTERVAL), INTERVAL)).isFalse();
        assertThat(watch.lasted(FAILED, T0.plus(INTERVAL.multipliedBy(2)), INTERVAL)).as("first report by the driver")
                .isFalse();
        // a driver that goes away in the middle of a failure starts the count again
        assertThat(watch.lasted(null, T0.plus(INTERVAL.multipliedBy(3)), INTERVAL)).isFalse();
        assertThat(watch.lasted(FAILED, T0.plus(INTERVAL.multipliedBy(4)), INTERVAL)).isFalse();
    }
}

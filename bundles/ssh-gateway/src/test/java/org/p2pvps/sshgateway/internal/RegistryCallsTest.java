package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Bounded waits for the registry: a call not answered in time marks it away until a probe is answered. */
class RegistryCallsTest {

    private final AtomicBoolean probeAnswers = new AtomicBoolean(false);
    private final AtomicInteger probes = new AtomicInteger();

    private Object probe() {
        probes.incrementAndGet();
        if (!probeAnswers.get()) {
            throw new IllegalStateException("Timed out while waiting for a server");
        }
        return "answered";
    }

    @Test
    void anAnswerIsPassedOn() {
        try (RegistryCalls calls = new RegistryCalls(Duration.ofSeconds(5), Duration.ofMillis(50), this::probe)) {
            assertThat(calls.ask(() -> "device")).isEqualTo("device");
            assertThat(calls.away()).isFalse();
        }
    }

    /** One odd record must not lock every device out. */
    @Test
    void aFailingCallFailsOnlyItself() {
        try (RegistryCalls calls = new RegistryCalls(Duration.ofSeconds(5), Duration.ofMillis(50), this::probe)) {
            assertThatThrownBy(() -> calls.ask(() -> {
                throw new IllegalArgumentException("no enum constant RentalState.PAID");
            })).isInstanceOf(IllegalArgumentException.class);

            assertThat(calls.away()).isFalse();
            assertThat(calls.ask(() -> "next")).isEqualTo("next");
        }
    }

    @Test
    void aCallNotAnsweredInTimeMarksTheRegistryAwayUntilAProbeIsAnswered() throws Exception {
        CountDownLatch database = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        try (RegistryCalls calls = new RegistryCalls(Duration.ofSeconds(1), Duration.ofMillis(50), this::probe)) {
            assertThatThrownBy(() -> calls.ask(() -> {
                database.await();
                return "late";
            })).isInstanceOf(RegistryCalls.RegistryAway.class);
            assertThat(calls.away()).isTrue();

            assertThatThrownBy(() -> calls.ask(asked::incrementAndGet)).isInstanceOf(RegistryCalls.RegistryAway.class);
            assertThat(asked).as("refused without asking").hasValue(0);
            await().until(() -> probes.get() >= 2); // probes that fail keep it away
            assertThat(calls.away()).isTrue();

            probeAnswers.set(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> !calls.away());
            assertThat(calls.ask(asked::incrementAndGet)).isEqualTo(1);
        } finally {
            database.countDown();
        }
    }
}

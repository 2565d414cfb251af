package org.p2pvps.governor.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Retry delays that double after each failure up to a cap, each drawn from the upper half of its
 * step ("equal jitter"), so a server restart is not met by all its devices at the same instant and a
 * delay is never zero. Not thread-safe: one per retrying loop.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private int failures;

    /** @param random uniform in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble} */
    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, not " + initial + " / " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** Records a failure and returns how long to wait before the next attempt. */
    Duration nextDelay() {
        long step = initialMillis;
        for (int i = 0; i < failures && step < maxMillis; i++) {
            step *= 2;
        }
        step = Math.min(step, maxMillis);
        failures = Math.min(failures + 1, 62);
        long half = step / 2;
        return Duration.ofMillis(step - half + (long) (random.getAsDouble() * (half + 1)));
    }

    /** Records a success: the next failure starts again at the initial delay. */
    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}

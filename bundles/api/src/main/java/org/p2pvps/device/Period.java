package org.p2pvps.device;

import java.time.Duration;

/** A rental period that an owner can put a price on. */
public enum Period {
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1)),
    WEEK(Duration.ofDays(7)),
    /** A month is billed as 30 days, so that every month costs the same. */
    MONTH(Duration.ofDays(30));

    private final Duration length;

    Period(Duration length) {
        this.length = length;
    }

    /** @return how long one unit of this period lasts */
    public Duration length() {
        return length;
    }
}

package org.p2pvps.shell.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How values look in the shell: one convention for every command, so columns read the same everywhere. */
final class Formats {

    /** Shown where a value is absent, so that an empty cell never looks like a formatting slip. */
    static final String ABSENT = "-";

    private Formats() {
    }

    /** @return the time as ISO-8601 in UTC to the second, e.g. {@code 2024-03-05T10:15:30Z}, or "-" */
    static String time(Instant instant) {
        return instant == null ? ABSENT : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** @return the value as text, or "-" when it is absent or blank */
    static String text(Object value) {
        if (value == null) {
            return ABSENT;
        }
        String text = value.toString();
        return text.isBlank() ? ABSENT : text;
    }

    static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}

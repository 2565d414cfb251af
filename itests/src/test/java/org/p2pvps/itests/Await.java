package org.p2pvps.itests;

import java.util.function.Supplier;

/** Polls a condition on the server under test until it holds; HTTP offers no event to wait for. */
final class Await {

    private static final long TIMEOUT_NANOS = 60_000_000_000L;
    private static final long POLL_MILLIS = 200;

    private Await() {
    }

    /** @return the first value that satisfies {@code done} */
    static <T> T until(String what, Supplier<T> probe, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
            }
            Thread.sleep(POLL_MILLIS);
            last = probe.get();
        }
        return last;
    }
}

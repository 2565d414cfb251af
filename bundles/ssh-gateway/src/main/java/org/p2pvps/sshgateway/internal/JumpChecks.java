package org.p2pvps.sshgateway.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where jumps are checked, off the event loops ({@link JumpChannel}): a few at a time per rental, so that one renter
 * cannot fill the queue every renter's jumps wait in.
 */
final class JumpChecks {

    /** Checks of one rental under way or waiting for a thread; OpenSSH's {@code ssh -J} asks one per connection. */
    static final int PER_RENTAL = 4;

    private final Executor threads;
    private final Map<String, Integer> underWay = new ConcurrentHashMap<>();

    JumpChecks(Executor threads) {
        this.threads = threads;
    }

    /**
     * @throws RejectedExecutionException when the rental has {@link #PER_RENTAL} checks under way, or the threads'
     *                                    queue is full; its message says which, for the log
     */
    void execute(String rentalId, Runnable check) {
        int[] before = new int[1];
        underWay.compute(rentalId, (id, count) -> {
            before[0] = count == null ? 0 : count;
            return before[0] < PER_RENTAL ? before[0] + 1 : before[0];
        });
        if (before[0] >= PER_RENTAL) {
            throw new RejectedExecutionException(PER_RENTAL + " jumps of this rental are being checked already");
        }
        try {
            threads.execute(() -> {
                try {
                    check.run();
                } finally {
                    done(rentalId);
                }
            });
        } catch (RejectedExecutionException e) {
            done(rentalId);
            throw new RejectedExecutionException("the gateway is busy checking other jumps", e);
        } catch (RuntimeException | Error e) { // no thread for it (out of memory): the rental keeps its places
            done(rentalId);
            throw e;
        }
    }

    private void done(String rentalId) {
        underWay.computeIfPresent(rentalId, (id, count) -> count > 1 ? count - 1 : null);
    }
}

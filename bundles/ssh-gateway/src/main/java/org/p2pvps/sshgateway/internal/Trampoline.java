package org.p2pvps.sshgateway.internal;

import java.util.ArrayDeque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task on the calling thread at once, unless that thread is already running one: then the task is queued
 * and runs when the running one returns, on the same thread. So completions that start further I/O, which
 * completes at once and starts more, run one after another instead of one inside another on the stack. Shared by
 * all event loops of a gateway, since one thread may run completions of several.
 */
final class Trampoline {

    private static final Logger LOG = LoggerFactory.getLogger(Trampoline.class);

    private final ThreadLocal<ArrayDeque<Runnable>> queuedOnThisThread = new ThreadLocal<>();

    void run(Runnable task) {
        ArrayDeque<Runnable> queued = queuedOnThisThread.get();
        if (queued != null) {
            queued.add(task);
            return;
        }
        queued = new ArrayDeque<>();
        queuedOnThisThread.set(queued);
        try {
            for (Runnable next = task; next != null; next = queued.poll()) {
                runAlone(next);
            }
        } finally {
            queuedOnThisThread.remove();
        }
    }

    /** A failing completion ends only itself: the ones queued behind it still run. */
    private static void runAlone(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("An SSH gateway I/O completion failed", e);
        }
    }
}

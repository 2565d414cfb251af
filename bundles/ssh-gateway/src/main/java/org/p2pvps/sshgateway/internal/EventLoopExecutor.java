package org.p2pvps.sshgateway.internal;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What Apache SSHD's NIO2 services hand work to, on the gateway's event loops. A task {@linkplain #execute
 * executed} is a read that Apache SSHD resumes: it runs at once on the calling thread, where it only asks for the
 * next read; the JDK attempts it there if that thread is the connection's loop (up to its limit of nested
 * completions), and leaves it to the loop otherwise. Apache SSHD's stock pool ran each on a pool thread, a thread
 * hand-off per resumed read. A task {@linkplain #submit(Runnable) submitted} is one that someone waits for (Apache
 * SSHD's wait for an outgoing connection, which blocks): it runs on the blocking pool, never on an event loop.
 */
final class EventLoopExecutor extends AbstractExecutorService {

    private final ExecutorService blocking;

    EventLoopExecutor(ExecutorService blocking) {
        this.blocking = blocking;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public Future<?> submit(Runnable task) {
        return blocking.submit(task);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return blocking.submit(task, result);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return blocking.submit(task);
    }

    /** The blocking pool and the loops are stopped by {@link EventLoops}, which owns them. */
    @Override
    public void shutdown() {
        // nothing of its own to stop
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return blocking.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return blocking.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return blocking.awaitTermination(timeout, unit);
    }
}

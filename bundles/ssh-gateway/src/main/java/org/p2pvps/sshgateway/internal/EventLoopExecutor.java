package org.p2pvps.sshgateway.internal;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's executor: runs each task {@linkplain #execute executed} on the thread that hands it over. Given
 * to a channel group, whose one poller thread hands it every I/O completion that was not ready at once, that thread
 * serves its connections itself: it reads, decrypts, forwards, encrypts and writes without waking another thread
 * for each completion, the hand-off that cost Apache SSHD's stock thread pool ~15% of its CPU per byte
 * (bench/ssh-gateway/RESULTS.md). Tasks handed over while another runs on the same thread wait for it (see
 * {@link Trampoline}); a read that Apache SSHD resumes from a completion is such a task. A task
 * {@linkplain #submit(Runnable) submitted} is one that someone waits for (Apache SSHD's wait for an outgoing
 * connection, which blocks): it runs on the blocking pool, never on an event loop.
 */
final class EventLoopExecutor extends AbstractExecutorService {

    private final Trampoline trampoline;
    private final ExecutorService blocking;
    private volatile boolean shutdown;

    EventLoopExecutor(Trampoline trampoline, ExecutorService blocking) {
        this.trampoline = trampoline;
        this.blocking = blocking;
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("this SSH gateway event loop has stopped");
        }
        trampoline.run(task);
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

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    /** Nothing to wait for: tasks run on their callers' threads. */
    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }
}

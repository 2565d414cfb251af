package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopExecutorTest {

    private final ExecutorService blocking = Executors.newCachedThreadPool();
    private final EventLoopExecutor executor = new EventLoopExecutor(new Trampoline(), blocking);

    @AfterEach
    void stop() {
        blocking.shutdownNow();
    }

    @Test
    void aTaskRunsOnTheThreadThatHandsItOver() {
        List<Thread> ranOn = new ArrayList<>();
        executor.execute(() -> ranOn.add(Thread.currentThread()));
        assertThat(ranOn).containsExactly(Thread.currentThread());
    }

    @Test
    void aTaskHandedOverByARunningOneRunsWhenThatOneReturnsOnTheSameThread() {
        List<String> steps = new ArrayList<>();
        executor.execute(() -> {
            steps.add("outer starts");
            executor.execute(() -> {
                steps.add("inner 1");
                executor.execute(() -> steps.add("inner 1's own"));
            });
            executor.execute(() -> steps.add("inner 2"));
            steps.add("outer ends");
        });
        assertThat(steps).containsExactly("outer starts", "outer ends", "inner 1", "inner 2", "inner 1's own");
    }

    @Test
    void aFailingTaskDoesNotKeepTheOnesQueuedBehindItFromRunning() {
        List<String> ran = new ArrayList<>();
        executor.execute(() -> {
            executor.execute(() -> {
                throw new IllegalStateException("a completion that fails");
            });
            executor.execute(() -> ran.add("queued behind it"));
        });
        assertThat(ran).containsExactly("queued behind it");
        executor.execute(() -> ran.add("a later task"));
        assertThat(ran).containsExactly("queued behind it", "a later task");
    }

    @Test
    void aSubmittedTaskMayBlockWithoutHoldingUpTheThreadThatSubmitsIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Thread> waited = executor.submit(() -> {
            release.await();
            return Thread.currentThread();
        });
        assertThat(waited).isNotDone(); // submit returned while the task still waits
        release.countDown();
        assertThat(waited.get(10, TimeUnit.SECONDS)).isNotSameAs(Thread.currentThread());
    }

    @Test
    void nothingRunsOnceShutDown() {
        executor.shutdown();
        assertThat(executor.isShutdown()).isTrue();
        assertThatThrownBy(() -> executor.execute(() -> { }))
                .isInstanceOf(RejectedExecutionException.class);
    }
}

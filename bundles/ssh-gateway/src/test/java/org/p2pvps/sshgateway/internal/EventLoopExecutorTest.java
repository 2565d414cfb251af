package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopExecutorTest {

    private final ExecutorService blocking = Executors.newCachedThreadPool();
    private final EventLoopExecutor executor = new EventLoopExecutor(blocking);

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
}

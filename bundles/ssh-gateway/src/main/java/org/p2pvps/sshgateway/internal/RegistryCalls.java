package org.p2pvps.sshgateway.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's calls into the registry (device and renter look-ups at login and on each forwarding request), made
 * on threads of their own and waited for a bounded time. They used to run on the SSH threads that also move every
 * tunnel's bytes, and a registry whose database did not answer held such a thread for the driver's 10 s: a few
 * logins during a database outage stopped every tunnel. A call not answered in time marks the registry away: calls
 * are then refused at once ({@link RegistryAway}) until a probe in the background is answered. A call that fails
 * fails only itself.
 */
final class RegistryCalls implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryCalls.class);
    private static final int THREADS = 8;
    /** Calls waiting for a thread; each caller waits at most the answer wait anyway, beyond that it is refused. */
    private static final int QUEUE = 64;

    private final Duration answerWait;
    private final Duration probeEvery;
    private final Callable<?> probe;
    private final ThreadPoolExecutor calls;
    /** One probe at a time, on a thread of its own: calls stuck in the pool cannot keep the registry away. */
    private final ExecutorService probeCalls;
    private final ScheduledExecutorService probes;
    private final AtomicBoolean away = new AtomicBoolean();
    /** The probe running or last run; touched by the probes' scheduler thread only. */
    private Future<?> lastProbe;

    /**
     * @param answerWait how long an SSH thread waits for the registry's answer
     * @param probeEvery how long after a probe a registry found away is asked again
     * @param probe a cheap call whose answer says the registry works again
     */
    RegistryCalls(Duration answerWait, Duration probeEvery, Callable<?> probe) {
        this.answerWait = answerWait;
        this.probeEvery = probeEvery;
        this.probe = probe;
        calls = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE),
                daemons("p2pvps-ssh-gateway-registry-"));
        calls.allowCoreThreadTimeOut(true);
        probeCalls = Executors.newSingleThreadExecutor(daemons("p2pvps-ssh-gateway-registry-probe-"));
        probes = Executors.newSingleThreadScheduledExecutor(daemons("p2pvps-ssh-gateway-registry-probes-"));
    }

    /**
     * @return the registry's answer to {@code call}
     * @throws RegistryAway when the registry is away, or does not answer {@code call} in time
     * @throws RuntimeException the call's own failure, as the registry threw it
     */
    <T> T ask(Callable<T> call) {
        if (away()) {
            throw new RegistryAway();
        }
        Future<T> answer;
        try {
            answer = calls.submit(call);
        } catch (RejectedExecutionException e) {
            LOG.debug("{} registry calls are waiting already, or the gateway stops; refusing one more", QUEUE);
            throw new RegistryAway();
        }
        try {
            return answer.get(answerWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // not interrupted: the database driver would drop its connection; the call ends on its own, unwaited for
            answer.cancel(false);
            wentAway();
            throw new RegistryAway();
        } catch (InterruptedException e) { // the gateway stops
            Thread.currentThread().interrupt();
            throw new RegistryAway();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    boolean away() {
        return away.get();
    }

    @Override
    public void close() {
        probes.shutdownNow();
        // calls in flight end on their own: an interrupt would make the database driver drop its connections;
        // calls still queued have nobody waiting for them
        probeCalls.shutdown();
        calls.getQueue().clear();
        calls.shutdown();
    }

    private void wentAway() {
        if (!away.compareAndSet(false, true)) {
            return;
        }
        LOG.warn("The registry did not answer within {} ms: devices and renters are refused (tunnels up stay up) "
                + "until it answers again; asking about every {} s", answerWait.toMillis(), probeEvery.toSeconds());
        scheduleProbe();
    }

    private void scheduleProbe() {
        try {
            probes.schedule(this::probeOnce, probeEvery.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Gateway stopping: no more probes of the registry");
        }
    }

    /** Runs on the probes' scheduler thread only. */
    private void probeOnce() {
        try {
            if (lastProbe == null || lastProbe.isDone()) {
                lastProbe = probeCalls.submit(probe);
            }
            lastProbe.get(answerWait.toMillis(), TimeUnit.MILLISECONDS);
            if (calls.getActiveCount() < THREADS) { // else calls stuck on dead connections would mark it away again
                away.set(false);
                LOG.info("The registry answers again: devices and renters can log in");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the gateway stops
            return;
        } catch (Exception e) { // not answered (a probe still waiting is waited for next time, not doubled), or
            LOG.debug("Registry probe: {}", e.toString()); // failed: it stays away
        }
        scheduleProbe();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The registry is away or did not answer in time: the caller refuses what it was asked, and says why if it can. */
    static final class RegistryAway extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RegistryAway() {
            super(DeviceAuthenticator.REGISTRY_AWAY, null, false, false);
        }
    }
}

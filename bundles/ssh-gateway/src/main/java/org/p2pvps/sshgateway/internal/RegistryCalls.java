package org.p2pvps.sshgateway.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's calls into the registry (device and renter look-ups at login and on each forwarding request), made
 * on threads of their own and waited for a bounded time. They used to run on the SSH threads that also move every
 * tunnel's bytes, and a registry whose database did not answer held such a thread for the driver's 10 s: a few
 * logins during a database outage stopped every tunnel. A call that does not answer in time, or fails, marks the
 * registry away: calls are then refused at once ({@link RegistryAway}) until a probe in the background is answered.
 */
final class RegistryCalls implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryCalls.class);
    /** Calls waiting at once; more are refused, as during a flood of logins against a slow registry. */
    private static final int MAX_CALLS = 8;

    private final Duration answerWait;
    private final Duration probeEvery;
    private final Callable<?> probe;
    private final ThreadPoolExecutor calls;
    private final ScheduledExecutorService probes;
    private boolean away;

    /**
     * @param answerWait how long an SSH thread waits for the registry's answer
     * @param probeEvery how often a registry found away is asked again
     * @param probe a cheap call whose answer says the registry works again
     */
    RegistryCalls(Duration answerWait, Duration probeEvery, Callable<?> probe) {
        this.answerWait = answerWait;
        this.probeEvery = probeEvery;
        this.probe = probe;
        AtomicInteger count = new AtomicInteger();
        calls = new ThreadPoolExecutor(0, MAX_CALLS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "p2pvps-ssh-gateway-registry-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        probes = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "p2pvps-ssh-gateway-registry-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @return the registry's answer to {@code call}
     * @throws RegistryAway when the registry is away, or does not answer {@code call} in time, or fails it
     */
    <T> T ask(Callable<T> call) {
        if (away()) {
            throw new RegistryAway();
        }
        try {
            return answer(call);
        } catch (TimeoutException e) {
            wentAway("did not answer within " + answerWait.toMillis() + " ms");
        } catch (ExecutionException e) {
            wentAway(String.valueOf(e.getCause()));
        } catch (RejectedExecutionException e) {
            LOG.debug("{} registry calls are waiting already; refusing one more", MAX_CALLS);
        }
        throw new RegistryAway();
    }

    synchronized boolean away() {
        return away;
    }

    @Override
    public void close() {
        probes.shutdownNow();
        calls.shutdownNow();
    }

    private <T> T answer(Callable<T> call) throws TimeoutException, ExecutionException {
        Future<T> answer = calls.submit(call);
        try {
            return answer.get(answerWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (TimeoutException e) {
            // not interrupted: the database driver would drop its connection; the call ends on its own, unwaited for
            answer.cancel(false);
            throw e;
        }
    }

    private synchronized void wentAway(String why) {
        if (away) {
            return;
        }
        away = true;
        LOG.warn("The registry {}: devices and renters are refused (tunnels up stay up) until it answers again; "
                + "asking every {} s", why, probeEvery.toSeconds());
        long millis = probeEvery.toMillis();
        try {
            probes.schedule(this::probeOnce, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Gateway stopping: no probe of the registry"); // closed meanwhile
        }
    }

    private void probeOnce() {
        try {
            answer(probe);
            synchronized (this) {
                away = false;
            }
            LOG.info("The registry answers again: devices and renters can log in");
        } catch (TimeoutException | ExecutionException | RejectedExecutionException e) {
            probes.schedule(this::probeOnce, probeEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The registry is away or did not answer in time: the caller refuses what it was asked, and says why if it can. */
    static final class RegistryAway extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RegistryAway() {
            super(DeviceAuthenticator.REGISTRY_AWAY, null, false, false);
        }
    }
}

package org.p2pvps.governor.docker.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The machine's real Docker, made ready once per test run by {@code device-bundle/image/prepare-test-docker.sh}
 * (installs docker.io and debootstrap, starts dockerd without a bridge, builds the device image offline).
 * Where that is impossible the tests skip loudly, except under {@code CI=true}, where they fail.
 */
final class RealDocker {

    static final String IMAGE = "p2pvps/device:bookworm";
    static final String SOCKET = "unix:///var/run/docker.sock";
    static final Path PREPARE = Path.of("../image/prepare-test-docker.sh").toAbsolutePath().normalize();

    private static String unavailable;
    private static boolean prepared;

    private RealDocker() {
    }

    /** Call from {@code @BeforeAll}: returns when Docker and the image are there, else skips (fails under CI). */
    static synchronized void require() {
        if (!prepared) {
            prepared = true;
            long began = System.nanoTime();
            Result result = exec(Duration.ofMinutes(10), List.of("bash", PREPARE.toString()));
            System.err.print(result.output());
            if (result.exitCode() != 0) {
                unavailable = PREPARE + " exited " + result.exitCode();
            } else {
                System.err.printf("Docker and %s ready in %d ms%n", IMAGE, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            }
        }
        if (unavailable != null) {
            String why = "no usable Docker for the docker driver's tests: " + unavailable + " (see its output above)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; under CI=true this is a failure");
            }
            System.err.println("\n" + "!".repeat(100) + "\n!!! SKIPPING the real-Docker tests: " + why + "\n" + "!".repeat(100) + "\n");
            Assumptions.abort(why);
        }
    }

    /** Runs the docker CLI; returns its output, failing the test unless it exits 0. */
    static String docker(String... args) {
        Result result = command(prepend("docker", args));
        if (result.exitCode() != 0) {
            fail("docker " + String.join(" ", args) + " exited " + result.exitCode() + ": " + result.output());
        }
        return result.output().strip();
    }

    /** Runs a command to its end (at most a minute), with its error output merged into its output. */
    static Result command(String... command) {
        return exec(Duration.ofSeconds(60), List.of(command));
    }

    /** Removes every container and volume any driver made, whatever a test left. */
    static void removeEverythingOurs() {
        String containers = docker("ps", "-aq", "--filter", "label=" + ContainerSpec.MANAGED + "=true");
        if (!containers.isEmpty()) {
            docker(prepend("rm", prepend("-f", containers.split("\\s+"))));
        }
        String volumes = docker("volume", "ls", "-q", "--filter", "label=" + ContainerSpec.MANAGED + "=true");
        if (!volumes.isEmpty()) {
            docker(prepend("volume", prepend("rm", volumes.split("\\s+"))));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    record Result(int exitCode, String output) {
    }

    private static Result exec(Duration timeout, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(-1, String.join(" ", command) + " did not end within " + timeout);
            }
            return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, String.join(" ", command) + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}

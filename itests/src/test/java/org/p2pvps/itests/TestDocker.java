package org.p2pvps.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.AssumptionViolatedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine's real Docker, made ready by {@code device-bundle/image/prepare-test-docker.sh} as the docker
 * driver's own tests make it ready (installs docker.io, starts dockerd without a bridge, builds the device image
 * offline, cached). Where that is impossible the test stops with a loud message, except under {@code CI=true},
 * where it fails.
 */
final class TestDocker {

    /** The label the docker driver puts on each rental's container and volume. */
    private static final String RENTAL_LABEL = "org.p2pvps.rental";
    /** The label the docker driver puts on everything it makes (its ContainerSpec.MANAGED). */
    private static final String MANAGED_FILTER = "label=org.p2pvps.managed=true";
    private static final Logger LOG = LoggerFactory.getLogger(TestDocker.class);
    private static final long PREPARE_TIMEOUT_MINUTES = 10;

    private static String unavailable;
    private static boolean prepared;

    private TestDocker() {
    }

    /** Returns when Docker and the device image are there; otherwise fails under CI, else stops the test loudly. */
    static synchronized void require() throws Exception {
        if (!prepared) {
            prepared = true;
            unavailable = prepare();
        }
        if (unavailable == null) {
            return;
        }
        String why = "no usable Docker for the docker driver's end-to-end test: " + unavailable;
        if (Boolean.getBoolean(ServerDistribution.CI_PROPERTY)) {
            fail(why + "; under CI=true this is a failure");
        }
        System.err.println("\n" + "!".repeat(100) + "\n!!! NOT RUN: " + why
                + "\n!!! (Pax Exam reports a stopped in-container test as passed)\n" + "!".repeat(100) + "\n");
        throw new AssumptionViolatedException(why);
    }

    /** Runs the docker CLI; fails the test unless it exits 0. @return its output, trimmed */
    static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Commands.Result result = Commands.run(command, Map.of());
        assertEquals("docker " + String.join(" ", args) + ": " + result, 0, result.exit());
        return result.stdout().strip();
    }

    /** @return the ids of the containers (running or not) the driver made for this rental, one a line */
    static String containersOf(String rentalId) throws Exception {
        return docker("ps", "-aq", "--no-trunc", "--filter", "label=" + RENTAL_LABEL + "=" + rentalId);
    }

    /**
     * Removes every container and volume the docker driver made, when Docker is usable here. The governor removes
     * them itself when it stops cleanly; this catches what a killed governor or a failed test left behind (a
     * host-network container would keep holding its sshd port).
     */
    static synchronized void removeWhatTheDriverLeft() throws Exception {
        if (!prepared || unavailable != null) {
            return;
        }
        removeAll("containers", List.of("ps", "-aq", "--no-trunc", "--filter", MANAGED_FILTER), List.of("rm", "-f"));
        removeAll("volumes", List.of("volume", "ls", "-q", "--filter", MANAGED_FILTER), List.of("volume", "rm"));
    }

    private static void removeAll(String what, List<String> listCommand, List<String> removeCommand) throws Exception {
        List<String> names = docker(listCommand.toArray(String[]::new)).lines().toList();
        if (names.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(removeCommand);
        command.addAll(names);
        docker(command.toArray(String[]::new));
        LOG.warn("Removed the docker driver's leftover {} {}", what, names);
    }

    /** @return why Docker is unusable, {@code null} when it is ready */
    private static String prepare() throws Exception {
        File script = new File(System.getProperty(ServerDistribution.DEVICE_IMAGE_DIR_PROPERTY, ""), "prepare-test-docker.sh");
        if (!script.isFile()) {
            return "no " + script + " (system property " + ServerDistribution.DEVICE_IMAGE_DIR_PROPERTY + ")";
        }
        File output = File.createTempFile("p2pvps-itest-prepare-docker", ".log");
        try {
            Process process = new ProcessBuilder("bash", script.getPath()).redirectErrorStream(true)
                    .redirectOutput(output).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(PREPARE_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                return script + " did not finish in " + PREPARE_TIMEOUT_MINUTES + " minutes";
            }
            String printed = new String(Files.readAllBytes(output.toPath()), StandardCharsets.UTF_8);
            System.err.print(printed);
            return process.exitValue() == 0 ? null : script + " exited " + process.exitValue() + ":\n" + printed;
        } finally {
            output.delete();
        }
    }
}

package org.p2pvps.sshgateway.internal;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * OpenSSH from Debian's packages, driven as users drive it: {@code ssh} as a device or a renter, and a
 * throwaway {@code sshd} on loopback as the device's shell. Installs the packages when they are missing
 * and the tests run as root (as in CI); otherwise says what to install.
 */
final class OpenSsh {

    static final String LOOPBACK = "127.0.0.1";
    /** Options every client here uses: no host key prompts or files, no passwords, fail fast. */
    static final List<String> CLIENT_OPTIONS = List.of(
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
            "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR", "-F", "/dev/null");

    private OpenSsh() {
    }

    /** Makes sure {@code ssh}, {@code ssh-keygen} and {@code sshd} are there. */
    static synchronized void ensureInstalled() throws Exception {
        if (Files.isExecutable(Path.of("/usr/sbin/sshd")) && onPath("ssh") && onPath("ssh-keygen")) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("these tests need OpenSSH: apt-get install openssh-client openssh-server");
        }
        Path here = Path.of(".").toAbsolutePath();
        run(here, "apt-get", "update", "-qq");
        run(here, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
                "openssh-client", "openssh-server");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command to its end and returns its output; fails unless it exits 0. */
    static String run(Path dir, String... command) throws Exception {
        Result result = exec(dir, Duration.ofSeconds(120), List.of(command));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.exitCode() + ": "
                    + result.output());
        }
        return result.output();
    }

    record Result(int exitCode, String output) {
    }

    static Result exec(Path dir, Duration timeout, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(String.join(" ", command) + " still running after " + timeout);
        }
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** A renter: {@code ssh -p <port> root@127.0.0.1 <command>} with the renter's key. */
    static Result renter(Path dir, int port, TestKey key, String command) throws Exception {
        List<String> ssh = new ArrayList<>(List.of("ssh", "-p", String.valueOf(port), "-i", key.privateKeyFile().toString()));
        ssh.addAll(CLIENT_OPTIONS);
        ssh.add("root@" + LOOPBACK);
        ssh.add(command);
        return exec(dir, Duration.ofSeconds(60), ssh);
    }

    /** An {@code ssh} client logging in to the gateway as the device, with the given extra arguments. */
    static List<String> deviceCommand(int gatewayPort, TestKey key, String deviceId, String... args) {
        List<String> ssh = new ArrayList<>(List.of("ssh", "-l", deviceId, "-p", String.valueOf(gatewayPort),
                "-i", key.privateKeyFile().toString(), "-o", "ExitOnForwardFailure=yes",
                "-o", "ServerAliveInterval=5"));
        ssh.addAll(CLIENT_OPTIONS);
        ssh.addAll(List.of(args));
        ssh.add(LOOPBACK);
        return ssh;
    }

    /** Starts a long-running {@code ssh} (a device holding its tunnel); the caller stops it. */
    static Process start(Path dir, List<String> command) throws IOException {
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("ssh-" + System.nanoTime() + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether something accepts TCP connections on that address and port now */
    static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void awaitListening(int port) {
        await().atMost(Duration.ofSeconds(20)).until(() -> listening(LOOPBACK, port));
    }

    /**
     * A throwaway OpenSSH {@code sshd} on loopback, the "device shell" renters reach: its own host key and
     * configuration in a temporary folder, root login with the renter's key only.
     */
    static final class DeviceShell implements AutoCloseable {

        private final Process sshd;
        final int port;

        DeviceShell(Path dir, TestKey renterKey) throws Exception {
            ensureInstalled();
            Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation folder
            Path home = Files.createDirectories(dir.resolve("device-sshd"));
            run(home, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", home.resolve("host_key").toString());
            Files.writeString(home.resolve("authorized_keys"), renterKey.publicKey() + "\n");
            port = freePort();
            Files.writeString(home.resolve("sshd_config"), String.join("\n",
                    "ListenAddress " + LOOPBACK,
                    "Port " + port,
                    "HostKey " + home.resolve("host_key"),
                    "AuthorizedKeysFile " + home.resolve("authorized_keys"),
                    "PidFile none",
                    "StrictModes no",
                    "UsePAM no",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin prohibit-password",
                    "") );
            sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", home.resolve("sshd_config").toString())
                    .redirectErrorStream(true).redirectOutput(home.resolve("sshd.log").toFile()).start();
            awaitListening(port);
        }

        @Override
        public void close() throws InterruptedException {
            sshd.destroy();
            if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
                sshd.destroyForcibly().waitFor();
            }
        }
    }
}

package org.p2pvps.governor.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A throwaway OpenSSH {@code sshd} on loopback standing in for the gateway: public-key login, remote
 * forwards only. OpenSSH needs the login to be a real account, so the device id in these tests is the
 * name of the user running them.
 */
final class OpenSshGateway implements AutoCloseable {

    final int port;
    final Path dir;
    private Process process;

    OpenSshGateway(Path dir, String authorizedKey) throws IOException, InterruptedException {
        this.dir = dir;
        this.port = freePort();
        Files.createDirectories(Path.of("/run/sshd"));
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_ed25519").toString()));
        Files.writeString(dir.resolve("authorized_keys"), authorizedKey + "\n");
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_ed25519"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PidFile " + dir.resolve("sshd.pid"),
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "AllowTcpForwarding remote",
                "GatewayPorts no",
                "PermitTTY no",
                "UsePAM no",
                "StrictModes no",
                "ClientAliveInterval 1",
                "ClientAliveCountMax 3",
                "") );
        start();
    }

    /**
     * Whether these tests can run: OpenSSH's sshd and ssh and sshpass, installed from Debian's packages when
     * missing and we are root. Under {@code CI=true} a missing tool is a failure, not a skip.
     */
    static synchronized boolean available() {
        if (!tools() && "root".equals(System.getProperty("user.name"))) {
            try {
                run(List.of("apt-get", "update", "-qq"));
                run(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
                        "openssh-server", "openssh-client", "sshpass"));
            } catch (IOException | InterruptedException e) {
                System.err.println("*** cannot install OpenSSH for the tunnel tests: " + e.getMessage());
            }
        }
        boolean ready = tools() && "root".equals(System.getProperty("user.name"));
        if (!ready) {
            System.err.println("*** SKIPPING the tunnel tests: they need root (sshd logs in the device as a real "
                    + "user), /usr/sbin/sshd, ssh and sshpass");
        }
        return ready || "true".equals(System.getenv("CI"));
    }

    private static boolean tools() {
        return Files.isExecutable(Path.of("/usr/sbin/sshd")) && Files.isExecutable(Path.of("/usr/bin/ssh"))
                && Files.isExecutable(Path.of("/usr/bin/sshpass"));
    }

    String hostKey() throws IOException {
        return Files.readString(dir.resolve("host_ed25519.pub")).trim();
    }

    void start() {
        try {
            process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> listening(port));
    }

    /** Kills sshd and every connection it holds (their processes are its children in -D mode). */
    void stop() throws InterruptedException {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(command + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}

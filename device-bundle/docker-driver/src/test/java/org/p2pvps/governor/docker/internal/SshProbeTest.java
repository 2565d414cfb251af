package org.p2pvps.governor.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class SshProbeTest {

    static final Duration TIMEOUT = Duration.ofMillis(500);

    @Test
    void anSshServerAnswersEvenAfterOtherLines() throws Exception {
        try (ServerSocket server = serve("welcome\r\nSSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")) {
            assertThat(SshProbe.answers(server.getLocalPort(), TIMEOUT)).isTrue();
        }
    }

    @Test
    void somethingElseOnThePortIsNoSshServer() throws Exception {
        try (ServerSocket server = serve("HTTP/1.1 400 Bad Request\r\n\r\n")) {
            assertThat(SshProbe.listening(server.getLocalPort(), TIMEOUT)).isTrue();
            assertThat(SshProbe.answers(server.getLocalPort(), TIMEOUT)).isFalse();
        }
    }

    @Test
    void aSilentOrClosedPortIsNoSshServer() throws Exception {
        int port;
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = silent.getLocalPort();
            assertThat(SshProbe.answers(port, TIMEOUT)).isFalse(); // accepted by the backlog, never greeted
        }
        assertThat(SshProbe.listening(port, TIMEOUT)).isFalse();
        assertThat(SshProbe.answers(port, TIMEOUT)).isFalse();
    }

    /** A one-connection server that greets with the given text and closes. */
    private static ServerSocket serve(String greeting) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return; // closed by the test
                }
            }
        }, "ssh-probe-test-server");
        thread.setDaemon(true);
        thread.start();
        return server;
    }
}

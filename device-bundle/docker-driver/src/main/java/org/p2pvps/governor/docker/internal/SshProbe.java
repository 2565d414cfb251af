package org.p2pvps.governor.docker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Asks a loopback port whether an SSH server answers there: it sends its identification line first. */
final class SshProbe {

    private SshProbe() {
    }

    /** @return true when something on 127.0.0.1:port sends a line starting with {@code SSH-} within the timeout */
    static boolean answers(int port, Duration timeout) {
        try (Socket socket = connect(port, timeout)) {
            socket.setSoTimeout((int) timeout.toMillis());
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            // servers may send other lines before the identification (RFC 4253, 4.2); 8 KB is plenty
            for (int total = 0, c; total < 8192 && (c = in.read()) >= 0; total++) {
                if (c == '\n') {
                    if (line.toString().startsWith("SSH-")) {
                        return true;
                    }
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return true when anything accepts a connection on 127.0.0.1:port */
    static boolean listening(int port, Duration timeout) {
        try (Socket socket = connect(port, timeout)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Socket connect(int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}

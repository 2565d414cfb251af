package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A renter on a tunnel port that sends its bytes, half-closes, and reads the reply to its end. */
final class HalfClosingRenter {

    private HalfClosingRenter() {
    }

    /** @return everything the device's service sent back until it closed the connection */
    static byte[] exchange(int tunnelPort, byte[] sent) throws Exception {
        try (Socket renter = new Socket(OpenSsh.LOOPBACK, tunnelPort)) {
            // sends while reading, so an echo's reply never fills the buffers and stops the sender
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    renter.getOutputStream().write(sent);
                    renter.shutdownOutput();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] received = renter.getInputStream().readAllBytes();
            sending.get(60, TimeUnit.SECONDS);
            return received;
        }
    }
}

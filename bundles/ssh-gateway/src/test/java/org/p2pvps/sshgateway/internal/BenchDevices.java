package org.p2pvps.sshgateway.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

/**
 * Simulated idle devices for bench/ssh-gateway: {@code BenchDevices <gatewayPort> <privateKeyFile> <devices>
 * <firstTunnelPort>} logs in {@code bench-0..n-1} with Apache SSHD's client, each holding its tunnel, prints
 * {@code CONNECTED n} and waits until stdin closes.
 */
public final class BenchDevices {

    private BenchDevices() {
    }

    public static void main(String[] args) throws Exception {
        int gatewayPort = Integer.parseInt(args[0]);
        KeyPair key;
        try (var in = Files.newInputStream(Path.of(args[1]))) {
            key = SecurityUtils.loadKeyPairIdentities(null, () -> args[1], in, null).iterator().next();
        }
        int count = Integer.parseInt(args[2]);
        int firstTunnelPort = Integer.parseInt(args[3]);
        List<ClientSession> sessions = new ArrayList<>();
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
            client.start();
            for (int i = 0; i < count; i++) {
                ClientSession session = client.connect("bench-" + i, "127.0.0.1", gatewayPort)
                        .verify(Duration.ofSeconds(30)).getSession();
                session.addPublicKeyIdentity(key);
                session.auth().verify(Duration.ofSeconds(30));
                session.startRemotePortForwarding(new SshdSocketAddress("localhost", firstTunnelPort + i),
                        new SshdSocketAddress("127.0.0.1", 9));
                sessions.add(session);
            }
            System.out.println("CONNECTED " + sessions.size());
            System.in.read();
            for (ClientSession session : sessions) {
                session.close(true);
            }
        }
    }
}

package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.time.Duration;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

/** Apache SSHD's client as a device uses it (as the device governor will): log in with the device key. */
final class MinaDevice {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private MinaDevice() {
    }

    /** A started client that accepts the forwarded-tcpip channels of the forwards it asked for. */
    static SshClient client() {
        SshClient client = SshClient.setUpDefaultClient();
        client.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        client.start();
        return client;
    }

    static ClientSession login(SshClient client, int gatewayPort, String deviceId, TestKey key) throws IOException {
        ClientSession session = client.connect(deviceId, OpenSsh.LOOPBACK, gatewayPort).verify(TIMEOUT).getSession();
        session.addPublicKeyIdentity(key.keyPair());
        session.auth().verify(TIMEOUT);
        return session;
    }
}

package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Public-key logins are checked off the event loops by running Apache SSHD's own public-key method on a look-up
 * thread: the signature is still checked there, so presenting a registered key is not enough.
 */
class OffLoopLoginsTest {

    @TempDir
    Path dir;
    TestGateway gateway;
    SshClient client;

    @BeforeEach
    void start() throws Exception {
        gateway = new TestGateway(dir);
        client = MinaDevice.client();
    }

    @AfterEach
    void stop() {
        client.stop();
        gateway.close();
    }

    @Test
    void aRegisteredKeySignedWithAnotherPrivateKeyIsRefused() throws Exception {
        TestKey registered = TestKey.generate(dir, "registered");
        TestKey other = TestKey.generate(dir, "other");
        gateway.devices.register("dev-signed", registered, OpenSsh.freePort());
        // the request names the registered key (the gateway answers "would be accepted"), the signature is another's
        TestKey forged = new TestKey(other.privateKeyFile(), registered.publicKey(), registered.fingerprint(),
                new KeyPair(registered.keyPair().getPublic(), other.keyPair().getPrivate()));

        assertThatThrownBy(() -> MinaDevice.login(client, gateway.port(), "dev-signed", forged).close())
                .hasMessageContaining("No more authentication methods available");
        try (ClientSession device = MinaDevice.login(client, gateway.port(), "dev-signed", registered)) {
            assertThat(device.isAuthenticated()).as("the real key pair still logs in").isTrue();
        }
    }
}

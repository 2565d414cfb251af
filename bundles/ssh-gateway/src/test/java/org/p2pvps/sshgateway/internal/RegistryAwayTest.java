package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the registry is away (the server starting, the registry feature reinstalled) a device cannot log in; it is
 * told why, instead of being refused as if its key were wrong.
 */
class RegistryAwayTest {

    @TempDir
    Path dir;

    @Test
    void aDeviceIsToldTheRegistryIsAwayAndGetsInOnceItIsBack() throws Exception {
        TestKey key = TestKey.generate(dir, "device");
        try (TestGateway gateway = new TestGateway(dir)) {
            gateway.devices.register("away1", key, OpenSsh.freePort());
            SshClient client = MinaDevice.client();
            try {
                gateway.devices.away = true;
                assertThatThrownBy(() -> MinaDevice.login(client, gateway.port(), "away1", key))
                        .hasMessageContaining("the p2pvps registry is not running; try again shortly");

                gateway.devices.away = false;
                try (ClientSession session = MinaDevice.login(client, gateway.port(), "away1", key)) {
                    assertThat(session.isAuthenticated()).isTrue();
                }
            } finally {
                client.stop();
            }
        }
    }
}

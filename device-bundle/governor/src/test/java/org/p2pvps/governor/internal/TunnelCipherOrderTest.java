package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.NamedResource;
import org.junit.jupiter.api.Test;

class TunnelCipherOrderTest {

    @Test
    void aesGcmComesFirstAndNothingIsDropped() {
        SshClient client = SshClient.setUpDefaultClient();
        List<String> before = NamedResource.getNameList(client.getCipherFactories());
        List<String> after = NamedResource.getNameList(Tunnel.aesGcmFirst(client.getCipherFactories()));
        assertThat(after).containsExactlyInAnyOrderElementsOf(before);
        assertThat(after.get(0)).startsWith("aes").contains("gcm");
        assertThat(after.indexOf("chacha20-poly1305@openssh.com")).isGreaterThan(after.indexOf("aes128-gcm@openssh.com"));
    }
}

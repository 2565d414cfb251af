package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;

class GatewayHostKeyTest {

    private static KeyPair key() throws Exception {
        return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    }

    @Test
    void pinsTheFirstKeyAndRefusesAnyOtherAfterwards() throws Exception {
        KeyPair gateway = key();
        List<String> pinned = new ArrayList<>();
        GatewayHostKey verifier = new GatewayHostKey(null, null, pinned::add);
        assertThat(verifier.verifyServerKey(null, null, gateway.getPublic())).isTrue();
        assertThat(pinned).containsExactly(PublicKeyEntry.toString(gateway.getPublic()));
        assertThat(verifier.verifyServerKey(null, null, gateway.getPublic())).isTrue();
        assertThat(verifier.verifyServerKey(null, null, key().getPublic())).isFalse();
        assertThat(pinned).hasSize(1);
    }

    @Test
    void aKnownKeyIsRequiredFromTheStart() throws Exception {
        KeyPair gateway = key();
        List<String> pinned = new ArrayList<>();
        GatewayHostKey verifier = new GatewayHostKey(PublicKeyEntry.toString(gateway.getPublic()) + " gw@example", null, pinned::add);
        assertThat(verifier.verifyServerKey(null, null, key().getPublic())).isFalse();
        assertThat(verifier.verifyServerKey(null, null, gateway.getPublic())).isTrue();
        assertThat(pinned).isEmpty();
    }

    @Test
    void theFirstKeyMustMatchTheFingerprintTheServerGave() throws Exception {
        KeyPair gateway = key();
        List<String> pinned = new ArrayList<>();
        GatewayHostKey verifier = new GatewayHostKey(null, KeyUtils.getFingerPrint(gateway.getPublic()), pinned::add);
        assertThat(verifier.verifyServerKey(null, null, key().getPublic())).isFalse();
        assertThat(pinned).isEmpty();
        assertThat(verifier.verifyServerKey(null, null, gateway.getPublic())).isTrue();
        assertThat(pinned).containsExactly(PublicKeyEntry.toString(gateway.getPublic()));
    }

    @Test
    void aBadConfiguredKeySaysSo() {
        assertThatThrownBy(() -> new GatewayHostKey("ssh-ed25519 notbase64", null, k -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("not an OpenSSH public key");
    }
}

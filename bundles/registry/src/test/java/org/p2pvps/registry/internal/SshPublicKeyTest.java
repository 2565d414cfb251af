package org.p2pvps.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SshPublicKeyTest {

    /** Made by {@code ssh-keygen -t rsa -b 2048} and {@code -t ecdsa -b 256}, with {@code ssh-keygen -lf}'s fingerprints. */
    private static final String OPENSSH_RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC9ig61Okn6zCJ0VMDKsxz4yKDNFXmPQWqlrGGse4pjTNHz8K0Shu4CwLnm8CoWk/knUFwqg25yUCUyPJf2nQeQX2YLRUqX5jYt/t0ILxpdbFOoCoZVSgNXE3vfcLRq5khmNTzd8JazW9kaXp+KjvpQWRiTb6IZGT4ITY6EzziwiPyMz/AtArTK4gG6aMdAXBxYKySUOMRn4GsmZhjMcU11mtGZKDi5+hbGFcrjpZeO17MxpGcL0JCU6PZ4kTP9LHi/8xshOezl5pvpOJ13DY/2QH6cBCLL0u/i9URLr+RSR8YS/9VvXVdBDMYG7zyPVsTJisO8EZhGnzb9TvZvT0hH";
    private static final String OPENSSH_RSA_FINGERPRINT = "SHA256:iwcFh4riFiTQBefvhA2omy5chcGlSUStpJwUK7Qn+E8";
    private static final String OPENSSH_ECDSA = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBK82gYGhshssnTwlSkXUtUyXC74hEo4PPkS+N54Spc7zFg6JtUuKLbuFW5gCZ/jACBlQ4Wy5mYDofKI2vKHnz3Q=";
    private static final String OPENSSH_ECDSA_FINGERPRINT = "SHA256:+0/QK3hrabsDkdax59vWCYKheq1RTAWnyOhGvdm4DME";

    private static void assertRefused(String line, String messagePart) {
        assertThatThrownBy(() -> SshPublicKey.parse(line)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void parsesAnOpenSshEd25519LineAndFingerprintsItAsSshKeygenDoes() {
        SshPublicKey key = SshPublicKey.parse(TestKeys.OPENSSH_ED25519);

        assertThat(key.type()).isEqualTo("ssh-ed25519");
        assertThat(key.fingerprint()).isEqualTo(TestKeys.OPENSSH_ED25519_FINGERPRINT);
        assertThat(key.openSsh()).isEqualTo(TestKeys.OPENSSH_ED25519.substring(0,
                TestKeys.OPENSSH_ED25519.lastIndexOf(' ')));
    }

    @Test
    void parsesRsaAndEcdsaKeysWithSshKeygensFingerprints() {
        assertThat(SshPublicKey.parse(OPENSSH_RSA).fingerprint()).isEqualTo(OPENSSH_RSA_FINGERPRINT);
        assertThat(SshPublicKey.parse(OPENSSH_ECDSA).fingerprint()).isEqualTo(OPENSSH_ECDSA_FINGERPRINT);
        assertThat(SshPublicKey.parse(OPENSSH_ECDSA).type()).isEqualTo("ecdsa-sha2-nistp256");
    }

    @Test
    void theCommentAndSurroundingWhitespaceDoNotChangeTheKey() {
        String bare = TestKeys.ed25519();

        SshPublicKey commented = SshPublicKey.parse("  " + bare.replace(" ", "\t") + "  pi@garage with spaces \n");

        assertThat(commented.openSsh()).isEqualTo(bare);
        assertThat(commented.fingerprint()).isEqualTo(SshPublicKey.parse(bare).fingerprint());
    }

    @Test
    void aKeyMadeInJavaParses() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey rsa = (RSAPublicKey) generator.generateKeyPair().getPublic();
        byte[] blob = TestKeys.blob("ssh-rsa", rsa.getPublicExponent().toByteArray(), rsa.getModulus().toByteArray());

        SshPublicKey key = SshPublicKey.parse("ssh-rsa " + Base64.getEncoder().encodeToString(blob));

        assertThat(key.type()).isEqualTo("ssh-rsa");
        assertThat(key.blob()).isEqualTo(blob);
    }

    @Test
    void differentKeysHaveDifferentFingerprints() {
        assertThat(SshPublicKey.parse(TestKeys.ed25519()).fingerprint())
                .isNotEqualTo(SshPublicKey.parse(TestKeys.ed25519()).fingerprint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5AAAAIF/gp36FmtW9WSqnIl9EWwdGE9iXEuAEz+KUzRYmB3Xb",
            "ssh-dss AAAAB3NzaC1kc3MAAACBAP", "ssh-ed448 AAAA", "-----BEGIN PUBLIC KEY----- MCowBQYDK2VwAyEA",
            "SSH-ED25519 AAAAC3NzaC1lZDI1NTE5AAAAIF/gp36FmtW9WSqnIl9EWwdGE9iXEuAEz+KUzRYmB3Xb"})
    void refusesLinesThatAreNoOpenSshKeyOfAnAcceptedType(String line) {
        assertRefused(line, "publicKey");
    }

    @Test
    void refusesAMissingKey() {
        assertRefused(null, "publicKey is required");
    }

    @Test
    void refusesKeyDataThatIsNotBase64() {
        assertRefused("ssh-ed25519 not*base64!", "not valid base64");
    }

    @Test
    void refusesKeyDataOfAnotherTypeThanItsLabel() {
        String ed25519Data = TestKeys.OPENSSH_ED25519.split(" ")[1];

        assertRefused("ssh-rsa " + ed25519Data, "does not match its type ssh-rsa");
        assertRefused("ecdsa-sha2-nistp256 " + OPENSSH_RSA.split(" ")[1], "does not match");
    }

    @Test
    void refusesGarbageThatHappensToBeBase64() {
        assertRefused("ssh-ed25519 " + Base64.getEncoder().encodeToString("hello world, not a key".getBytes()),
                "does not match");
        assertRefused("ssh-ed25519 AAAA", "does not match");
        assertRefused("ssh-ed25519 " + Base64.getEncoder().encodeToString(new BigInteger("7fffffff", 16).toByteArray()),
                "does not match");
    }

    @Test
    void refusesAnEd25519KeyOfTheWrongLength() {
        assertRefused("ssh-ed25519 " + Base64.getEncoder().encodeToString(TestKeys.blob("ssh-ed25519", new byte[31])),
                "not a well-formed ssh-ed25519 key");
        assertRefused("ssh-ed25519 " + Base64.getEncoder().encodeToString(
                TestKeys.blob("ssh-ed25519", new byte[32], new byte[1])), "not a well-formed ssh-ed25519 key");
    }

    @Test
    void refusesOverlongLines() {
        assertRefused("ssh-rsa " + "A".repeat(9000), "too long");
    }
}

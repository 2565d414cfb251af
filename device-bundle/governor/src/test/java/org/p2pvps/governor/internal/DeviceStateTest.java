package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pvps.governor.container.ContainerStatus;

class DeviceStateTest {

    private static final DeviceState STATE = new DeviceState("http://srv:8181/api/v1", "dev-1", "secret-token", 6012,
            "quiet-otter", "gw.example", 2222, "SHA256:abc", null);

    @Test
    void savedPrivatelyAndReadBack(@TempDir Path dir) throws Exception {
        assertThat(DeviceState.load(dir)).as("not registered yet").isNull();
        STATE.save(dir.resolve("data"));
        Path file = dir.resolve("data").resolve(DeviceState.FILE);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(DeviceState.load(dir.resolve("data"))).isEqualTo(STATE);

        DeviceState pinned = STATE.withGatewayHostKey("ssh-ed25519 AAAAkey");
        pinned.save(dir.resolve("data"));
        assertThat(DeviceState.load(dir.resolve("data"))).isEqualTo(pinned);
        assertThat(pinned.toString()).doesNotContain("secret-token");
    }

    @Test
    void followsTheGatewayTheServerNamesAndDropsAPinnedKeyWithoutTheFingerprintNamed() throws Exception {
        String key = PublicKeyEntry.toString(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic());
        String keyFingerprint = GatewayHostKey.fingerprint(key);
        DeviceState pinned = STATE.withGatewayHostKey(key);

        DeviceState moved = pinned.following(new GatewayAddress("gw2.example", 22, keyFingerprint), true);
        assertThat(moved).isEqualTo(new DeviceState(STATE.server(), "dev-1", "secret-token", 6012, "quiet-otter",
                "gw2.example", 22, keyFingerprint, key));
        assertThat(moved.following(new GatewayAddress("gw2.example", 22, keyFingerprint), true)).isEqualTo(moved);

        DeviceState rekeyed = pinned.following(new GatewayAddress("gw.example", 2222, "SHA256:new"), true);
        assertThat(rekeyed.gatewayHostKeyFingerprint()).isEqualTo("SHA256:new");
        assertThat(rekeyed.gatewayHostKey()).as("pinned anew at the next connection").isNull();

        assertThat(pinned.following(new GatewayAddress("gw.example", 2222, "SHA256:new"), false))
                .as("the owner configured the key").isEqualTo(pinned);
        assertThat(pinned.following(new GatewayAddress("gw.example", 2222, null), true))
                .as("no gateway runs on the server just now").isEqualTo(pinned);
    }

    @Test
    void onlyAnotherAddressOrAnotherKeyRedirectsTheTunnel() throws Exception {
        String key = PublicKeyEntry.toString(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic());
        DeviceState trustedOnFirstUse = new DeviceState(STATE.server(), "dev-1", "secret-token", 6012, "quiet-otter",
                "gw.example", 2222, null, key);

        DeviceState.GatewayChange named = trustedOnFirstUse.change(
                new GatewayAddress("gw.example", 2222, GatewayHostKey.fingerprint(key)), true);
        assertThat(named.followed()).isNotEqualTo(trustedOnFirstUse);
        assertThat(named.redirects(false)).as("the server names the key pinned: recorded, nothing redirected").isFalse();
        assertThat(trustedOnFirstUse.change(new GatewayAddress("gw2.example", 22, null), true).redirects(true))
                .as("moved, but the gateway must still show the pinned key").isFalse();
        assertThat(trustedOnFirstUse.change(new GatewayAddress("gw.example", 2222, "SHA256:other"), true)
                .redirects(false)).as("another key").isTrue();
        assertThat(STATE.change(new GatewayAddress("gw.example", 2222, "SHA256:other"), true).redirects(false))
                .as("no key pinned yet, another one required").isTrue();
        DeviceState nothingKnown = new DeviceState(STATE.server(), "dev-1", "secret-token", 6012, "quiet-otter",
                "gw.example", 2222, null, null);
        assertThat(nothingKnown.change(new GatewayAddress("gw2.example", 22, null), true).redirects(true))
                .as("moved with no key to check: the first key seen there would be pinned").isTrue();
        assertThat(nothingKnown.change(new GatewayAddress("gw2.example", 22, null), false).redirects(true))
                .as("the owner's gateway.host.key checks it").isFalse();
    }

    @Test
    void aDamagedFileSaysWhatToDo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(DeviceState.FILE), "server=http://srv\ndevice.id=dev-1\n");
        assertThatThrownBy(() -> DeviceState.load(dir)).hasMessageContaining("is damaged")
                .hasMessageContaining("device.token is missing").hasMessageContaining("fresh registration token");
    }

    @Test
    void theStatusTellsTheOwnerWhatHappens() {
        Instant now = Instant.parse("2030-01-01T12:00:00Z");
        Status unregistered = new Status("dev-1", "http://srv/api/v1", null, "cannot reach the server (ConnectException)",
                null, "local-sshd", null, null, null, null);
        assertThat(unregistered.line()).isEqualTo("device dev-1: not registered (cannot reach the server (ConnectException))");
        assertThat(unregistered.file(now)).contains("registered:     no (cannot reach the server");

        DesiredState rented = new DesiredState(DesiredState.Kind.RENTED, 30, now, "r1", "renter", "$6$x$y", List.of(),
                now.plusSeconds(3600), null);
        Status up = new Status("dev-1", "http://srv/api/v1", STATE, null,
                new Tunnel.State(Tunnel.Status.UP, now.minusSeconds(60), null), "docker",
                new ContainerStatus(ContainerStatus.State.RUNNING, "r1", null), rented, now, null);
        assertThat(up.line()).isEqualTo("device dev-1: registered (port 6012, quiet-otter) | tunnel UP since "
                + "2030-01-01T11:59:00Z | rented: r1 for renter until 2030-01-01T13:00:00Z | container docker RUNNING");
        assertThat(up.file(now)).contains("registered:     yes").contains("tunnel:         UP since 2030-01-01T11:59:00Z")
                .contains("rental:         r1 (login renter) until 2030-01-01T13:00:00Z")
                .contains("container:      docker RUNNING for r1").contains("last heartbeat: 2030-01-01T12:00:00Z")
                .doesNotContain("secret-token");
    }
}

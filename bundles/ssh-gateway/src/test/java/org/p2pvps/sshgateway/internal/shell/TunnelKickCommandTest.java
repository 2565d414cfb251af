package org.p2pvps.sshgateway.internal.shell;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.p2pvps.gateway.SshGateway;
import org.p2pvps.gateway.Tunnel;

class TunnelKickCommandTest {

    /** A gateway without any device connected. */
    private static final class EmptyGateway implements SshGateway {

        @Override
        public boolean requestCheckIn(String deviceId) {
            return false;
        }

        @Override
        public String hostKeyFingerprint() {
            return "SHA256:test";
        }

        @Override
        public int port() {
            return 2222;
        }

        @Override
        public List<Tunnel> tunnels() {
            return List.of();
        }

        @Override
        public Optional<Tunnel> tunnel(String deviceId) {
            return Optional.empty();
        }

        @Override
        public boolean kick(String deviceId) {
            return false;
        }
    }

    @Test
    void kickingADeviceThatIsNotConnectedIsRefusedWithASentence() {
        TunnelKickCommand command = new TunnelKickCommand();
        command.gateway = new EmptyGateway();
        command.deviceId = "d-unknown";

        // a CommandException: Karaf prints it without a trace, also over `ssh host command`, with exit status 1
        assertThatThrownBy(command::execute).isExactlyInstanceOf(CommandException.class)
                .hasMessage("Device d-unknown is not connected");
    }
}

package org.p2pvps.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A renter's OpenSSH client with the access a rental shows them ({@code login}, {@code password}, {@code port},
 * {@code jumpPort}): straight to the device's tunnel port, or through the gateway as a jump host.
 */
final class RenterSsh {

    private final Path scratch;
    private final Supplier<String> diagnostics;

    /**
     * @param scratch a directory for the client's config and askpass helper
     * @param diagnostics what to add to a failure message, e.g. the device's log
     */
    RenterSsh(Path scratch, Supplier<String> diagnostics) {
        this.scratch = scratch;
        this.diagnostics = diagnostics;
    }

    static void requireTools() {
        Commands.requireTool("sshpass", "-V");
        Commands.requireTool("ssh", "-V");
    }

    /** {@code ssh -p <tunnelPort>}; fails the test unless the command exits 0. @return its output */
    String run(int tunnelPort, JsonNode access, String command) throws Exception {
        Commands.Result result = attempt(tunnelPort, access, command);
        assertEquals("renter ssh: " + result + diagnostics.get(), 0, result.exit());
        return result.stdout();
    }

    /** {@code ssh -p <tunnelPort>}, whatever the outcome. */
    Commands.Result attempt(int tunnelPort, JsonNode access, String command) throws Exception {
        List<String> ssh = new ArrayList<>(List.of("sshpass", "-e", "ssh", "-p", String.valueOf(tunnelPort), "-F", "/dev/null",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "ConnectTimeout=10", "-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no",
                access.get("login").asText() + "@127.0.0.1", command));
        return Commands.run(ssh, Map.of("SSHPASS", access.get("password").asText()));
    }

    /**
     * {@code ssh -J}: two password prompts (gateway, then device), which sshpass cannot answer; OpenSSH's askpass
     * can. Command-line {@code -o} options do not reach the jump connection, so they go in a config file.
     */
    String viaJumpHost(String subdomain, JsonNode access, String command) throws Exception {
        Path askpass = scratch.resolve("askpass.sh");
        Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' \"$P2PVPS_RENTER_PASSWORD\"\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        Path config = scratch.resolve("ssh_config");
        Files.writeString(config, "Host *\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n"
                + "  LogLevel ERROR\n  ConnectTimeout 10\n  PreferredAuthentications password\n"
                + "  PubkeyAuthentication no\n");
        String login = access.get("login").asText();
        int jumpPort = access.get("jumpPort").asInt();
        assertEquals("the gateway's port", (int) Integer.getInteger(ServerDistribution.GATEWAY_PORT_PROPERTY), jumpPort);
        Commands.Result result = Commands.run(List.of("ssh", "-F", config.toString(), "-J", login + "@127.0.0.1:" + jumpPort,
                login + "@" + subdomain, command),
                Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force",
                        "P2PVPS_RENTER_PASSWORD", access.get("password").asText()));
        assertEquals("renter ssh -J: " + result + diagnostics.get(), 0, result.exit());
        return result.stdout();
    }
}

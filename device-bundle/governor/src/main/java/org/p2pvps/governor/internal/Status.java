package org.p2pvps.governor.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.p2pvps.governor.container.ContainerStatus;

/**
 * What the owner wants to know at a glance: registered? tunnel up since? rented until? container
 * healthy? Logged as one line when it changes, and written to {@code <data>/status} for
 * {@code bin/p2pvps-device status}.
 */
record Status(String deviceId, String server, DeviceState registration, String registrationProblem,
        Tunnel.State tunnel, String driver, ContainerStatus container, DesiredState desired, Instant lastHeartbeat,
        String heartbeatProblem) {

    /** The status file's name in the data directory. */
    static final String FILE = "status";

    /** The status file while the configuration keeps the governor from starting. */
    static String unusableConfiguration(String problem, Instant now) {
        StringBuilder sb = new StringBuilder();
        row(sb, "updated", now.truncatedTo(ChronoUnit.SECONDS));
        row(sb, "configuration", problem);
        row(sb, "governor", "not started until etc/" + GovernorConfig.PID + ".cfg is corrected (saved changes apply at once)");
        return sb.toString();
    }

    /** The one line for the log; leaves out what changes on every heartbeat. */
    String line() {
        StringBuilder sb = new StringBuilder("device ").append(deviceId).append(": ");
        if (registration == null) {
            sb.append("not registered").append(registrationProblem == null ? "" : " (" + registrationProblem + ")");
            return sb.toString();
        }
        sb.append("registered (port ").append(registration.tunnelPort()).append(", ").append(registration.subdomain())
                .append(") | tunnel ").append(tunnel == null ? "DOWN" : tunnel.status());
        if (tunnel != null && tunnel.status() == Tunnel.Status.UP) {
            sb.append(" since ").append(tunnel.since().truncatedTo(ChronoUnit.SECONDS));
        } else if (tunnel != null && tunnel.error() != null) {
            sb.append(" (").append(tunnel.error()).append(')');
        }
        if (desired != null && desired.state() == DesiredState.Kind.RENTED) {
            sb.append(" | rented: ").append(desired.rentalId()).append(" for ").append(desired.login()).append(" until ")
                    .append(desired.expiresAt());
        } else {
            sb.append(" | ").append(desired == null ? "no answer from the server yet" : "available");
        }
        sb.append(" | container ").append(driver).append(' ').append(container == null ? "?" : container.state());
        if (container != null && container.message() != null) {
            sb.append(" (").append(container.message()).append(')');
        }
        if (heartbeatProblem != null) {
            sb.append(" | heartbeat failing: ").append(heartbeatProblem);
        }
        return sb.toString();
    }

    /** The status file: one "name: value" per line, for people and for grep. */
    String file(Instant now) {
        StringBuilder sb = new StringBuilder();
        row(sb, "updated", now.truncatedTo(ChronoUnit.SECONDS));
        row(sb, "device", deviceId);
        row(sb, "server", server);
        row(sb, "registered", registration != null ? "yes" : "no" + (registrationProblem == null ? "" : " (" + registrationProblem + ")"));
        if (registration != null) {
            row(sb, "tunnel port", registration.tunnelPort());
            row(sb, "subdomain", registration.subdomain());
            row(sb, "gateway", registration.gatewayHost() + ":" + registration.gatewayPort());
            row(sb, "tunnel", tunnel == null ? "DOWN" : tunnel.status() + " since " + tunnel.since().truncatedTo(ChronoUnit.SECONDS)
                    + (tunnel.error() == null ? "" : " (" + tunnel.error() + ")"));
        }
        if (desired != null && desired.state() == DesiredState.Kind.RENTED) {
            row(sb, "rental", desired.rentalId() + " (login " + desired.login() + ") until " + desired.expiresAt());
        } else {
            row(sb, "rental", desired == null ? "unknown (no answer from the server yet)" : "none (available)");
        }
        row(sb, "container", driver + " " + (container == null ? "?" : container.state()
                + (container.rentalId() == null ? "" : " for " + container.rentalId())
                + (container.message() == null ? "" : " (" + container.message() + ")")));
        row(sb, "last heartbeat", lastHeartbeat == null ? "never" : lastHeartbeat.truncatedTo(ChronoUnit.SECONDS)
                + (heartbeatProblem == null ? "" : " (failing since: " + heartbeatProblem + ")"));
        if (lastHeartbeat == null && heartbeatProblem != null) {
            row(sb, "heartbeat", heartbeatProblem);
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, Object value) {
        sb.append(String.format("%-15s %s%n", name + ":", value));
    }
}

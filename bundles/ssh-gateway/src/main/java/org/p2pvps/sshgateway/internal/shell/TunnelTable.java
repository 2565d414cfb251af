package org.p2pvps.sshgateway.internal.shell;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.karaf.shell.support.table.ShellTable;
import org.p2pvps.gateway.Tunnel;

/** The table of p2pvps:tunnel-list: one row per tunnel, times in UTC like the other p2pvps commands. */
final class TunnelTable {

    private TunnelTable() {
    }

    static ShellTable of(List<Tunnel> tunnels) {
        ShellTable table = new ShellTable().emptyTableText("No tunnels");
        List.of("Device", "Port", "Bound on", "Remote", "Since", "Bytes in", "Bytes out").forEach(table::column);
        for (Tunnel tunnel : tunnels) {
            table.addRow().addContent(
                    tunnel.deviceId(),
                    tunnel.port(),
                    tunnel.bindAddress(),
                    tunnel.remote().getAddress().getHostAddress() + ":" + tunnel.remote().getPort(),
                    DateTimeFormatter.ISO_INSTANT.format(tunnel.since().truncatedTo(ChronoUnit.SECONDS)),
                    tunnel.bytesIn(),
                    tunnel.bytesOut());
        }
        return table;
    }
}

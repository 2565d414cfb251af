package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2pvps.device.Device;

/** The commands wired to in-memory services, the way Karaf injects them, printing where Karaf points them. */
class CommandsTest {

    private final List<Device> devices = List.of(
            TestData.registered("d1", "o1", 6001), TestData.registered("d2", "o1", 6002), TestData.created("d3", "o2"));
    private final InMemoryServices.Devices deviceService = new InMemoryServices.Devices(devices);
    private final InMemoryServices.Owners ownerService = new InMemoryServices.Owners(List.of(
            TestData.owner("o1", "alice@example.org"), TestData.owner("o2", "bob@example.org")));
    private final InMemoryServices.Listings listingService = new InMemoryServices.Listings(devices, Set.of("d2"));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream systemOut;
    private PrintStream systemErr;

    @BeforeEach
    void capture() {
        systemOut = System.out;
        systemErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(systemOut);
        System.setErr(systemErr);
    }

    @Test
    void deviceListFiltersByOwnerEmailAndOnline() throws Exception {
        DeviceListCommand command = deviceList();
        command.owner = "ALICE@example.org";
        command.onlineOnly = true;

        run(command);

        assertThat(out()).contains("d2").doesNotContain("d1", "d3");
        assertThat(err()).isEmpty();
    }

    @Test
    void deviceListNamesAnUnknownOwner() throws Exception {
        DeviceListCommand command = deviceList();
        command.owner = "carol@example.org";

        run(command);

        assertThat(err()).isEqualTo("No owner with id or e-mail carol@example.org");
        assertThat(out()).isEmpty();
    }

    @Test
    void deviceShowNamesAnUnknownDevice() throws Exception {
        DeviceShowCommand command = deviceShow("nope");

        run(command);

        assertThat(err()).isEqualTo("No device with id nope");
        assertThat(out()).isEmpty();
    }

    @Test
    void deviceShowPrintsTheDevice() throws Exception {
        run(deviceShow("d2"));

        assertThat(out()).contains("alice@example.org", "sub-d2", "SHA256:abcdefFINGERPRINT")
                .containsPattern("Online +. yes")
                .doesNotContain("SECRETKEYMATERIAL");
    }

    @Test
    void ownerListCountsDevices() throws Exception {
        OwnerListCommand command = new OwnerListCommand();
        command.owners = ownerService;
        command.devices = deviceService;

        run(command);

        assertThat(out()).containsPattern("o1 .*alice@example.org.* 2").containsPattern("o2 .*bob@example.org.* 1");
    }

    private DeviceListCommand deviceList() {
        DeviceListCommand command = new DeviceListCommand();
        command.devices = deviceService;
        command.owners = ownerService;
        command.listings = listingService;
        return command;
    }

    private DeviceShowCommand deviceShow(String id) {
        DeviceShowCommand command = new DeviceShowCommand();
        command.id = id;
        command.devices = deviceService;
        command.owners = ownerService;
        command.listings = listingService;
        return command;
    }

    private static void run(Action command) throws Exception {
        assertThat(command.execute()).isNull();
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }
}

package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The commands wired to in-memory services, the way Karaf injects them, printing where Karaf points them. */
class CommandsTest {

    private final SampleRegistry registry = new SampleRegistry();
    private final InMemoryServices.Devices deviceService = registry.deviceService;
    private final InMemoryServices.Owners ownerService = registry.ownerService;
    private final InMemoryServices.Listings listingService = registry.listingService;

    @RegisterExtension
    final Console console = new Console();

    @Test
    void deviceListFiltersByOwnerEmailAndOnline() throws Exception {
        DeviceListCommand command = deviceList();
        command.owner = "ALICE@example.org";
        command.onlineOnly = true;

        Console.run(command);

        assertThat(console.out()).contains("d2").doesNotContain("d1", "d3");
        assertThat(console.err()).isEmpty();
    }

    @Test
    void deviceListNamesAnUnknownOwner() throws Exception {
        DeviceListCommand command = deviceList();
        command.owner = "carol@example.org";

        console.assertRefused(command, "No owner with id or e-mail carol@example.org");
    }

    @Test
    void deviceShowNamesAnUnknownDevice() throws Exception {
        DeviceShowCommand command = deviceShow("nope");

        console.assertRefused(command, "No device with id nope");
    }

    @Test
    void deviceShowPrintsTheDevice() throws Exception {
        Console.run(deviceShow("d2"));

        assertThat(console.out()).contains("alice@example.org", "sub-d2", "SHA256:abcdefFINGERPRINT")
                .containsPattern("Online +. yes")
                .doesNotContain("SECRETKEYMATERIAL");
    }

    @Test
    void ownerListCountsDevices() throws Exception {
        OwnerListCommand command = new OwnerListCommand();
        command.owners = ownerService;
        command.devices = deviceService;

        Console.run(command);

        assertThat(console.out()).containsPattern("o1 .*alice@example.org.* 2")
                .containsPattern("o2 .*bob@example.org.* 1");
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
}

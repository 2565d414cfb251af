package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.p2pvps.device.Device;

class DeviceDetailsTest {

    @Test
    void registeredDeviceShowsEverythingButItsKey() {
        Device device = TestData.registered("d1", "o1", 6001);

        Map<String, String> fields = byLabel(
                DeviceDetails.of(device, Optional.of(TestData.owner("o1", "alice@example.org")), true));

        assertThat(fields).containsEntry("ID", "d1")
                .containsEntry("Owner", "alice@example.org")
                .containsEntry("Owner ID", "o1")
                .containsEntry("Prices", "HOUR 150, DAY 3000 (USD minor units)")
                .containsEntry("Created", "2024-03-01T08:00:00Z")
                .containsEntry("Registered", "2024-03-02T09:30:15Z")
                .containsEntry("Online", "yes")
                .containsEntry("Last seen", "2024-03-05T10:15:30Z")
                .containsEntry("Tunnel port", "6001")
                .containsEntry("Subdomain", "sub-d1")
                .containsEntry("Key fingerprint", "SHA256:abcdefFINGERPRINT")
                .containsEntry("CPU", "Cortex-A72")
                .containsEntry("Cores", "4")
                .containsEntry("Memory", "3906 MiB")
                .containsEntry("Disk", "28000 MiB")
                .containsEntry("Arch", "arm64");
        assertThat(String.join("\n", fields.values())).doesNotContain("SECRETKEYMATERIAL", "ssh-ed25519");
    }

    @Test
    void unregisteredDeviceShowsDashesForWhatItNeverReported() {
        Map<String, String> fields = byLabel(DeviceDetails.of(TestData.created("d2", "gone"), Optional.empty(), false));

        assertThat(fields).containsEntry("Owner", "-")
                .containsEntry("Owner ID", "gone")
                .containsEntry("Description", "-")
                .containsEntry("Online", "no");
        List.of("Registered", "Last seen", "Tunnel port", "Subdomain", "Key fingerprint", "CPU", "Cores", "Memory",
                "Disk", "Arch").forEach(label -> assertThat(fields).containsEntry(label, "-"));
    }

    private static Map<String, String> byLabel(List<Field> fields) {
        return fields.stream().collect(Collectors.toMap(Field::label, Field::value));
    }
}

package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DeviceTableTest {

    private final Owners owners = new Owners(List.of(TestData.owner("o1", "alice@example.org")));

    @Test
    void showsOneRowPerDeviceWithOwnerEmailAndIsoTimes() {
        String out = TestData.printed(DeviceTable.of(
                List.of(TestData.registered("d1", "o1", 6001), TestData.created("d2", "gone")), owners, Set.of("d1")));

        assertThat(out.lines().toList()).hasSize(4); // header, rule, two rows
        assertThat(out).contains("ID", "Name", "Owner", "Registered", "Online", "Tunnel port", "Subdomain",
                "Last seen");
        assertThat(row(out, "d1")).contains("box-d1", "alice@example.org", "2024-03-02T09:30:15Z", "yes", "6001",
                "sub-d1", "2024-03-05T10:15:30Z");
        assertThat(row(out, "d2")).contains("box-d2", "gone", "no").contains(" - ")
                .doesNotContain("2024");
    }

    @Test
    void saysSoWhenThereAreNoDevices() {
        assertThat(TestData.printed(DeviceTable.of(List.of(), owners, Set.of()))).contains("No devices");
    }

    private static String row(String out, String id) {
        return out.lines().filter(line -> line.startsWith(id)).findFirst().orElseThrow();
    }
}

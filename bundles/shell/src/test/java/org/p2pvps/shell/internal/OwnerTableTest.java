package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OwnerTableTest {

    @Test
    void countsEachOwnersDevices() {
        String out = TestData.printed(OwnerTable.of(
                List.of(TestData.owner("o1", "alice@example.org"), TestData.owner("o2", "bob@example.org")),
                List.of(TestData.registered("d1", "o1", 6001), TestData.created("d2", "o1"))));

        assertThat(out).contains("ID", "E-mail", "Created", "Devices");
        assertThat(line(out, "o1")).contains("alice@example.org", "2024-03-01T08:00:00Z").endsWith("2");
        assertThat(line(out, "o2")).contains("bob@example.org").endsWith("0");
    }

    @Test
    void saysSoWhenThereAreNoOwners() {
        assertThat(TestData.printed(OwnerTable.of(List.of(), List.of()))).contains("No owners");
    }

    private static String line(String out, String id) {
        return out.lines().filter(l -> l.startsWith(id)).findFirst().orElseThrow().strip();
    }
}

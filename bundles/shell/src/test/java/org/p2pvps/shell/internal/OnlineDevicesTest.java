package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.p2pvps.device.Device;

class OnlineDevicesTest {

    @Test
    void collectsOnlineDevicesAcrossListingPages() {
        List<Device> devices = IntStream.range(0, 230).mapToObj(i -> TestData.registered("d" + i, "o1", 6000 + i))
                .toList();
        Set<String> online = devices.stream().map(Device::id).filter(id -> !id.equals("d7"))
                .collect(Collectors.toSet());

        assertThat(OnlineDevices.ids(new InMemoryServices.Listings(devices, online)))
                .hasSize(229)
                .doesNotContain("d7")
                .contains("d0", "d229");
    }

    @Test
    void noneOnline() {
        List<Device> devices = List.of(TestData.registered("d1", "o1", 6001));

        assertThat(OnlineDevices.ids(new InMemoryServices.Listings(devices, Set.of()))).isEmpty();
    }
}

package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.p2pvps.device.Device;

class DeviceFilterTest {

    private final Device aliceOnline = TestData.registered("d1", "o1", 6001);
    private final Device aliceNew = TestData.created("d2", "o1");
    private final Device bobOffline = TestData.registered("d3", "o2", 6003);
    private final List<Device> all = List.of(aliceOnline, aliceNew, bobOffline);
    private final Set<String> onlineIds = Set.of("d1");

    @Test
    void noFilterKeepsAllInOrder() {
        assertThat(new DeviceFilter(false, null).apply(all, onlineIds)).containsExactlyElementsOf(all);
    }

    @Test
    void onlineOnly() {
        assertThat(new DeviceFilter(true, null).apply(all, onlineIds)).containsExactly(aliceOnline);
    }

    @Test
    void oneOwner() {
        assertThat(new DeviceFilter(false, "o1").apply(all, onlineIds)).containsExactly(aliceOnline, aliceNew);
    }

    @Test
    void filtersCombine() {
        assertThat(new DeviceFilter(true, "o2").apply(all, onlineIds)).isEmpty();
    }
}

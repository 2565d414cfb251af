package org.p2pvps.shell.internal;

import java.util.List;
import java.util.Set;

import org.p2pvps.device.Device;

/**
 * The registry the command tests run against: alice owns d1 and d2 (both registered, d2 online), bob owns d3
 * (created, never registered).
 */
final class SampleRegistry {

    final List<Device> devices = List.of(
            TestData.registered("d1", "o1", 6001), TestData.registered("d2", "o1", 6002), TestData.created("d3", "o2"));
    final InMemoryServices.Devices deviceService = new InMemoryServices.Devices(devices);
    final InMemoryServices.Owners ownerService = new InMemoryServices.Owners(List.of(
            TestData.owner("o1", "alice@example.org"), TestData.owner("o2", "bob@example.org")));
    final InMemoryServices.Listings listingService = new InMemoryServices.Listings(devices, Set.of("d2"));
}

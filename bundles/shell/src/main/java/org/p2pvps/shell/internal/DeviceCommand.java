package org.p2pvps.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.p2pvps.device.DeviceService;
import org.p2pvps.listing.ListingService;
import org.p2pvps.owner.OwnerService;

/**
 * The services a command about devices reads: the devices, their owners, and the listing search (the only
 * API that says which devices are online). Karaf injects these fields in subclasses too; optional, as all in this
 * bundle ({@link Registry} says why).
 */
abstract class DeviceCommand implements Action {

    @Reference(optional = true)
    DeviceService devices;

    @Reference(optional = true)
    OwnerService owners;

    @Reference(optional = true)
    ListingService listings;
}

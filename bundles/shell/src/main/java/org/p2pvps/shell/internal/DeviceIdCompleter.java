package org.p2pvps.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.p2pvps.device.Device;
import org.p2pvps.device.DeviceService;

/** Completes device ids, which are long and random enough that nobody types them by hand. */
@Service
public final class DeviceIdCompleter extends ValuesCompleter {

    @Reference(optional = true)
    DeviceService devices;

    @Override
    List<String> values() {
        return devices == null ? List.of() : Paging.all(devices::list).stream().map(Device::id).toList();
    }
}

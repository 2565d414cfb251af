package org.p2pvps.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.p2pvps.device.Device;
import org.p2pvps.device.DeviceService;

/** Completes device ids, which are long and random enough that nobody types them by hand. */
@Service
public final class DeviceIdCompleter implements Completer {

    @Reference
    DeviceService devices;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<String> ids = Paging.all(devices::list).stream().map(Device::id).toList();
        return new StringsCompleter(ids).complete(session, commandLine, candidates);
    }
}

package org.p2pvps.registry.internal;

import java.util.function.Function;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads etc/org.p2pvps.registry.cfg and publishes it as {@link RegistrySettings} while it is valid. A change
 * that fails validation is one log line naming the setting and leaves the settings in force, so the API keeps
 * serving; before, every registry component validated on its own and an operator's typo took the whole API
 * down with a stack trace per component.
 */
// registered by hand, so the bundle states that it provides the service its components require
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=org.p2pvps.registry.internal.RegistrySettings")
@Component(service = {}, immediate = true, configurationPid = RegistryConfiguration.PID)
// the one place that describes the org.p2pvps.registry configuration to Metatype
@Designate(ocd = RegistryConfig.class)
public final class RegistryConfiguration {

    static final String PID = "org.p2pvps.registry";
    private static final String CONFIG_FILE = "etc/" + PID + ".cfg";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryConfiguration.class);

    private final Function<RegistrySettings, Runnable> publisher;
    private RegistrySettings settings;
    private Runnable withdraw;

    @Activate
    public RegistryConfiguration(BundleContext context, RegistryConfig config) {
        this(settings -> context.registerService(RegistrySettings.class, settings, null)::unregister, config);
    }

    /** @param publisher publishes settings and returns how to withdraw them */
    RegistryConfiguration(Function<RegistrySettings, Runnable> publisher, RegistryConfig config) {
        this.publisher = publisher;
        apply(config);
    }

    @Modified
    synchronized void modified(RegistryConfig config) {
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        withdraw();
    }

    private void apply(RegistryConfig config) {
        RegistrySettings wanted;
        try {
            wanted = RegistrySettings.from(config);
        } catch (IllegalArgumentException e) {
            if (settings == null) {
                LOG.error("Registry not started: {} ({}); it starts once that is fixed", e.getMessage(), CONFIG_FILE);
            } else {
                LOG.error("Registry settings not applied: {} ({}); the registry keeps serving with its previous settings "
                        + "until a restart of the server, which would refuse it: fix it",
                        e.getMessage(), CONFIG_FILE);
            }
            return;
        }
        if (wanted.equals(settings)) {
            return;
        }
        withdraw();
        withdraw = publisher.apply(wanted);
        settings = wanted;
    }

    private void withdraw() {
        if (withdraw != null) {
            withdraw.run();
            withdraw = null;
            settings = null;
        }
    }
}

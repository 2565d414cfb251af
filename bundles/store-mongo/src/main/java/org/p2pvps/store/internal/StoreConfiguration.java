package org.p2pvps.store.internal;

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
 * Reads etc/org.p2pvps.store.cfg and publishes it as {@link StoreOptions} while it is valid; the store opens
 * from those. An invalid change is one log line naming the setting and the store keeps serving as it was;
 * before, a typo stopped the store and with it the registry and the whole REST API.
 */
// registered by hand, so the bundle states that it provides the service its store component requires
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.p2pvps.store.internal.StoreOptions")
@Component(service = {}, immediate = true, configurationPid = "org.p2pvps.store")
@Designate(ocd = StoreConfig.class)
public final class StoreConfiguration {

    private static final String CONFIG_FILE = "etc/org.p2pvps.store.cfg";
    private static final Logger LOG = LoggerFactory.getLogger(StoreConfiguration.class);

    private final Function<StoreOptions, Runnable> publisher;
    private final String karafData;
    private StoreOptions options;
    private Runnable withdraw;

    @Activate
    public StoreConfiguration(BundleContext context, StoreConfig config) {
        this(options -> context.registerService(StoreOptions.class, options, null)::unregister,
                context.getProperty("karaf.data"), config);
    }

    /** @param publisher publishes options and returns how to withdraw them */
    StoreConfiguration(Function<StoreOptions, Runnable> publisher, String karafData, StoreConfig config) {
        this.publisher = publisher;
        this.karafData = karafData;
        apply(config);
    }

    @Modified
    synchronized void modified(StoreConfig config) {
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        if (withdraw != null) {
            withdraw.run();
            withdraw = null;
            options = null;
        }
    }

    private void apply(StoreConfig config) {
        StoreOptions wanted;
        try {
            wanted = StoreOptions.from(config, karafData);
        } catch (IllegalArgumentException e) {
            LOG.error("Store settings not applied: {} ({}); {}", e.getMessage(), CONFIG_FILE,
                    options == null ? "the store starts once that is fixed"
                            : "the store keeps serving as it was until a restart of the server, which would refuse it: fix it");
            return;
        }
        if (!wanted.equals(options)) {
            deactivate();
            withdraw = publisher.apply(wanted);
            options = wanted;
        }
    }
}

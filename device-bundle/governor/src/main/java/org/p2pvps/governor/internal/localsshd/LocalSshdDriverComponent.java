package org.p2pvps.governor.internal.localsshd;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.p2pvps.governor.container.ContainerDriver;
import org.p2pvps.governor.container.ContainerException;
import org.p2pvps.governor.internal.GovernorConfig;
import org.p2pvps.governor.internal.GovernorPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link LocalSshdDriver} with the governor's configuration ({@code localsshd.port}, {@code data.dir}).
 * It registers the driver itself rather than being the service: DS would publish the governor's configuration
 * as the service's properties, and its {@code container.driver} (the driver the owner chose, say
 * {@code docker}) would replace this driver's own name, so the governor would pick this driver for any name.
 */
@Component(configurationPid = GovernorConfig.PID, service = {})
public final class LocalSshdDriverComponent {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSshdDriverComponent.class);

    private final LocalSshdDriver driver;
    private final ServiceRegistration<ContainerDriver> registration;

    @Activate
    public LocalSshdDriverComponent(BundleContext context, GovernorConfig config) {
        driver = new LocalSshdDriver(config.localsshd_port(), GovernorPaths.dataDir(context, config).resolve(LocalSshdDriver.NAME));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ContainerDriver.DRIVER_PROPERTY, LocalSshdDriver.NAME);
        registration = context.registerService(ContainerDriver.class, driver, properties);
    }

    /** A changed governor configuration keeps the running renter environment; a new port needs a restart. */
    @Modified
    void modified(GovernorConfig config) {
        if (config.localsshd_port() != driver.sshPort()) {
            LOG.warn("localsshd.port changed to {}: restart the device runtime to apply it (still {})",
                    config.localsshd_port(), driver.sshPort());
        }
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        try {
            driver.reset();
        } catch (ContainerException e) {
            LOG.error("local-sshd: {}", e.getMessage(), e);
        }
    }
}

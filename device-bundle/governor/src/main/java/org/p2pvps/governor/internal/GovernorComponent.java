package org.p2pvps.governor.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.p2pvps.governor.container.ContainerDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The governor as a DS component: runs a {@link DeviceGovernor} while {@code etc/org.p2pvps.governor.cfg}
 * exists, with whichever {@link ContainerDriver} service carries the configured {@code container.driver}
 * name; a driver bundle may come and go while it runs.
 */
@Component(configurationPid = GovernorConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = GovernorConfig.class)
public final class GovernorComponent {

    private static final Logger LOG = LoggerFactory.getLogger(GovernorComponent.class);

    private final Map<String, ContainerDriver> drivers = new ConcurrentHashMap<>();
    private final DeviceGovernor governor;

    @Activate
    public GovernorComponent(BundleContext context, GovernorConfig config) {
        GovernorOptions options = GovernorOptions.parse(config, GovernorPaths.dataDir(context, config));
        LOG.info("Governor for device {} with server {}, driver {}, data in {}", options.deviceId(), options.apiBase(),
                options.driver(), options.dataDir());
        governor = new DeviceGovernor(options, drivers::get, Clock.systemUTC());
        governor.start();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriver(ContainerDriver driver, Map<String, Object> properties) {
        Object name = properties.get(ContainerDriver.DRIVER_PROPERTY);
        if (name == null) {
            LOG.warn("Ignoring a container driver without the {} property: {}", ContainerDriver.DRIVER_PROPERTY, driver);
            return;
        }
        drivers.put(name.toString(), driver);
        LOG.debug("Container driver '{}' available", name);
        DeviceGovernor g = governor;
        if (g != null) {
            g.driversChanged();
        }
    }

    void removeDriver(ContainerDriver driver, Map<String, Object> properties) {
        Object name = properties.get(ContainerDriver.DRIVER_PROPERTY);
        if (name != null && drivers.remove(name.toString(), driver)) {
            LOG.debug("Container driver '{}' gone", name);
            DeviceGovernor g = governor;
            if (g != null) {
                g.driversChanged();
            }
        }
    }

    @Deactivate
    void deactivate() {
        governor.close();
    }
}

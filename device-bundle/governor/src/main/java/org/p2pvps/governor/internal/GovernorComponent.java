package org.p2pvps.governor.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentServiceObjects;
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
 * <p>
 * Only the configured driver's service is ever got, so SCR activates that driver alone: the others stay
 * registered but never load their classes (the docker driver's docker-java costs ~15 MiB on a device that
 * uses local-sshd, bench/device/RESULTS.md).
 */
@Component(configurationPid = GovernorConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = GovernorConfig.class)
public final class GovernorComponent {

    private static final Logger LOG = LoggerFactory.getLogger(GovernorComponent.class);

    // SCR binds and unbinds on its threads while the governor thread gets drivers: both maps under this lock
    private final Object lock = new Object();
    private final Map<String, ComponentServiceObjects<ContainerDriver>> installed = new HashMap<>();
    private final Map<String, ContainerDriver> got = new HashMap<>();
    private final DeviceGovernor governor;

    @Activate
    public GovernorComponent(BundleContext context, GovernorConfig config) {
        GovernorOptions options = GovernorOptions.parse(config, GovernorPaths.dataDir(context, config));
        LOG.info("Governor for device {} with server {}, driver {}, data in {}", options.deviceId(), options.apiBase(),
                options.driver(), options.dataDir());
        governor = new DeviceGovernor(options, this::driver, Clock.systemUTC());
        governor.start();
    }

    /**
     * The installed driver of this name, activated on first use; {@code null} when there is none. Activation
     * (the docker driver asks Docker) runs outside the lock, so SCR is never held up by it; a driver unbound
     * meanwhile is not kept.
     */
    private ContainerDriver driver(String name) {
        ComponentServiceObjects<ContainerDriver> objects;
        synchronized (lock) {
            ContainerDriver known = got.get(name);
            if (known != null) {
                return known;
            }
            objects = installed.get(name);
        }
        if (objects == null) {
            return null;
        }
        ContainerDriver service;
        try {
            service = objects.getService();
        } catch (IllegalStateException unboundMeanwhile) {
            return null;
        }
        synchronized (lock) {
            if (service != null && installed.get(name) == objects) {
                got.put(name, service);
                return service;
            }
        }
        return null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriver(ComponentServiceObjects<ContainerDriver> driver, Map<String, Object> properties) {
        Object name = properties.get(ContainerDriver.DRIVER_PROPERTY);
        if (name == null) {
            LOG.warn("Ignoring a container driver without the {} property: {}", ContainerDriver.DRIVER_PROPERTY,
                    driver.getServiceReference());
            return;
        }
        synchronized (lock) {
            installed.put(name.toString(), driver);
            got.remove(name.toString());
        }
        LOG.debug("Container driver '{}' available", name);
        DeviceGovernor g = governor;
        if (g != null) {
            g.driversChanged();
        }
    }

    /** SCR releases what was got from {@code driver} once this returns. */
    void removeDriver(ComponentServiceObjects<ContainerDriver> driver, Map<String, Object> properties) {
        Object name = properties.get(ContainerDriver.DRIVER_PROPERTY);
        boolean removed;
        synchronized (lock) {
            ComponentServiceObjects<ContainerDriver> known = name == null ? null : installed.get(name.toString());
            removed = known != null && known.getServiceReference().equals(driver.getServiceReference());
            if (removed) {
                installed.remove(name.toString());
                got.remove(name.toString());
            }
        }
        if (removed) {
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

package org.p2pvps.governor.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
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

    private final DriverChoice<ServiceReference<ContainerDriver>, ComponentServiceObjects<ContainerDriver>,
            ContainerDriver> drivers = new DriverChoice<>();
    /** {@code null} while the configuration is not usable. */
    private final DeviceGovernor governor;

    /**
     * An unusable configuration is the owner's to fix, not a fault: said in one log line and in the status file,
     * and the governor starts once the file is corrected (a changed configuration activates this anew).
     */
    @Activate
    public GovernorComponent(BundleContext context, GovernorConfig config) {
        Path dataDir = GovernorPaths.dataDir(context, config);
        GovernorOptions options;
        try {
            options = GovernorOptions.parse(config, dataDir);
        } catch (IllegalArgumentException e) {
            LOG.error("Not started, etc/{}.cfg needs a correction: {}", GovernorConfig.PID, e.getMessage());
            try {
                PrivateFiles.write(dataDir.resolve(Status.FILE), Status.unusableConfiguration(e.getMessage(), Instant.now()));
            } catch (IOException | RuntimeException notWritten) {
                LOG.warn("Cannot write the status file: {}", DeviceGovernor.describe(notWritten));
            }
            governor = null;
            return;
        }
        LOG.info("Governor for device {} with server {}, driver {}, data in {}", options.deviceId(), options.apiBase(),
                options.driver(), options.dataDir());
        governor = new DeviceGovernor(options, this::driver, Clock.systemUTC());
        governor.start();
    }

    /**
     * The driver of this name, activated on first use; {@code null} when none is installed. Activation (the docker
     * driver asks Docker) runs outside {@link DriverChoice}'s lock, so SCR is never held up by it.
     */
    private ContainerDriver driver(String name) {
        ContainerDriver used = drivers.inUse(name);
        if (used != null) {
            return used;
        }
        Map.Entry<ServiceReference<ContainerDriver>, ComponentServiceObjects<ContainerDriver>> best = drivers.best(name);
        if (best == null) {
            return null;
        }
        ContainerDriver service;
        try {
            service = best.getValue().getService();
        } catch (IllegalStateException unboundMeanwhile) {
            return null;
        }
        if (service == null || drivers.use(name, best.getKey(), service)) {
            return service;
        }
        try {
            best.getValue().ungetService(service);
        } catch (IllegalStateException unboundMeanwhile) {
            // SCR released it with the reference
        }
        return drivers.inUse(name);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriver(ComponentServiceObjects<ContainerDriver> driver, Map<String, Object> properties) {
        Object name = properties.get(ContainerDriver.DRIVER_PROPERTY);
        ServiceReference<ContainerDriver> reference = driver.getServiceReference();
        if (name == null) {
            LOG.warn("Ignoring a container driver without the {} property: {}", ContainerDriver.DRIVER_PROPERTY,
                    reference);
            return;
        }
        int sameName = drivers.add(name.toString(), reference, driver);
        if (sameName > 1) {
            LOG.warn("{} container drivers are named '{}' (newest: service {} of bundle {}): the one in use stays, "
                    + "else the highest service.ranking wins", sameName, name,
                    reference.getProperty(Constants.SERVICE_ID), reference.getBundle());
        } else {
            LOG.debug("Container driver '{}' available", name);
        }
        DeviceGovernor g = governor;
        if (g != null) {
            g.driversChanged();
        }
    }

    /** SCR releases what was got from {@code driver} once this returns. */
    void removeDriver(ComponentServiceObjects<ContainerDriver> driver, Map<String, Object> properties) {
        Object name = properties.get(ContainerDriver.DRIVER_PROPERTY);
        if (name != null && drivers.remove(name.toString(), driver.getServiceReference())) {
            LOG.debug("Container driver '{}' in use is gone", name);
            DeviceGovernor g = governor;
            if (g != null) {
                g.driversChanged();
            }
        }
    }

    @Deactivate
    void deactivate() {
        if (governor != null) {
            governor.close();
        }
    }
}

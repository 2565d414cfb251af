package org.p2pvps.itests;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationListener;

/**
 * Changes a configuration as an operator's edit of {@code etc/<pid>.cfg} does (Config Admin hands the file's
 * values over as text), and returns once the change has been handled.
 */
final class Configurations {

    // Config Admin tells configuration listeners (SCR among them) of changes one at a time, in order: once a
    // listener hears of a change to this pid, every listener is done with the changes made before it
    private static final String FENCE_PID = "org.p2pvps.itest.fence";

    private final BundleContext context;
    private final ConfigurationAdmin admin;

    Configurations(BundleContext context) {
        this.context = context;
        this.admin = context.getService(context.getServiceReference(ConfigurationAdmin.class));
    }

    /** @return a copy of the pid's properties as they are now */
    Dictionary<String, Object> current(String pid) throws Exception {
        Dictionary<String, Object> properties = admin.getConfiguration(pid, null).getProperties();
        Hashtable<String, Object> copy = new Hashtable<>();
        if (properties != null) {
            for (var keys = properties.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                copy.put(key, properties.get(key));
            }
        }
        return copy;
    }

    /** @return a copy of {@code properties} with the key set to the value, as the .cfg file's text */
    static Dictionary<String, Object> with(Dictionary<String, Object> properties, String key, String value) {
        Hashtable<String, Object> changed = new Hashtable<>();
        for (var keys = properties.keys(); keys.hasMoreElements();) {
            String name = keys.nextElement();
            changed.put(name, properties.get(name));
        }
        changed.put(key, value);
        return changed;
    }

    /** Updates the pid and waits until SCR has applied (or refused) the change. */
    void update(String pid, Dictionary<String, Object> properties) throws Exception {
        CountDownLatch fenced = new CountDownLatch(1);
        ServiceRegistration<ConfigurationListener> listener = context.registerService(ConfigurationListener.class,
                event -> {
                    if (FENCE_PID.equals(event.getPid())) {
                        fenced.countDown();
                    }
                }, null);
        try {
            admin.getConfiguration(pid, null).update(properties);
            Configuration fence = admin.getConfiguration(FENCE_PID, null);
            Hashtable<String, Object> marker = new Hashtable<>();
            marker.put("marker", UUID.randomUUID().toString());
            fence.update(marker);
            if (!fenced.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the change of " + pid + " was not handled within 60 s");
            }
        } finally {
            listener.unregister();
        }
    }
}

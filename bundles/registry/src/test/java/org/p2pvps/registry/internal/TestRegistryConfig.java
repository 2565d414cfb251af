package org.p2pvps.registry.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link RegistryConfig} as Config Admin would hand it over: the defaults, with some values set. */
final class TestRegistryConfig {

    private TestRegistryConfig() {
    }

    /** @param values by method name, e.g. {@code "session_ttl_hours"} */
    static RegistryConfig of(Map<String, Object> values) {
        return (RegistryConfig) Proxy.newProxyInstance(RegistryConfig.class.getClassLoader(),
                new Class<?>[] {RegistryConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue());
    }
}

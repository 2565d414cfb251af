package org.p2pvps.sshgateway.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link GatewayConfig} as Config Admin would hand it over: the defaults, with some keys set. */
final class TestConfig {

    private TestConfig() {
    }

    /** @param values by property name as in the .cfg file, e.g. {@code "listen.port"} */
    static GatewayConfig of(Map<String, Object> values) {
        return (GatewayConfig) Proxy.newProxyInstance(GatewayConfig.class.getClassLoader(),
                new Class<?>[] {GatewayConfig.class}, (proxy, method, args) -> {
                    String key = method.getName().replace('_', '.');
                    return switch (method.getName()) {
                        case "annotationType" -> GatewayConfig.class;
                        case "toString" -> "TestConfig" + values;
                        case "hashCode" -> values.hashCode();
                        case "equals" -> proxy == args[0];
                        default -> values.containsKey(key) ? values.get(key) : method.getDefaultValue();
                    };
                });
    }
}

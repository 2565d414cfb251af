package org.p2pvps.registry.internal;

import java.util.Map;

/**
 * What an owner sends to create a device or to change one; in a change, absent fields stay as they are.
 *
 * @param name the device's name
 * @param description the device's description
 * @param currency the currency of {@code pricing}
 * @param pricing price per period name in minor units
 */
public record DeviceDraft(String name, String description, String currency, Map<String, Long> pricing) {
}

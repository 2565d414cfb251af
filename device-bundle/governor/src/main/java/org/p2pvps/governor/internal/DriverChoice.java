package org.p2pvps.governor.internal;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The installed container drivers by name, and the one instance the governor uses of each name. When several
 * services carry the same name, the one in use stays in use while it is installed (it may hold a renter's
 * environment); otherwise the greatest key wins, which for service references is OSGi's order: highest
 * {@code service.ranking}, then the oldest service. Keys are compared when asked, not kept sorted: a service's
 * ranking may change while it is registered. Thread-safe: SCR binds and unbinds on its threads while the governor
 * thread asks.
 *
 * @param <K> what identifies a service (its service reference)
 * @param <O> how to get an instance of it
 * @param <D> the instance
 */
final class DriverChoice<K extends Comparable<? super K>, O, D> {

    private record InUse<K, D>(K key, D driver) {
    }

    private final Map<String, List<Map.Entry<K, O>>> installed = new HashMap<>();
    private final Map<String, InUse<K, D>> inUse = new HashMap<>();

    /** @return how many services carry this name now */
    synchronized int add(String name, K key, O source) {
        List<Map.Entry<K, O>> candidates = installed.computeIfAbsent(name, n -> new ArrayList<>());
        candidates.removeIf(candidate -> candidate.getKey().equals(key));
        candidates.add(new SimpleImmutableEntry<>(key, source));
        return candidates.size();
    }

    /** @return whether the removed service was the one in use */
    synchronized boolean remove(String name, K key) {
        List<Map.Entry<K, O>> candidates = installed.get(name);
        if (candidates == null || !candidates.removeIf(candidate -> candidate.getKey().equals(key))) {
            return false;
        }
        if (candidates.isEmpty()) {
            installed.remove(name);
        }
        InUse<K, D> used = inUse.get(name);
        if (used != null && used.key().equals(key)) {
            inUse.remove(name);
            return true;
        }
        return false;
    }

    /** The instance in use by this name, {@code null} when none is. */
    synchronized D inUse(String name) {
        InUse<K, D> used = inUse.get(name);
        return used == null ? null : used.driver();
    }

    /** The service to get an instance from when none of this name is in use; {@code null} when none is installed. */
    synchronized Map.Entry<K, O> best(String name) {
        List<Map.Entry<K, O>> candidates = installed.get(name);
        return candidates == null ? null : candidates.stream().max(Comparator.comparing(Map.Entry::getKey)).orElseThrow();
    }

    /**
     * Records the instance got from a service {@link #best} named.
     *
     * @return {@code false} when that service was removed or another instance came into use meanwhile: the
     *         caller gives its instance back
     */
    synchronized boolean use(String name, K key, D driver) {
        List<Map.Entry<K, O>> candidates = installed.get(name);
        if (candidates == null || candidates.stream().noneMatch(candidate -> candidate.getKey().equals(key))
                || inUse.containsKey(name)) {
            return false;
        }
        inUse.put(name, new InUse<>(key, driver));
        return true;
    }
}

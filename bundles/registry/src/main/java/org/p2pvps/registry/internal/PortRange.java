package org.p2pvps.registry.internal;

import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/** An inclusive range of TCP ports, and how to pick a free one from it. */
public record PortRange(int min, int max) {

    public static PortRange of(int min, int max) {
        if (min < 1024 || max > 65535 || min > max) {
            throw new IllegalArgumentException(
                    "tunnel.port.min and tunnel.port.max must lie within 1024-65535 with min <= max, not " + min + "-" + max);
        }
        return new PortRange(min, max);
    }

    public int size() {
        return max - min + 1;
    }

    public boolean contains(int port) {
        return port >= min && port <= max;
    }

    /** A uniformly random port of the range, used or not: cheap, and right most of the time. */
    public int any(Random random) {
        return min + random.nextInt(size());
    }

    /** @return a uniformly random port not in {@code used}, or -1 when the range is full */
    public int anyFree(Set<Integer> used, Random random) {
        int[] free = IntStream.rangeClosed(min, max).filter(port -> !used.contains(port)).toArray();
        return free.length == 0 ? -1 : free[random.nextInt(free.length)];
    }
}

package org.p2pvps.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PortRangeTest {

    private final Random random = new Random(42);

    @Test
    void aRangeIsInclusiveAndWithinUnprivilegedPorts() {
        PortRange range = PortRange.of(6000, 6999);

        assertThat(range.size()).isEqualTo(1000);
        assertThat(range.contains(6000)).isTrue();
        assertThat(range.contains(6999)).isTrue();
        assertThat(range.contains(5999)).isFalse();
        assertThat(range.contains(7000)).isFalse();
        assertThat(PortRange.of(1024, 1024).size()).isEqualTo(1);
        assertThat(PortRange.of(65535, 65535).size()).isEqualTo(1);
    }

    @Test
    void badRangesAreRefusedWithTheirBounds() {
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.of(80, 2000)).withMessageContaining("80-2000");
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.of(6000, 65536));
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.of(7000, 6000));
    }

    @Test
    void anyPicksEveryPortOfTheRangeAndNothingElse() {
        PortRange range = PortRange.of(6000, 6009);
        Set<Integer> seen = new HashSet<>();

        for (int i = 0; i < 1000; i++) {
            seen.add(range.any(random));
        }

        assertThat(seen).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(6000, 6009).boxed().toList());
    }

    @Test
    void anyFreeAvoidsUsedPortsAndSaysWhenNoneIsLeft() {
        PortRange range = PortRange.of(6000, 6002);

        for (int i = 0; i < 100; i++) {
            assertThat(range.anyFree(Set.of(6000, 6002), random)).isEqualTo(6001);
            assertThat(range.anyFree(Set.of(6001, 5000, 9000), random)).isIn(6000, 6002);
        }
        assertThat(range.anyFree(Set.of(6000, 6001, 6002), random)).isEqualTo(-1);
        assertThat(range.anyFree(Set.of(), random)).isBetween(6000, 6002);
    }
}

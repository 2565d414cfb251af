package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keys stand for service references: greater means higher service.ranking (or older at equal ranking). */
class DriverChoiceTest {

    private final DriverChoice<Integer, String, String> choice = new DriverChoice<>();

    @Test
    void theBestRankedOfSeveralIsUsed() {
        assertThat(choice.best("docker")).isNull();
        choice.add("docker", 1, "low");
        assertThat(choice.add("docker", 5, "high")).isEqualTo(2);
        choice.add("local-sshd", 9, "other name");

        assertThat(choice.best("docker").getValue()).isEqualTo("high");
        assertThat(choice.use("docker", 5, "high instance")).isTrue();
        assertThat(choice.inUse("docker")).isEqualTo("high instance");
        assertThat(choice.inUse("local-sshd")).isNull();
    }

    @Test
    void theOneInUseStaysInUseWhenABetterOneArrives() {
        choice.add("docker", 1, "first");
        choice.use("docker", 1, "first instance");

        choice.add("docker", 5, "better");

        assertThat(choice.inUse("docker")).as("it may hold a renter's environment").isEqualTo("first instance");
        assertThat(choice.use("docker", 5, "better instance")).as("a second instance is given back").isFalse();
    }

    @Test
    void whenTheOneInUseGoesTheNextBestIsOffered() {
        choice.add("docker", 1, "standby");
        choice.add("docker", 5, "used");
        choice.use("docker", 5, "used instance");

        assertThat(choice.remove("docker", 1)).as("removing a standby is no change").isFalse();
        choice.add("docker", 1, "standby");
        assertThat(choice.remove("docker", 5)).as("removing the one in use is").isTrue();

        assertThat(choice.inUse("docker")).isNull();
        assertThat(choice.best("docker").getValue()).isEqualTo("standby");
    }

    @Test
    void anInstanceOfAServiceRemovedMeanwhileIsNotUsed() {
        choice.add("docker", 1, "going");
        assertThat(choice.best("docker").getKey()).isEqualTo(1);
        choice.remove("docker", 1);

        assertThat(choice.use("docker", 1, "late instance")).isFalse();
        assertThat(choice.inUse("docker")).isNull();
        assertThat(choice.best("docker")).isNull();
        assertThat(choice.remove("docker", 1)).isFalse();
    }

    /** Like a service reference: equal only to itself, ordered by a ranking that may change while registered. */
    private static final class Reference implements Comparable<Reference> {
        int ranking;

        Reference(int ranking) {
            this.ranking = ranking;
        }

        @Override
        public int compareTo(Reference other) {
            return Integer.compare(ranking, other.ranking);
        }
    }

    @Test
    void aRankingChangedWhileRegisteredCountsAndItsServiceCanStillGo() {
        DriverChoice<Reference, String, String> references = new DriverChoice<>();
        Reference first = new Reference(1);
        Reference second = new Reference(5);
        references.add("docker", first, "first");
        references.add("docker", second, "second");

        second.ranking = 0;

        assertThat(references.best("docker").getValue()).isEqualTo("first");
        assertThat(references.remove("docker", first)).isFalse();
        assertThat(references.best("docker").getValue()).isEqualTo("second");
        references.remove("docker", second);
        assertThat(references.best("docker")).isNull();
    }
}

package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.p2pvps.owner.Owner;

class OwnersTest {

    private final Owner alice = TestData.owner("o1", "alice@example.org");
    private final Owner bob = TestData.owner("o2", "bob@example.org");
    private final Owners owners = new Owners(List.of(alice, bob));

    @Test
    void findsByIdOrByEmailIgnoringCase() {
        assertThat(owners.find("o2")).contains(bob);
        assertThat(owners.find("Alice@Example.ORG")).contains(alice);
        assertThat(owners.find("carol@example.org")).isEmpty();
    }

    @Test
    void idMatchWinsOverAnEmailThatLooksLikeIt() {
        Owner odd = TestData.owner("o3", "o1");

        assertThat(new Owners(List.of(odd, alice)).find("o1")).contains(alice);
    }

    @Test
    void labelsAnOwnerByEmailAndAVanishedOwnerById() {
        assertThat(owners.label("o1")).isEqualTo("alice@example.org");
        assertThat(owners.label("gone")).isEqualTo("gone");
    }
}

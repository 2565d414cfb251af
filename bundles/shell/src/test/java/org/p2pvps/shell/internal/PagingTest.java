package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void readsEveryPageInOrder() {
        List<Integer> items = IntStream.range(0, 250).boxed().toList();

        assertThat(Paging.all((skip, limit) -> InMemoryServices.page(items, skip, limit))).isEqualTo(items);
    }

    @Test
    void stopsAfterAnEmptyPageWhenTheLastPageIsFull() {
        List<Integer> items = IntStream.range(0, 2 * Paging.PAGE_SIZE).boxed().toList();
        List<Integer> skips = new ArrayList<>();

        List<Integer> all = Paging.all((skip, limit) -> {
            skips.add(skip);
            return InMemoryServices.page(items, skip, limit);
        });

        assertThat(all).hasSize(200);
        assertThat(skips).containsExactly(0, 100, 200);
    }

    @Test
    void emptyCollectionTakesOneCall() {
        assertThat(Paging.all((skip, limit) -> List.of())).isEmpty();
    }
}

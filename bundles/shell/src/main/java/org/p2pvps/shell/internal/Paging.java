package org.p2pvps.shell.internal;

import java.util.ArrayList;
import java.util.List;

/** Reads a whole collection through an API that only hands it out page by page. */
final class Paging {

    /** The most the registry's listing search returns at once; the other services accept it as well. */
    static final int PAGE_SIZE = 100;

    /** One page of a collection: at most {@code limit} items after passing over {@code skip}. */
    @FunctionalInterface
    interface Pages<T> {
        List<T> fetch(int skip, int limit);
    }

    private Paging() {
    }

    /** @return every item, in the order the pages give them */
    static <T> List<T> all(Pages<T> pages) {
        List<T> all = new ArrayList<>();
        for (int skip = 0;; skip += PAGE_SIZE) {
            List<T> page = pages.fetch(skip, PAGE_SIZE);
            all.addAll(page);
            if (page.size() < PAGE_SIZE) {
                return all;
            }
        }
    }
}

package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Work spread over threads gives what a sequential loop gives: results in order, and the first failure in order. */
class InParallelTest {
    private static final List<Integer> ITEMS = IntStream.range(0, 500).boxed().toList();

    @Test
    void resultsComeInTheItemsOrder() {
        assertEquals(ITEMS.stream().map(i -> "#" + i).toList(), InParallel.map(ITEMS, 4, i -> "#" + i));
    }

    @Test
    void theFailureOfTheFirstFailingItemIsThrown() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> InParallel.map(ITEMS, 4, i -> {
            if (i >= 100 && i % 7 == 0) throw new IllegalStateException("item " + i);
            return i;
        }));
        assertEquals("item 105", e.getMessage());
    }
}

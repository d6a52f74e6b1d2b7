package dev.sparring.trainer.colearn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The relative area under cost curves, against hand-computed values. */
class RelativeAucTest {
    @Test
    void shouldDivideAreasAboveTheBestFinalLevel() {
        final double[] independent = {10, 8, 6, 4, 4, 4, 4, 4, 4, 4};
        final double[] shared = {6, 4, 3, 3, 3, 3, 3, 3, 3, 3};
        assertEquals(4.0, RelativeAuc.finalLevel(independent), 0.0);
        final double reference = RelativeAuc.reference(independent, shared);
        assertEquals(3.0, reference, 0.0);
        assertEquals(22.0, RelativeAuc.area(independent, reference), 0.0); // 7 + 5 + 3 + 7·1
        assertEquals(4.0, RelativeAuc.area(shared, reference), 0.0);
        assertEquals(4.0 / 22.0, RelativeAuc.relative(shared, independent, reference), 1e-15);
        assertEquals(34.0 / 52.0, RelativeAuc.relative(shared, independent, 0.0), 1e-15);
    }
}

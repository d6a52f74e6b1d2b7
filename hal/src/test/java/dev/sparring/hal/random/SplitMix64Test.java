package dev.sparring.hal.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Test {
    @Test
    void shouldReproduceSplittableRandomFromTheSameSeed() {
        final SplitMix64 generator = new SplitMix64(0L);
        for (final long seed : new long[] {0L, 1L, -7L, 0x5DEECE66DL, Long.MIN_VALUE}) {
            final SplittableRandom reference = new SplittableRandom(seed);
            generator.state(seed);
            for (int i = 0; i < 100; i++) {
                assertEquals(reference.nextLong(), generator.nextLong(), "seed " + seed + " draw " + i);
                assertEquals(reference.nextDouble(), generator.nextDouble(), "seed " + seed + " draw " + i);
            }
        }
    }

    @Test
    void shouldRestartTheSequenceWhenReseeded() {
        final SplitMix64 generator = new SplitMix64(0L);
        generator.state(99L);
        final double first = generator.uniform(-2.0, 3.0);
        generator.nextLong();
        generator.state(99L);
        assertEquals(first, generator.uniform(-2.0, 3.0));
        generator.state(99L);
        assertEquals(-2.0 + 5.0 * new SplittableRandom(99L).nextDouble(), generator.uniform(-2.0, 3.0));
    }
}

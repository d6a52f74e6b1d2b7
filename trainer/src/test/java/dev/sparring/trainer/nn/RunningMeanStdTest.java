package dev.sparring.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RunningMeanStdTest {
    private static final double[] DATA = {1.0, -2.0, 3.0, 0.0, 5.0, 2.0, -1.0, 4.0, 2.0, 6.0};

    @Test
    void shouldMergeBatchesToTheStatisticsOfTheWholeStream() {
        final RunningMeanStd whole = new RunningMeanStd(2, 10.0);
        final RunningMeanStd split = new RunningMeanStd(2, 10.0);

        whole.update(DATA, 0, 5);
        split.update(DATA, 0, 2);
        split.update(DATA, 4, 3);

        // Column 0: 1, 3, 5, −1, 2 → mean 2, population variance 4; column 1: −2, 0, 2, 4, 6 → mean 2, variance 8
        // (the initial pseudo-count 10⁻⁴ at mean 0, variance 1 shifts them by about 10⁻⁴).
        assertEquals(2.0, whole.mean(0), 1e-3);
        assertEquals(4.0, whole.variance(0), 1e-3);
        assertEquals(8.0, whole.variance(1), 2e-3);
        for (int i = 0; i < 2; i++) {
            assertEquals(whole.mean(i), split.mean(i), 1e-12);
            assertEquals(whole.variance(i), split.variance(i), 1e-12);
        }
        assertEquals(5.0001, split.count(), 1e-12);
    }

    @Test
    void shouldStandardiseAndClip() {
        final RunningMeanStd statistics = new RunningMeanStd(2, 1.5);
        statistics.restore(new double[] {1.0, -1.0}, new double[] {4.0, 0.25}, 10.0);
        final double[] out = new double[4];

        statistics.normalize(new double[] {3.0, -1.25, 100.0, -100.0}, 0, out, 0, 2);

        final double std0 = Math.sqrt(4.0 + RunningMeanStd.EPSILON);
        final double std1 = Math.sqrt(0.25 + RunningMeanStd.EPSILON);
        assertArrayEquals(new double[] {2.0 / std0, -0.25 / std1, 1.5, -1.5}, out, 1e-15);
        assertEquals(std0, statistics.std(0), 0.0);
    }

    @Test
    void shouldIgnoreUpdatesWhenFrozen() {
        final RunningMeanStd statistics = new RunningMeanStd(2, 10.0);
        statistics.frozen(true);

        statistics.update(DATA, 0, 5);

        assertEquals(0.0, statistics.mean(0), 0.0);
        assertEquals(1.0, statistics.variance(1), 0.0);
    }
}

package dev.sparring.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrthogonalTest {
    @ParameterizedTest
    @CsvSource({"6, 4, 1.0", "4, 6, 1.4142135623730951", "5, 5, 0.01", "64, 17, 2.0"})
    void shouldGiveScaledIdentityGram(final int rows, final int cols, final double gain) {
        final double[] w = new double[rows * cols];
        Orthogonal.fill(w, 0, rows, cols, gain, new SplittableRandom(7L));
        final boolean tall = rows >= cols;
        final int size = tall ? cols : rows;
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                double dot = 0.0;
                if (tall) {
                    for (int r = 0; r < rows; r++) {
                        dot += w[r * cols + a] * w[r * cols + b];
                    }
                } else {
                    for (int c = 0; c < cols; c++) {
                        dot += w[a * cols + c] * w[b * cols + c];
                    }
                }
                assertEquals(a == b ? gain * gain : 0.0, dot, 1e-10, "Gram entry " + a + "," + b);
            }
        }
    }
}

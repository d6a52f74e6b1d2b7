package dev.sparring.hal.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SensorModelTest {
    private static final double STEP = 2 * Math.PI / 4096;

    @Test
    void shouldQuantiseToWholeCountsBelowTheValue() {
        final SensorModel model = new SensorModel(new double[] {STEP, 0.001}, new double[2], 0, 1);
        final double[] out = new double[2];

        model.measure(new double[] {0.123456, -0.0025}, out);

        assertEquals(Math.floor(0.123456 / STEP) * STEP, out[0]);
        assertEquals(80 * STEP, out[0], 1e-15);
        assertEquals(-0.003, out[1], 1e-15);
    }

    @Test
    void shouldReturnTheMeasurementTakenKCallsEarlierAndTheFirstOneBefore() {
        final int delay = 3;
        final SensorModel model = new SensorModel(new double[1], new double[1], delay, 1);
        final double[] out = new double[1];

        for (int call = 0; call < 10; call++) {
            model.measure(new double[] {call}, out);
            assertEquals(Math.max(0, call - delay), out[0], "call " + call);
        }
    }

    @Test
    void shouldAddGaussianNoiseOfTheGivenStandardDeviation() {
        final double std = 0.2;
        final SensorModel model = new SensorModel(new double[1], new double[] {std}, 0, 7);
        final double[] out = new double[1];
        final int samples = 100_000;
        double sum = 0;
        double sumSquares = 0;

        for (int i = 0; i < samples; i++) {
            model.measure(new double[] {1.0}, out);
            sum += out[0] - 1.0;
            sumSquares += (out[0] - 1.0) * (out[0] - 1.0);
        }

        assertEquals(0.0, sum / samples, 0.005);
        assertEquals(std, Math.sqrt(sumSquares / samples), 0.005);
    }

    @Test
    void shouldDrawTheSameNoiseForTheSameSeed() {
        final double[] first = noiseSequence(42);

        assertArrayEquals(first, noiseSequence(42));
        assertNotEquals(first[0], noiseSequence(43)[0]);
    }

    private static double[] noiseSequence(final long seed) {
        final SensorModel model = new SensorModel(new double[2], new double[] {0.1, 0.3}, 0, seed);
        final double[] out = new double[2];
        final double[] sequence = new double[20];
        for (int i = 0; i < 10; i++) {
            model.measure(new double[2], out);
            sequence[2 * i] = out[0];
            sequence[2 * i + 1] = out[1];
        }
        return sequence;
    }
}

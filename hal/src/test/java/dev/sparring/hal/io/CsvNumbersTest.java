package dev.sparring.hal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Every number a CSV cell holds reads back exactly, in one notation. */
class CsvNumbersTest {
    @Test
    void shouldWriteTheShortestDecimalInPlainNotation() {
        assertEquals("0.68", CsvNumbers.format(0.68));
        assertEquals("7.8", CsvNumbers.format(7.8));
        assertEquals("-1234.5678", CsvNumbers.format(-1234.5678));
        assertEquals("0.0000001", CsvNumbers.format(1e-7));
        assertEquals("100000000000000000000", CsvNumbers.format(1e20));
    }

    @Test
    void shouldWriteIntegralValuesWithoutADecimalPoint() {
        assertEquals("512", CsvNumbers.format(512.0));
        assertEquals("0", CsvNumbers.format(0.0));
        assertEquals("-0", CsvNumbers.format(-0.0));
        assertEquals("3", CsvNumbers.format(3.0f));
        assertEquals("9007199254740993", CsvNumbers.format(9_007_199_254_740_993L));
    }

    @Test
    void shouldUseAnExponentOnlyOutsideThePlainRange() {
        assertEquals("1e-8", CsvNumbers.format(1e-8));
        assertEquals("-2.5e-300", CsvNumbers.format(-2.5e-300));
        assertEquals("1.5e21", CsvNumbers.format(1.5e21));
        assertEquals("4.9e-324", CsvNumbers.format(Double.MIN_VALUE));
    }

    @Test
    void shouldWriteNaNAsAnEmptyCellAndInfinitiesByName() {
        assertEquals("", CsvNumbers.format(Double.NaN));
        assertEquals("", CsvNumbers.format(Float.NaN));
        assertEquals("Infinity", CsvNumbers.format(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", CsvNumbers.format(Float.NEGATIVE_INFINITY));
    }

    @Test
    void shouldReadEveryDoubleAndFloatBackExactly() {
        final SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 100_000; i++) {
            final double d = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong())
                : random.nextDouble(-1e6, 1e6);
            if (!Double.isNaN(d)) {
                assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(
                    CsvNumbers.format(d))), () -> Double.toString(d));
            }
            final float f = Float.intBitsToFloat(random.nextInt());
            if (!Float.isNaN(f)) {
                assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(Float.parseFloat(
                    CsvNumbers.format(f))), () -> Float.toString(f));
            }
        }
    }
}

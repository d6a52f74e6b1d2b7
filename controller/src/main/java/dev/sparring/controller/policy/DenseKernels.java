package dev.sparring.controller.policy;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD loops of {@link MlpExecutor}, over the preferred vector species (8 float lanes with AVX2, 16 with AVX-512,
 * 4 with NEON). Kept apart so that nothing touches the Vector API before {@link MlpExecutor} has checked the module
 * is present.
 */
final class DenseKernels {
    /** The vector shape every loop uses. */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector; layer outputs are padded to a multiple of it. */
    static final int LANES = SPECIES.length();

    /** Floats in a block of four output vectors, the unit of {@link #affine}'s main loop. */
    private static final int BLOCK = 4 * LANES;

    private DenseKernels() {
    }

    /**
     * Lays a layer's weights out for {@link #affine}: in panels, one per block of output vectors, each panel holding,
     * input by input, the weights of its outputs. A block of four output vectors (rows {@code r0 .. r0 + 4 LANES})
     * has {@code W[r0 + k][j]} at {@code panel + j * 4 LANES + k}; a lone output vector has {@code W[r0 + k][j]} at
     * {@code panel + j * LANES + k}. Rows past the layer's outputs are zero. {@link #affine} then reads each panel
     * from start to end, at indices whose stride is a constant, so the JIT drops the bounds checks.
     *
     * @param rowMajor         the layer's weights, row-major {@code outputSize × inputSize}.
     * @param inputSize        the layer's input width.
     * @param outputSize       the layer's output width.
     * @param paddedOutputSize the output size rounded up to a multiple of {@link #LANES}.
     * @return {@code inputSize * paddedOutputSize} weights.
     */
    static float[] pack(final float[] rowMajor, final int inputSize, final int outputSize,
        final int paddedOutputSize) {
        final float[] packed = new float[inputSize * paddedOutputSize];
        int panel = 0;
        int r0 = 0;
        while (r0 < paddedOutputSize) {
            final int rows = r0 + BLOCK <= paddedOutputSize ? BLOCK : LANES;
            for (int j = 0; j < inputSize; j++) {
                for (int k = 0; k < rows && r0 + k < outputSize; k++) {
                    packed[panel + j * rows + k] = rowMajor[(r0 + k) * inputSize + j];
                }
            }
            panel += inputSize * rows;
            r0 += rows;
        }
        return packed;
    }

    /**
     * {@code output = W input + b}, with {@code W} laid out by {@link #pack}. Every sum is split over independent
     * registers so that fused multiply-adds overlap instead of waiting on each other (an FMA takes about 4 cycles and
     * a core starts two per cycle): blocks of four output vectors keep two partial sums each (even and odd inputs),
     * in registers across all inputs; the output vectors left over keep four (inputs {@code j mod 4}). The partial
     * sums are added at the end.
     *
     * @param weights          {@code inputSize * paddedOutputSize} weights from {@link #pack}.
     * @param biases           {@code paddedOutputSize} biases, zero past the real outputs.
     * @param input            the layer's input.
     * @param inputSize        the number of inputs to read.
     * @param output           receives {@code paddedOutputSize} values.
     * @param paddedOutputSize the output size rounded up to a multiple of {@link #LANES}.
     */
    static void affine(
        final float[] weights, final float[] biases, final float[] input, final int inputSize, final float[] output,
        final int paddedOutputSize) {
        final int blocksEnd = paddedOutputSize - paddedOutputSize % BLOCK;
        final int pairsEnd = inputSize & ~1;
        final int quadsEnd = inputSize & ~3;
        int panel = 0;
        int i = 0;
        for (; i < blocksEnd; i += BLOCK) {
            FloatVector even0 = FloatVector.fromArray(SPECIES, biases, i);
            FloatVector even1 = FloatVector.fromArray(SPECIES, biases, i + LANES);
            FloatVector even2 = FloatVector.fromArray(SPECIES, biases, i + 2 * LANES);
            FloatVector even3 = FloatVector.fromArray(SPECIES, biases, i + 3 * LANES);
            FloatVector odd0 = FloatVector.zero(SPECIES);
            FloatVector odd1 = FloatVector.zero(SPECIES);
            FloatVector odd2 = FloatVector.zero(SPECIES);
            FloatVector odd3 = FloatVector.zero(SPECIES);
            for (int j = 0; j < pairsEnd; j += 2) {
                final FloatVector x = FloatVector.broadcast(SPECIES, input[j]);
                final FloatVector y = FloatVector.broadcast(SPECIES, input[j + 1]);
                final int even = panel + j * BLOCK;
                final int odd = even + BLOCK;
                even0 = FloatVector.fromArray(SPECIES, weights, even).fma(x, even0);
                even1 = FloatVector.fromArray(SPECIES, weights, even + LANES).fma(x, even1);
                even2 = FloatVector.fromArray(SPECIES, weights, even + 2 * LANES).fma(x, even2);
                even3 = FloatVector.fromArray(SPECIES, weights, even + 3 * LANES).fma(x, even3);
                odd0 = FloatVector.fromArray(SPECIES, weights, odd).fma(y, odd0);
                odd1 = FloatVector.fromArray(SPECIES, weights, odd + LANES).fma(y, odd1);
                odd2 = FloatVector.fromArray(SPECIES, weights, odd + 2 * LANES).fma(y, odd2);
                odd3 = FloatVector.fromArray(SPECIES, weights, odd + 3 * LANES).fma(y, odd3);
            }
            if (pairsEnd < inputSize) {
                final FloatVector x = FloatVector.broadcast(SPECIES, input[pairsEnd]);
                final int even = panel + pairsEnd * BLOCK;
                even0 = FloatVector.fromArray(SPECIES, weights, even).fma(x, even0);
                even1 = FloatVector.fromArray(SPECIES, weights, even + LANES).fma(x, even1);
                even2 = FloatVector.fromArray(SPECIES, weights, even + 2 * LANES).fma(x, even2);
                even3 = FloatVector.fromArray(SPECIES, weights, even + 3 * LANES).fma(x, even3);
            }
            even0.add(odd0).intoArray(output, i);
            even1.add(odd1).intoArray(output, i + LANES);
            even2.add(odd2).intoArray(output, i + 2 * LANES);
            even3.add(odd3).intoArray(output, i + 3 * LANES);
            panel += inputSize * BLOCK;
        }
        for (; i < paddedOutputSize; i += LANES) {
            FloatVector sum0 = FloatVector.fromArray(SPECIES, biases, i);
            FloatVector sum1 = FloatVector.zero(SPECIES);
            FloatVector sum2 = FloatVector.zero(SPECIES);
            FloatVector sum3 = FloatVector.zero(SPECIES);
            for (int j = 0; j < quadsEnd; j += 4) {
                final int column = panel + j * LANES;
                sum0 = FloatVector.fromArray(SPECIES, weights, column)
                    .fma(FloatVector.broadcast(SPECIES, input[j]), sum0);
                sum1 = FloatVector.fromArray(SPECIES, weights, column + LANES)
                    .fma(FloatVector.broadcast(SPECIES, input[j + 1]), sum1);
                sum2 = FloatVector.fromArray(SPECIES, weights, column + 2 * LANES)
                    .fma(FloatVector.broadcast(SPECIES, input[j + 2]), sum2);
                sum3 = FloatVector.fromArray(SPECIES, weights, column + 3 * LANES)
                    .fma(FloatVector.broadcast(SPECIES, input[j + 3]), sum3);
            }
            for (int j = quadsEnd; j < inputSize; j++) {
                sum0 = FloatVector.fromArray(SPECIES, weights, panel + j * LANES)
                    .fma(FloatVector.broadcast(SPECIES, input[j]), sum0);
            }
            sum0.add(sum1).add(sum2.add(sum3)).intoArray(output, i);
            panel += inputSize * LANES;
        }
    }

    /**
     * Replaces each value {@code v} by {@code max(v, 0)}; NaN stays NaN.
     *
     * @param values       the values; changed in place.
     * @param paddedLength how many values to change, a multiple of {@link #LANES}.
     */
    static void reluInPlace(final float[] values, final int paddedLength) {
        for (int i = 0; i < paddedLength; i += LANES) {
            FloatVector.fromArray(SPECIES, values, i).max(0.0f).intoArray(values, i);
        }
    }
}

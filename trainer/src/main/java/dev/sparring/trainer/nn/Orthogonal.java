package dev.sparring.trainer.nn;

import java.util.SplittableRandom;

/**
 * Orthogonal initialisation (Saxe et al.): the orthonormal factor of a Gaussian matrix, scaled by a gain, so that
 * {@code WᵀW = gain²·I} for tall matrices and {@code WWᵀ = gain²·I} for wide ones.
 */
public final class Orthogonal {
    private Orthogonal() {
    }

    /**
     * Fills a row-major {@code rows × cols} matrix with a scaled orthogonal matrix, by modified Gram-Schmidt over
     * the shorter dimension of a standard Gaussian matrix.
     *
     * @param w      the destination array.
     * @param offset where the matrix starts in {@code w}.
     * @param rows   the number of rows.
     * @param cols   the number of columns.
     * @param gain   the scale of the orthonormal factor.
     * @param random the source of Gaussian samples.
     */
    public static void fill(
        final double[] w, final int offset, final int rows, final int cols, final double gain,
        final SplittableRandom random) {
        final boolean tall = rows >= cols;
        final int vectors = tall ? cols : rows;
        final int length = tall ? rows : cols;
        final double[] q = new double[vectors * length];
        for (int k = 0; k < q.length; k++) {
            q[k] = random.nextGaussian();
        }
        for (int a = 0; a < vectors; a++) {
            final int aRow = a * length;
            for (int b = 0; b < a; b++) {
                final int bRow = b * length;
                double dot = 0.0;
                for (int i = 0; i < length; i++) {
                    dot += q[aRow + i] * q[bRow + i];
                }
                for (int i = 0; i < length; i++) {
                    q[aRow + i] -= dot * q[bRow + i];
                }
            }
            double norm = 0.0;
            for (int i = 0; i < length; i++) {
                norm += q[aRow + i] * q[aRow + i];
            }
            final double scale = 1.0 / Math.sqrt(norm);
            for (int i = 0; i < length; i++) {
                q[aRow + i] *= scale;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                final double v = tall ? q[c * length + r] : q[r * length + c];
                w[offset + r * cols + c] = gain * v;
            }
        }
    }
}

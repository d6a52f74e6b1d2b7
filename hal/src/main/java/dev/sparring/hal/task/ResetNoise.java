package dev.sparring.hal.task;

import dev.sparring.hal.random.SplitMix64;

/**
 * Gymnasium's reset of the MuJoCo tasks (v4): {@code qpos = qpos0 + U(−scale, scale)} element by element in joint
 * order, then {@code qvel = qvel0 + U(−scale, scale)}, or {@code qvel0 + scale · N(0, 1)} where the task draws
 * velocities from a normal distribution (HalfCheetah). The trainer's environments and a simulated robot that resets
 * its plant between episodes draw with this one definition, from the same {@link SplitMix64} stream, so the same
 * episode seed gives the same initial state in both.
 *
 * @param scale              the noise scale, finite and &gt;= 0 (0: every episode starts at {@code qpos0, qvel0}).
 * @param gaussianVelocities whether velocities are drawn from {@code scale · N(0, 1)} instead of the uniform range.
 */
public record ResetNoise(double scale, boolean gaussianVelocities) {
    /** Checks the scale. */
    public ResetNoise {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("reset noise scale must be finite and >= 0, was " + scale);
        }
    }

    /**
     * Draws an initial state; allocates nothing.
     *
     * @param generator  the generator, seeded with the episode's seed.
     * @param qpos0      the positions the noise is added to, one per joint.
     * @param qvel0      the velocities the noise is added to.
     * @param positions  receives the positions.
     * @param velocities receives the velocities.
     */
    public void draw(final SplitMix64 generator, final double[] qpos0, final double[] qvel0, final double[] positions,
        final double[] velocities) {
        final double s = scale;
        final int n = qpos0.length;
        for (int j = 0; j < n; j++) {
            positions[j] = qpos0[j] + generator.uniform(-s, s);
        }
        for (int j = 0; j < n; j++) {
            velocities[j] = qvel0[j] + (gaussianVelocities ? s * generator.nextGaussian() : generator.uniform(-s, s));
        }
    }
}

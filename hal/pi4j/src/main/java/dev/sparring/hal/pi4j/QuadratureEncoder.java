package dev.sparring.hal.pi4j;

/**
 * A joint's position and velocity from an LS7366R's count ({@link EncoderConfig}).
 * <p>
 * The chip's 32-bit count wraps; each read adds the signed 32-bit difference from the previous count to a 64-bit
 * total, so the position is continuous across the wrap (as long as fewer than 2³¹ counts pass between two reads). The
 * position is {@code total · 2π / counts_per_rev · direction}, 0 where the count was cleared at configure. The velocity
 * is the backward difference over the tick's clock, {@code Δposition / (nowNs − previous nowNs)}: no filter, so it is
 * quantised to {@code 2π / counts_per_rev / period} (2048 counts at 1 kHz: 3.07 rad/s per count); 0 at the first read
 * after configure, and held when the clock did not advance.
 */
final class QuadratureEncoder {
    private final Ls7366r chip;
    private final double radPerCount;
    private long totalCounts;
    private int lastCount;
    private long lastNs;
    private boolean started;
    private double positionRad;
    private double velocityRadS;

    /**
     * @param chip   the counter.
     * @param config the encoder's calibration.
     */
    QuadratureEncoder(final Ls7366r chip, final EncoderConfig config) {
        this.chip = chip;
        this.radPerCount = 2.0 * Math.PI / config.countsPerRev() * config.direction();
    }

    /**
     * Configures the chip (count cleared) and restarts the estimate at position 0.
     *
     * @return MDR0 as read back, or -1 ({@link Ls7366r#configure()}).
     * @throws RuntimeException Pi4J's, when the bus cannot be used.
     */
    int configure() {
        final int mdr0 = chip.configure();
        totalCounts = 0;
        lastCount = 0;
        started = false;
        positionRad = 0.0;
        velocityRadS = 0.0;
        return mdr0;
    }

    /**
     * @param nowNs the tick's clock.
     * @return whether the count was read.
     * @throws RuntimeException Pi4J's, when the bus cannot be used.
     */
    boolean read(final long nowNs) {
        if (!chip.read()) {
            return false;
        }
        final int count = chip.count();
        totalCounts += count - lastCount;
        lastCount = count;
        final double previousRad = positionRad;
        positionRad = totalCounts * radPerCount;
        if (started && nowNs - lastNs > 0) {
            velocityRadS = (positionRad - previousRad) / ((nowNs - lastNs) * 1e-9);
        }
        lastNs = nowNs;
        started = true;
        return true;
    }

    /** @return the joint position of the last read (rad). */
    double positionRad() {
        return positionRad;
    }

    /** @return the joint velocity of the last read (rad/s). */
    double velocityRadS() {
        return velocityRadS;
    }
}

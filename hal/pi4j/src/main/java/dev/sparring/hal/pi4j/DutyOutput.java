package dev.sparring.hal.pi4j;

/**
 * An output whose duty cycle drives one input of an H-bridge: a Raspberry Pi hardware PWM pin
 * ({@link HardwarePwmOutput}) or a PCA9685 channel ({@link Pca9685Output}).
 */
interface DutyOutput {

    /**
     * Sets the duty cycle; allocation-free.
     *
     * @param duty the fraction of the period the output is high, 0..1 (0: low, 1: high throughout).
     * @throws RuntimeException Pi4J's, when the output cannot be written.
     */
    void duty(double duty);

    /** Forgets what was last written, so the next {@link #duty} writes whatever it is (the safe state does). */
    void forget();
}

package dev.sparring.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;

/**
 * A Raspberry Pi hardware PWM pin through Pi4J's {@link Pwm}. Pi4J 3.0.3's duty cycle is a whole percent (0..100), so
 * the resolution is 1 %; and its linuxfs {@code Pwm.on()} disables the output, rewrites period, duty cycle and
 * polarity in sysfs and enables it again, so this class calls it only when the percentage changes ({@code off()} at
 * 0 %). The boxing of the percentage goes through {@link Integer#valueOf(int)}'s cache (0..100): nothing is allocated
 * here.
 */
final class HardwarePwmOutput implements DutyOutput {
    /** The BCM pins with a hardware PWM function. */
    static final int[] PINS = {12, 13, 18, 19};

    private final Pwm pwm;
    /** Boxed once: {@code Pwm.on(Number, Number)} would box 20 000 Hz (outside Integer's cache) at every change. */
    private final Integer frequencyHzBoxed;
    private int lastPercent = -1;

    private HardwarePwmOutput(final Pwm pwm, final int frequencyHz) {
        this.pwm = pwm;
        this.frequencyHzBoxed = frequencyHz;
    }

    /**
     * Opens the pin's PWM channel, off.
     *
     * @param context     the Pi4J context.
     * @param pin         the BCM pin, one of {@link #PINS}.
     * @param frequencyHz the PWM frequency.
     * @return the output.
     * @throws RuntimeException Pi4J's, when the channel cannot be opened (no {@code dtoverlay=pwm-2chan}, say).
     */
    static HardwarePwmOutput open(final Context context, final int pin, final int frequencyHz) {
        final boolean rp1 = context.boardInfo() != null && context.boardInfo().getBoardModel() != null
            && context.boardInfo().getBoardModel().usesRP1();
        final Pwm pwm = context.create(Pwm.newConfigBuilder(context).id("pwm-" + pin).address(channel(pin, rp1))
            .pwmType(PwmType.HARDWARE).frequency(frequencyHz).initial(0).shutdown(0).build(), IOType.PWM);
        pwm.off();
        return new HardwarePwmOutput(pwm, frequencyHz);
    }

    /**
     * @param pin a BCM pin of {@link #PINS}.
     * @param rp1 whether the board is a Raspberry Pi 5 (its RP1 chip has four PWM channels).
     * @return the PWM channel of the pin: before the Pi 5, 12 and 18 are PWM0, 13 and 19 PWM1; on the Pi 5, 12, 13,
     *     18 and 19 are channels 0..3.
     */
    static int channel(final int pin, final boolean rp1) {
        return switch (pin) {
            case 12 -> 0;
            case 13 -> 1;
            case 18 -> rp1 ? 2 : 0;
            case 19 -> rp1 ? 3 : 1;
            default -> throw new IllegalArgumentException("GPIO " + pin + " has no hardware PWM");
        };
    }

    @Override
    public void duty(final double duty) {
        final int percent = (int) Math.round(Math.max(0.0, Math.min(1.0, duty)) * 100.0);
        if (percent == lastPercent) {
            return;
        }
        if (percent == 0) {
            pwm.off();
        } else {
            pwm.on(percent, frequencyHzBoxed);
        }
        lastPercent = percent;
    }

    @Override
    public void forget() {
        lastPercent = -1;
    }
}
